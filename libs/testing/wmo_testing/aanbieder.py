"""iWmo berichten as an aanbieder's system writes them: the Wmo305 (care started), Wmo307
(care stopped), Wmo315 (asks for a toewijzing), Wmo317 (asks to change one) and Wmo323
(declaratie). The demo's simulator and the cross-service tests build them here; the messages
are the codec's models, `iwmo.write_message` turns them into XML."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from iwmo import write_message
from iwmo.models import (
    AangevraagdProduct,
    Achternaam,
    BedragMetDC,
    BerichtIdentificatie,
    Client305,
    Client307,
    Client315,
    Client317,
    Client323,
    Declaratie,
    Geboortedatum,
    GeslotenPeriode,
    HeaderVanAanbieder,
    Omvang,
    Prestatie,
    Product,
    ProductReferentie,
    StartProduct,
    StopProduct,
    TeWijzigenProduct,
    TotaalBedragMetDC,
    VerkorteNaam,
    Verwijzer,
    Verzoek,
    Wmo305,
    Wmo307,
    Wmo315,
    Wmo317,
    Wmo323,
)
from wmo_common.calendar import today
from wmo_testing.regio import TILBURG

# iWmo BerichtCode of each bericht an aanbieder sends.
WMO305, WMO307, WMO315, WMO317, WMO323 = "418", "420", "444", "480", "484"


@dataclass(frozen=True)
class Clientgegevens:
    """What the aanbieder's system knows of its client (from the Wmo301) and repeats in every
    bericht about them."""

    bsn: str
    geboortedatum: date
    geslacht: str
    achternaam: str
    voorletters: str
    voorvoegsel: str | None = None

    def naam(self) -> VerkorteNaam:
        return VerkorteNaam(
            geslachtsnaam=Achternaam(achternaam=self.achternaam, voorvoegsel=self.voorvoegsel),
            voorletters=self.voorletters,
        )


def header(
    code: str, afzender: str, ontvanger: str, identificatie: str, dagtekening: date
) -> HeaderVanAanbieder:
    """The header of a bericht from aanbieder `afzender` to gemeente `ontvanger`."""
    return HeaderVanAanbieder(
        bericht_code=code,
        afzender=afzender,
        ontvanger=ontvanger,
        bericht_identificatie=BerichtIdentificatie(
            identificatie=identificatie, dagtekening=dagtekening
        ),
    )


def wmo305(
    kop: HeaderVanAanbieder,
    client: Clientgegevens,
    *,
    toewijzing_nummer: int,
    product: Product,
    toewijzing_ingangsdatum: date,
    begindatum: date,
) -> Wmo305:
    """Care under one toewijzing started on `begindatum`."""
    start = StartProduct(
        toewijzing_nummer=toewijzing_nummer,
        product=product,
        toewijzing_ingangsdatum=toewijzing_ingangsdatum,
        begindatum=begindatum,
        status_aanlevering="1",
    )
    return Wmo305(
        header=kop,
        client=Client305(
            bsn=client.bsn,
            geboortedatum=Geboortedatum(datum=client.geboortedatum),
            geslacht=client.geslacht,
            naam=client.naam(),
            start_producten=(start,),
        ),
    )


def wmo307(
    kop: HeaderVanAanbieder,
    client: Clientgegevens,
    *,
    toewijzing_nummer: int,
    product: Product,
    toewijzing_ingangsdatum: date,
    begindatum: date,
    einddatum: date,
    reden_beeindiging: str,
) -> Wmo307:
    """Care under one toewijzing stopped on `einddatum`, for an iWmo RedenBeeindiging."""
    stop = StopProduct(
        toewijzing_nummer=toewijzing_nummer,
        product=product,
        toewijzing_ingangsdatum=toewijzing_ingangsdatum,
        begindatum=begindatum,
        reden_beeindiging=reden_beeindiging,
        einddatum=einddatum,
        status_aanlevering="1",
    )
    return Wmo307(
        header=kop,
        client=Client307(
            bsn=client.bsn,
            geboortedatum=Geboortedatum(datum=client.geboortedatum),
            geslacht=client.geslacht,
            naam=client.naam(),
            stop_producten=(stop,),
        ),
    )


def wmo315(
    kop: HeaderVanAanbieder,
    client: Clientgegevens,
    *,
    referentie: str,
    product: Product,
    ingangsdatum: date,
    einddatum: date,
    omvang: Omvang,
) -> Wmo315:
    """Ask the gemeente for a toewijzing of `product` (a verzoek om toewijzing)."""
    aangevraagd = AangevraagdProduct(
        referentie_aanbieder=referentie,
        product=product,
        toewijzing_ingangsdatum=ingangsdatum,
        toewijzing_einddatum=einddatum,
        omvang=omvang,
        verwijzer=Verwijzer(type="01"),
    )
    return Wmo315(
        header=kop,
        client=Client315(
            bsn=client.bsn,
            geboortedatum=Geboortedatum(datum=client.geboortedatum),
            geslacht=client.geslacht,
            naam=client.naam(),
            aangevraagde_producten=(aangevraagd,),
        ),
    )


def wmo317(
    kop: HeaderVanAanbieder,
    bsn: str,
    *,
    referentie: str,
    toewijzing_nummer: int,
    gewenste_ingangsdatum: date,
    einddatum: date,
    omvang: Omvang,
) -> Wmo317:
    """Ask to change one toewijzing (a verzoek om wijziging): its end date and omvang."""
    verzoek = Verzoek(
        referentie_aanbieder=referentie,
        reden_verzoek="1",
        te_wijzigen_producten=(
            TeWijzigenProduct(
                toewijzing_nummer=toewijzing_nummer,
                gewenste_ingangsdatum=gewenste_ingangsdatum,
                einddatum=einddatum,
                omvang=omvang,
            ),
        ),
    )
    return Wmo317(header=kop, client=Client317(bsn=bsn, verzoek=verzoek))


def prestatie(
    *,
    referentie: str,
    toewijzing_nummer: int,
    categorie: str,
    code: str,
    periode: tuple[date, date],
    volume: int,
    eenheid: str,
    tarief: int,
) -> Prestatie:
    """One declared line: `volume` delivered in `periode` at `tarief` cents, for volume x tarief."""
    return Prestatie(
        product_referentie=ProductReferentie(referentie_nummer=referentie),
        toewijzing_nummer=toewijzing_nummer,
        product_categorie=categorie,
        product_code=code,
        product_periode=GeslotenPeriode(begindatum=periode[0], einddatum=periode[1]),
        geleverd_volume=volume,
        eenheid=eenheid,
        product_tarief=tarief,
        ingediend_bedrag=BedragMetDC(bedrag=volume * tarief, debet_credit="D"),
    )


def wmo323(
    kop: HeaderVanAanbieder,
    *,
    declaratienummer: str,
    periode: tuple[date, date],
    dagtekening: date,
    regels: Iterable[tuple[str, Prestatie]],
) -> Wmo323:
    """One declaratie of (bsn, prestatie) lines, grouped per client in the order given."""
    per_client: dict[str, list[Prestatie]] = {}
    for bsn, line in regels:
        per_client.setdefault(bsn, []).append(line)
    totaal = sum(p.ingediend_bedrag.bedrag for lines in per_client.values() for p in lines)
    declaratie = Declaratie(
        declaratie_nummer=declaratienummer,
        declaratie_periode=GeslotenPeriode(begindatum=periode[0], einddatum=periode[1]),
        declaratie_dagtekening=dagtekening,
        totaal_ingediend_bedrag=TotaalBedragMetDC(totaal_bedrag=totaal, debet_credit="D"),
        clienten=tuple(
            Client323(bsn=bsn, prestaties=tuple(lines)) for bsn, lines in per_client.items()
        ),
    )
    return Wmo323(header=kop, declaratie=declaratie)


# --- the berichten of the cross-service tests' aanbieder -------------------------------------

# The client the cross-service tests register (wmo_testing.flows), as the aanbieder knows them.
GEBOORTEDATUM = date(1948, 3, 12)
# Every toewijzing of the cross-service tests: 4 uur per week.
OMVANG_4_UUR_PER_WEEK = Omvang(volume=4, eenheid="04", frequentie="2")


class Berichten:
    """One aanbieder's outgoing iWmo messages in the cross-service tests, as XML, each with its
    own BerichtIdentificatie, to the gemeente Tilburg about the test client."""

    def __init__(self, agb: str) -> None:
        self.agb = agb
        self.volgnummer = 0

    def header(self, code: str) -> HeaderVanAanbieder:
        self.volgnummer += 1
        return header(code, self.agb, TILBURG.cbs_code, f"F{code}{self.volgnummer:04d}", today())

    @staticmethod
    def client(bsn: str) -> Clientgegevens:
        return Clientgegevens(bsn, GEBOORTEDATUM, "2", "Vries", "JM", voorvoegsel="de")

    def wmo305(self, bsn: str, toewijzing: dict[str, Any], begindatum: date) -> bytes:
        return write_message(
            wmo305(
                self.header(WMO305),
                self.client(bsn),
                toewijzing_nummer=int(toewijzing["toewijzingnummer"]),
                product=Product(**toewijzing["product"]),
                toewijzing_ingangsdatum=date.fromisoformat(toewijzing["ingangsdatum"]),
                begindatum=begindatum,
            )
        )

    def wmo307(
        self,
        bsn: str,
        toewijzing: dict[str, Any],
        begindatum: date,
        einddatum: date,
        reden_beeindiging: str = "02",
    ) -> bytes:
        return write_message(
            wmo307(
                self.header(WMO307),
                self.client(bsn),
                toewijzing_nummer=int(toewijzing["toewijzingnummer"]),
                product=Product(**toewijzing["product"]),
                toewijzing_ingangsdatum=date.fromisoformat(toewijzing["ingangsdatum"]),
                begindatum=begindatum,
                einddatum=einddatum,
                reden_beeindiging=reden_beeindiging,
            )
        )

    def wmo315(
        self,
        bsn: str,
        referentie: str,
        product: dict[str, str],
        ingangsdatum: date,
        einddatum: date,
    ) -> bytes:
        return write_message(
            wmo315(
                self.header(WMO315),
                self.client(bsn),
                referentie=referentie,
                product=Product(**product),
                ingangsdatum=ingangsdatum,
                einddatum=einddatum,
                omvang=OMVANG_4_UUR_PER_WEEK,
            )
        )

    def wmo317(
        self, bsn: str, referentie: str, toewijzing: dict[str, Any], einddatum: date
    ) -> bytes:
        """Ask to change one toewijzing's end date, keeping its omvang."""
        return write_message(
            wmo317(
                self.header(WMO317),
                bsn,
                referentie=referentie,
                toewijzing_nummer=int(toewijzing["toewijzingnummer"]),
                gewenste_ingangsdatum=today(),
                einddatum=einddatum,
                omvang=OMVANG_4_UUR_PER_WEEK,
            )
        )

    def wmo323(
        self,
        declaratienummer: str,
        periode: tuple[date, date],
        regels: list[tuple[str, str, dict[str, Any], tuple[date, date], int, int]],
    ) -> bytes:
        """One declaratie; each regel is (bsn, referentie, toewijzing, (begin, eind), uren,
        tarief in cents), its amount uren x tarief."""
        lines = [
            (
                bsn,
                prestatie(
                    referentie=referentie,
                    toewijzing_nummer=int(toewijzing["toewijzingnummer"]),
                    categorie=toewijzing["product"]["categorie"],
                    code=toewijzing["product"]["code"],
                    periode=looptijd,
                    volume=uren,
                    eenheid="04",
                    tarief=tarief,
                ),
            )
            for bsn, referentie, toewijzing, looptijd, uren, tarief in regels
        ]
        return write_message(
            wmo323(
                self.header(WMO323),
                declaratienummer=declaratienummer,
                periode=periode,
                dagtekening=today(),
                regels=lines,
            )
        )

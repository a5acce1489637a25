"""Small factories of valid messages; tests override what they are about. The aanbieder's
berichten are built by wmo_testing.aanbieder, here with fixed sample data."""

import dataclasses
from datetime import date, time
from typing import Any, TypeVar

from iwmo.models import (
    AangevraagdProduct,
    Achternaam,
    Adres,
    Antwoord,
    BedragMetDC,
    BerichtIdentificatie,
    Client301,
    Client317,
    Client323,
    Contact,
    Declaratie,
    Geboortedatum,
    GeslotenPeriode,
    HeaderVanAanbieder,
    HeaderVanGemeente,
    Huis,
    NieuwProduct,
    Omvang,
    OngewijzigdProduct,
    Prestatie,
    Product,
    ProductReferentie,
    TeWijzigenProduct,
    ToegewezenProduct,
    TotaalBedragMetDC,
    VerkorteNaam,
    Verwijzer,
    Verzoek,
    VolledigeNaam,
    Wmo301,
    Wmo305,
    Wmo307,
    Wmo315,
    Wmo317,
    Wmo319,
    Wmo323,
)
from wmo_testing import aanbieder
from wmo_testing.aanbieder import Clientgegevens

T = TypeVar("T")
BSN = "999900006"
GEMEENTE = "0384"
AANBIEDER = "42420001"
DAGTEKENING = date(2024, 3, 5)
TODAY = date(2024, 3, 6)


def replace(obj: T, **changes: Any) -> T:
    return dataclasses.replace(obj, **changes)  # type: ignore[type-var]


def identificatie(code: str = "B1") -> BerichtIdentificatie:
    return BerichtIdentificatie(identificatie=code, dagtekening=DAGTEKENING)


def header_gemeente(code: str) -> HeaderVanGemeente:
    return HeaderVanGemeente(
        bericht_code=code,
        afzender=GEMEENTE,
        ontvanger=AANBIEDER,
        bericht_identificatie=identificatie(),
    )


def header_aanbieder(code: str) -> HeaderVanAanbieder:
    return HeaderVanAanbieder(
        bericht_code=code,
        afzender=AANBIEDER,
        ontvanger=GEMEENTE,
        bericht_identificatie=identificatie(),
    )


def toegewezen_product(
    nummer: int = 1, categorie: str = "02", code: str = "02A01"
) -> ToegewezenProduct:
    return ToegewezenProduct(
        toewijzing_nummer=nummer,
        product=Product(categorie=categorie, code=code),
        toewijzingsdatum=DAGTEKENING,
        toewijzingstijd=time(9, 30),
        ingangsdatum=date(2024, 1, 1),
        einddatum=date(2024, 12, 31),
        omvang=Omvang(volume=4, eenheid="04", frequentie="2"),
    )


def make_wmo301(products: int = 3) -> Wmo301:
    contact = Contact(
        soort="01",
        adres=Adres(
            huis=Huis(huisnummer=12),
            postcode="5038AB",
            straatnaam="Stationsstraat",
            plaatsnaam="Tilburg",
            land_code="NL",
        ),
    )
    client = Client301(
        bsn=BSN,
        geboortedatum=Geboortedatum(datum=date(1950, 5, 17)),
        geslacht="2",
        naam=VolledigeNaam(
            geslachtsnaam=Achternaam(achternaam="Jansen"), voorletters="M", naam_gebruik="1"
        ),
        contactgegevens=(contact,),
        toegewezen_producten=tuple(
            toegewezen_product(
                nummer, categorie=f"0{nummer % 9 + 1}", code=f"0{nummer % 9 + 1}A{nummer:02d}"
            )
            for nummer in range(1, products + 1)
        ),
    )
    return Wmo301(header=header_gemeente("414"), client=client)


def verkorte_naam() -> VerkorteNaam:
    return VerkorteNaam(geslachtsnaam=Achternaam(achternaam="Jansen"), voorletters="M")


CLIENT = Clientgegevens(BSN, date(1950, 5, 17), "2", "Jansen", "M")


def make_wmo305() -> Wmo305:
    return aanbieder.wmo305(
        header_aanbieder("418"),
        CLIENT,
        toewijzing_nummer=1,
        product=Product(categorie="02", code="02A01"),
        toewijzing_ingangsdatum=date(2024, 1, 1),
        begindatum=date(2024, 1, 8),
    )


def make_wmo307() -> Wmo307:
    return aanbieder.wmo307(
        header_aanbieder("420"),
        CLIENT,
        toewijzing_nummer=1,
        product=Product(categorie="02", code="02A01"),
        toewijzing_ingangsdatum=date(2024, 1, 1),
        begindatum=date(2024, 1, 8),
        einddatum=date(2024, 2, 29),
        reden_beeindiging="19",
    )


def aangevraagd_product(referentie: str = "REF1", categorie: str = "02") -> AangevraagdProduct:
    return AangevraagdProduct(
        referentie_aanbieder=referentie,
        product=Product(categorie=categorie, code=f"{categorie}A01"),
        toewijzing_ingangsdatum=date(2024, 4, 1),
        toewijzing_einddatum=date(2024, 12, 31),
        omvang=Omvang(volume=3, eenheid="04", frequentie="2"),
        verwijzer=Verwijzer(type="01"),
    )


def make_wmo315() -> Wmo315:
    return aanbieder.wmo315(
        header_aanbieder("444"),
        CLIENT,
        referentie="REF1",
        product=Product(categorie="02", code="02A01"),
        ingangsdatum=date(2024, 4, 1),
        einddatum=date(2024, 12, 31),
        omvang=Omvang(volume=3, eenheid="04", frequentie="2"),
    )


def make_wmo317() -> Wmo317:
    verzoek = Verzoek(
        referentie_aanbieder="VOW1",
        reden_verzoek="1",
        ongewijzigde_producten=(OngewijzigdProduct(toewijzing_nummer=1),),
        te_wijzigen_producten=(
            TeWijzigenProduct(
                toewijzing_nummer=2,
                gewenste_ingangsdatum=date(2024, 4, 1),
                einddatum=date(2024, 12, 31),
                omvang=Omvang(volume=6, eenheid="04", frequentie="2"),
            ),
        ),
        nieuwe_producten=(
            NieuwProduct(
                product=Product(categorie="07", code="07A01"),
                gewenste_ingangsdatum=date(2024, 4, 1),
                einddatum=date(2024, 12, 31),
                omvang=Omvang(volume=2, eenheid="16", frequentie="2"),
            ),
        ),
    )
    return Wmo317(header=header_aanbieder("480"), client=Client317(bsn=BSN, verzoek=verzoek))


def make_wmo319() -> Wmo319:
    return Wmo319(
        header=header_gemeente("482"),
        antwoord=Antwoord(
            referentie_aanbieder="VOW1", verzoek_antwoord="1", reden_afwijzing_verzoek="7"
        ),
    )


def prestatie(
    referentie: str,
    *,
    bedrag: int = 10000,
    debet_credit: str = "D",
    vorig: str | None = None,
    nummer: int = 1,
) -> Prestatie:
    return Prestatie(
        product_referentie=ProductReferentie(
            referentie_nummer=referentie, vorig_referentie_nummer=vorig
        ),
        toewijzing_nummer=nummer,
        product_categorie="02",
        product_code="02A01",
        product_periode=GeslotenPeriode(begindatum=date(2024, 2, 1), einddatum=date(2024, 2, 29)),
        geleverd_volume=bedrag // 2500,
        eenheid="04",
        product_tarief=2500,
        ingediend_bedrag=BedragMetDC(bedrag=bedrag, debet_credit=debet_credit),
    )


def make_wmo323(lines: int = 3, clients: int = 1) -> Wmo323:
    per_client = max(1, lines // clients)
    bsns = ["999900006", "999900018", "999900031", "999900043"]
    clienten = tuple(
        Client323(
            bsn=bsns[c],
            prestaties=tuple(
                prestatie(f"R{c}x{i}", nummer=c * 1000 + i) for i in range(per_client)
            ),
        )
        for c in range(clients)
    )
    totaal = sum(line.ingediend_bedrag.bedrag for client in clienten for line in client.prestaties)
    declaratie = Declaratie(
        declaratie_nummer="D2024x02".replace("x", ""),
        declaratie_periode=GeslotenPeriode(
            begindatum=date(2024, 2, 1), einddatum=date(2024, 2, 29)
        ),
        declaratie_dagtekening=DAGTEKENING,
        totaal_ingediend_bedrag=TotaalBedragMetDC(totaal_bedrag=totaal, debet_credit="D"),
        clienten=clienten,
    )
    return Wmo323(header=header_aanbieder("484"), declaratie=declaratie)

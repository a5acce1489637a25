"""Rules of the WMO323 Declaratiebericht that one message can be checked against."""

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from iwmo.findings import Finding, Level
from iwmo.models import (
    BedragMetDC,
    GeslotenPeriode,
    Prestatie,
    TotaalBedragMetDC,
    Wmo323,
)
from iwmo.rules.common import Findings, check_bsn, check_unique, finding, level2

FIRST_DAY_3X: Final = date(2021, 1, 1)
"""CS100: release 3.0 took effect on 1 January 2021; earlier periods are claimed elsewhere."""
_MINUUT: Final = "01"
_EURO: Final = "83"


def _signed(amount: BedragMetDC | TotaalBedragMetDC) -> int:
    value = amount.bedrag if isinstance(amount, BedragMetDC) else amount.totaal_bedrag
    return -value if amount.debet_credit == "C" else value


def _last_day(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _check_periode(
    out: Findings, periode: GeslotenPeriode, dagtekening: date, parent: str, element: str
) -> None:
    """TR137 and CS100 on the period `parent/element` (the path is only built for a finding)."""
    if periode.einddatum < periode.begindatum or periode.einddatum > dagtekening:
        out.append(
            level2(
                "TR137",
                f"{parent}/{element}/Einddatum",
                "Einddatum voor Begindatum of na Dagtekening",
            )
        )
    if periode.begindatum < FIRST_DAY_3X:
        out.append(
            level2(
                "CS100",
                f"{parent}/{element}/Begindatum",
                "periodes voor 2021 horen niet in iWmo 3.x",
            )
        )


def _amount_matches_tariff(prestatie: Prestatie) -> bool:
    """TR346, with IV081's rounding for minutes claimed against an hourly tariff."""
    tarief = prestatie.product_tarief
    if tarief is None:
        return True
    bedrag = prestatie.ingediend_bedrag.bedrag
    volume = prestatie.geleverd_volume
    if bedrag == volume * tarief:
        return True
    if prestatie.eenheid != _MINUUT:
        return False
    per_minute = (Decimal(volume) * Decimal(tarief) / Decimal(60)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    return bedrag == int(per_minute)


def _check_prestatie(
    out: Findings,
    prestatie: Prestatie,
    declaratie_periode: GeslotenPeriode,
    dagtekening: date,
    oldest_einddatum: date,
    path: str,
) -> None:
    periode = prestatie.product_periode
    begin, end = periode.begindatum, periode.einddatum
    _check_periode(out, periode, dagtekening, path, "ProductPeriode")
    if begin.month != end.month or begin.year != end.year:
        out.append(
            level2(
                "CS337", f"{path}/ProductPeriode", "ProductPeriode valt niet in één kalendermaand"
            )
        )
    if end < oldest_einddatum:
        out.append(
            level2(
                "TR335",
                f"{path}/ProductPeriode/Einddatum",
                "meer dan 5 jaar voor DeclaratieDagtekening",
            )
        )
    amount = prestatie.ingediend_bedrag
    if amount.bedrag == 0 and amount.debet_credit != "D":
        out.append(level2("CS325", f"{path}/IngediendBedrag/DebetCredit", "een bedrag 0 is debet"))
    is_credit = amount.debet_credit == "C"
    if is_credit != (prestatie.product_referentie.vorig_referentie_nummer is not None):
        out.append(
            level2(
                "CD060",
                f"{path}/ProductReferentie/VorigReferentieNummer",
                "hoort precies bij een creditregel",
            )
        )
    eenheid = prestatie.eenheid
    if (eenheid != _EURO) != (prestatie.product_tarief is not None):
        out.append(
            level2(
                "CD087",
                f"{path}/ProductTarief",
                "ProductTarief hoort bij elke eenheid behalve euro's",
            )
        )
    if eenheid == _EURO and amount.bedrag != prestatie.geleverd_volume:
        out.append(
            level2(
                "CS339",
                f"{path}/IngediendBedrag/Bedrag",
                "bij euro's is Bedrag gelijk aan GeleverdVolume",
            )
        )
    if end > declaratie_periode.einddatum:
        out.append(
            finding(
                "TR319",
                "9319",
                path,
                "ProductPeriode valt na de DeclaratiePeriode",
                Level.BERICHTOVERSTIJGEND,
            )
        )
    if not _amount_matches_tariff(prestatie):
        out.append(
            finding(
                "TR346",
                "9346",
                f"{path}/IngediendBedrag",
                "Bedrag is niet GeleverdVolume x ProductTarief",
                Level.EXTERNE_BRON,
            )
        )


def _five_years_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 5)
    except ValueError:
        return day.replace(year=day.year - 5, day=28)


def check_323(message: Wmo323) -> list[Finding]:
    out: Findings = []
    declaratie = message.declaratie
    dagtekening = message.header.bericht_identificatie.dagtekening
    base = "/Bericht/Declaratie"
    periode = declaratie.declaratie_periode
    _check_periode(out, periode, dagtekening, base, "DeclaratiePeriode")
    if periode.begindatum.day != 1 or periode.einddatum != _last_day(periode.begindatum):
        out.append(
            level2(
                "CS340", f"{base}/DeclaratiePeriode", "DeclaratiePeriode is geen hele kalendermaand"
            )
        )
    if declaratie.declaratie_dagtekening > dagtekening:
        out.append(level2("TR134", f"{base}/DeclaratieDagtekening", "datum ligt na de Dagtekening"))
    totaal = declaratie.totaal_ingediend_bedrag
    if totaal.totaal_bedrag == 0 and totaal.debet_credit != "D":
        out.append(
            level2("CS325", f"{base}/TotaalIngediendBedrag/DebetCredit", "een bedrag 0 is debet")
        )
    som = 0
    paths: list[str] = []
    referenties: list[object] = []
    vorige: list[tuple[object, str]] = []
    debits: list[tuple[object, str]] = []
    # TR335: a ProductPeriode may end at most 5 years before the DeclaratieDagtekening.
    oldest_einddatum = _five_years_before(declaratie.declaratie_dagtekening)
    for client_index, client in enumerate(declaratie.clienten, start=1):
        client_path = f"{base}/Clienten/Client[{client_index}]"
        check_bsn(out, client.bsn, f"{client_path}/Bsn")
        for index, prestatie in enumerate(client.prestaties, start=1):
            path = f"{client_path}/Prestaties/Prestatie[{index}]"
            _check_prestatie(out, prestatie, periode, dagtekening, oldest_einddatum, path)
            amount = prestatie.ingediend_bedrag
            som += -amount.bedrag if amount.debet_credit == "C" else amount.bedrag
            referentie = prestatie.product_referentie
            paths.append(path)
            referenties.append(referentie.referentie_nummer)
            if referentie.vorig_referentie_nummer is not None:
                vorige.append((referentie.vorig_referentie_nummer, path))
            if amount.debet_credit == "D":
                debits.append(
                    (
                        (
                            prestatie.toewijzing_nummer,
                            prestatie.product_categorie,
                            prestatie.product_code,
                            # The period's fields, not the dataclass: equal exactly when the
                            # periods are, and hashed in C.
                            prestatie.product_periode.begindatum,
                            prestatie.product_periode.einddatum,
                        ),
                        path,
                    )
                )
    if som != _signed(totaal):
        out.append(
            level2(
                "TR358", f"{base}/TotaalIngediendBedrag", "totaal is niet de som van de prestaties"
            )
        )
    check_unique(
        out,
        "TR101",
        [client.bsn for client in declaratie.clienten],
        lambda index: f"{base}/Clienten/Client[{index}]",
        "Client",
    )
    check_unique(out, "TR101", referenties, lambda index: paths[index - 1], "ReferentieNummer")
    check_unique(
        out,
        "TR315",
        [number for number, _path in vorige],
        lambda index: vorige[index - 1][1],
        "VorigReferentieNummer",
    )
    check_unique(
        out,
        "TR416",
        [key for key, _path in debits],
        lambda index: debits[index - 1][1],
        "debetprestatie voor dezelfde periode en toewijzing",
    )
    in_message = set(referenties)
    for number, path in vorige:
        if number in in_message:
            out.append(
                level2(
                    "TR316",
                    f"{path}/ProductReferentie",
                    "debetregel gecrediteerd in hetzelfde bericht",
                )
            )
    return out

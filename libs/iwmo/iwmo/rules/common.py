"""Helpers shared by the rule modules: findings, dates, overlap, Omvang/Budget conditions."""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from iwmo.datatypes import is_valid_bsn
from iwmo.findings import CODE_TECHNICAL, Finding, Level
from iwmo.models import Geboortedatum, Omvang, Product

CUTOVER: Final = date(2020, 12, 31)
"""Several CD/CS rules of 3.x only apply to assignments running after 2020."""
STAPELBARE_CATEGORIEEN: Final = frozenset({"11", "12", "13", "14"})
"""Aids (hulpmiddelen) may overlap in time, also at category level (TR302/TR386/TR410)."""
UNKNOWN_BIRTH_DATE: Final = date(1900, 1, 1)


def level2(rule: str, path: str, message: str) -> Finding:
    """A rule of control level 2: the whole message is rejected with 0001."""
    return Finding(code=CODE_TECHNICAL, path=path, message=message, rule=rule, level=Level.BERICHT)


def finding(rule: str, code: str, path: str, message: str, level: Level) -> Finding:
    return Finding(code=code, path=path, message=message, rule=rule, level=level)


def check_bsn(bsn: str, path: str) -> Iterator[Finding]:
    if not is_valid_bsn(bsn):
        yield level2("CS002", path, "Bsn voldoet niet aan de 11-proef")


def check_geboortedatum(
    geboortedatum: Geboortedatum, dagtekening: date, path: str
) -> Iterator[Finding]:
    """CS139 (DatumGebruik agrees with Datum), TR002 (at most 120 years), TR134."""
    datum = geboortedatum.datum
    gebruik = geboortedatum.datum_gebruik
    agrees = {
        None: True,
        "1": datum.day == 1,
        "2": (datum.day, datum.month) == (1, 1),
        "3": datum == UNKNOWN_BIRTH_DATE,
    }.get(gebruik, True)
    if not agrees:
        yield level2("CS139", f"{path}/DatumGebruik", "DatumGebruik past niet bij Datum")
    unknown = gebruik == "3" and datum == UNKNOWN_BIRTH_DATE
    if not unknown and datum < _years_before(dagtekening, 120):
        yield level2("TR002", f"{path}/Datum", "Geboortedatum ligt meer dan 120 jaar terug")
    if datum > dagtekening:
        yield level2("TR134", f"{path}/Datum", "datum ligt na de Dagtekening")


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def not_after(rule: str, value: date | None, limit: date, path: str) -> Iterator[Finding]:
    if value is not None and value > limit:
        yield level2(rule, path, "datum ligt na de Dagtekening")


def end_not_before_start(
    rule: str, start: date | None, end: date | None, path: str
) -> Iterator[Finding]:
    if start is not None and end is not None and end < start:
        yield level2(rule, path, "Einddatum ligt voor de begin- of ingangsdatum")


def runs_after_2020(einddatum: date | None) -> bool:
    return einddatum is None or einddatum > CUTOVER


@dataclass(frozen=True, slots=True)
class Aanvraag:
    """The fields the Omvang/Budget conditions (CD041, CD075-CD080, CD095, CD096) look at."""

    product: Product | None
    einddatum: date | None
    omvang: Omvang | None
    budget: int | None
    path: str
    einddatum_element: str


def check_omvang_budget(
    item: Aanvraag, *, product_required: bool, code_rule: str | None
) -> Iterator[Finding]:
    path = item.path
    if item.budget is not None and item.einddatum is None:
        yield level2("CD075", f"{path}/{item.einddatum_element}", "Budget vraagt een Einddatum")
    if item.omvang is not None and item.omvang.frequentie == "2" and item.einddatum is None:
        yield level2(
            "CD076", f"{path}/{item.einddatum_element}", "Frequentie per week vraagt een Einddatum"
        )
    if item.budget is not None and item.omvang is not None:
        yield level2("CD077", f"{path}/Omvang", "Omvang en Budget gaan niet samen")
    if product_required and item.budget is None and item.product is None:
        yield level2("CD079", f"{path}/Product", "zonder Budget is Product verplicht")
    has_code = item.product is not None and item.product.code is not None
    if product_required and has_code and item.omvang is None:
        yield level2("CD041", f"{path}/Omvang", "bij een ProductCode is Omvang verplicht")
    if (
        code_rule is not None
        and not has_code
        and item.omvang is not None
        and runs_after_2020(item.einddatum)
    ):
        yield level2(code_rule, f"{path}/Omvang", "zonder ProductCode geen Omvang")


def check_frequentie(
    rule: str, omvang: Omvang | None, einddatum: date | None, path: str
) -> Iterator[Finding]:
    """CS338/CS343: day-based units after 2020 need frequency per week, month or total."""
    if (
        omvang is not None
        and omvang.eenheid in {"14", "16", "83", "84"}
        and runs_after_2020(einddatum)
        and omvang.frequentie not in {"2", "4", "6"}
    ):
        yield level2(rule, f"{path}/Omvang/Frequentie", "Frequentie moet 2, 4 of 6 zijn")


@dataclass(frozen=True, slots=True)
class Periode:
    """An assigned or requested product in time, for the overlap rules."""

    product: Product | None
    begin: date
    end: date | None
    path: str


def _overlaps(first: Periode, second: Periode) -> bool:
    first_end = first.end or date.max
    second_end = second.end or date.max
    return first.begin <= second_end and second.begin <= first_end


def _same_product(first: Product | None, second: Product | None) -> bool:
    if first is None or second is None:
        other = second if first is None else first
        return other is None or other.categorie not in STAPELBARE_CATEGORIEEN
    if first.categorie in STAPELBARE_CATEGORIEEN and second.categorie in STAPELBARE_CATEGORIEEN:
        return False
    if first.code is not None and second.code is not None:
        return (first.categorie, first.code) == (second.categorie, second.code)
    return first.categorie == second.categorie


def overlapping(periodes: Sequence[Periode]) -> Iterator[tuple[Periode, Periode]]:
    """Each period with the first earlier one of the same product it overlaps (categories
    11-14 may overlap); the rule of TR302, TR386, TR410 and, with stored toewijzingen, TR361."""
    for index, later in enumerate(periodes):
        for earlier in periodes[:index]:
            if _same_product(earlier.product, later.product) and _overlaps(earlier, later):
                yield earlier, later
                break


def check_overlap(rule: str, periodes: Sequence[Periode]) -> Iterator[Finding]:
    """TR302/TR386/TR410: the same product only more than once in periods that do not overlap."""
    for _earlier, later in overlapping(periodes):
        yield level2(rule, later.path, "zelfde product met overlappende periode")


def check_unique(rule: str, keyed: Iterable[tuple[object, str]], what: str) -> Iterator[Finding]:
    """TR101 and friends: a logical key may occur once."""
    seen: set[object] = set()
    for key, path in keyed:
        if key in seen:
            yield level2(rule, path, f"dubbele {what}")
        seen.add(key)

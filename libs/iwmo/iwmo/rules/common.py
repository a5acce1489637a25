"""Helpers shared by the rule modules: findings, dates, overlap, Omvang/Budget conditions."""

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Final, NamedTuple

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


# The checks below append to the caller's list instead of yielding: a generator frame per
# check and message cost more than the comparisons themselves, and a path is only formatted
# for a finding.
Findings = list[Finding]


def check_bsn(out: Findings, bsn: str, path: str) -> None:
    if not is_valid_bsn(bsn):
        out.append(level2("CS002", path, "Bsn voldoet niet aan de 11-proef"))


_DATUM_GEBRUIK: Final = frozenset({"1", "2", "3"})


def check_geboortedatum(
    out: Findings, geboortedatum: Geboortedatum, dagtekening: date, path: str
) -> None:
    """CS139 (DatumGebruik agrees with Datum), TR002 (at most 120 years), TR134."""
    datum = geboortedatum.datum
    gebruik = geboortedatum.datum_gebruik
    agrees = gebruik not in _DATUM_GEBRUIK or (
        datum.day == 1
        if gebruik == "1"
        else (datum.day, datum.month) == (1, 1)
        if gebruik == "2"
        else datum == UNKNOWN_BIRTH_DATE
    )
    if not agrees:
        out.append(level2("CS139", f"{path}/DatumGebruik", "DatumGebruik past niet bij Datum"))
    unknown = gebruik == "3" and datum == UNKNOWN_BIRTH_DATE
    if not unknown and datum < _years_before(dagtekening, 120):
        out.append(level2("TR002", f"{path}/Datum", "Geboortedatum ligt meer dan 120 jaar terug"))
    if datum > dagtekening:
        out.append(level2("TR134", f"{path}/Datum", "datum ligt na de Dagtekening"))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def not_after(out: Findings, rule: str, value: date | None, limit: date, path: str) -> None:
    if value is not None and value > limit:
        out.append(level2(rule, path, "datum ligt na de Dagtekening"))


def end_not_before_start(
    out: Findings, rule: str, start: date | None, end: date | None, path: str
) -> None:
    if start is not None and end is not None and end < start:
        out.append(level2(rule, path, "Einddatum ligt voor de begin- of ingangsdatum"))


def runs_after_2020(einddatum: date | None) -> bool:
    return einddatum is None or einddatum > CUTOVER


def check_omvang_budget(
    out: Findings,
    product: Product | None,
    einddatum: date | None,
    omvang: Omvang | None,
    budget: int | None,
    path: str,
    einddatum_element: str,
    *,
    product_required: bool,
    code_rule: str | None,
) -> None:
    """The Omvang/Budget conditions CD041, CD075-CD080, CD095 and CD096 of one product."""
    if budget is not None and einddatum is None:
        out.append(level2("CD075", f"{path}/{einddatum_element}", "Budget vraagt een Einddatum"))
    if omvang is not None and omvang.frequentie == "2" and einddatum is None:
        out.append(
            level2(
                "CD076", f"{path}/{einddatum_element}", "Frequentie per week vraagt een Einddatum"
            )
        )
    if budget is not None and omvang is not None:
        out.append(level2("CD077", f"{path}/Omvang", "Omvang en Budget gaan niet samen"))
    if product_required and budget is None and product is None:
        out.append(level2("CD079", f"{path}/Product", "zonder Budget is Product verplicht"))
    has_code = product is not None and product.code is not None
    if product_required and has_code and omvang is None:
        out.append(level2("CD041", f"{path}/Omvang", "bij een ProductCode is Omvang verplicht"))
    if code_rule is not None and not has_code and omvang is not None and runs_after_2020(einddatum):
        out.append(level2(code_rule, f"{path}/Omvang", "zonder ProductCode geen Omvang"))


_DAY_UNITS: Final = frozenset({"14", "16", "83", "84"})
_DAY_FREQUENCIES: Final = frozenset({"2", "4", "6"})


def check_frequentie(
    out: Findings, rule: str, omvang: Omvang | None, einddatum: date | None, path: str
) -> None:
    """CS338/CS343: day-based units after 2020 need frequency per week, month or total."""
    if (
        omvang is not None
        and omvang.eenheid in _DAY_UNITS
        and runs_after_2020(einddatum)
        and omvang.frequentie not in _DAY_FREQUENCIES
    ):
        out.append(level2(rule, f"{path}/Omvang/Frequentie", "Frequentie moet 2, 4 of 6 zijn"))


class Periode(NamedTuple):
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


def check_overlap(out: Findings, rule: str, periodes: Sequence[Periode]) -> None:
    """TR302/TR386/TR410: the same product only more than once in periods that do not overlap."""
    if len(periodes) > 1:
        for _earlier, later in overlapping(periodes):
            out.append(level2(rule, later.path, "zelfde product met overlappende periode"))


def check_unique(
    out: Findings, rule: str, keys: Sequence[object], path: Callable[[int], str], what: str
) -> None:
    """TR101 and friends: a logical key may occur once; `path(i)` names the i-th (from 1)."""
    if len(set(keys)) == len(keys):
        return
    seen: set[object] = set()
    for index, key in enumerate(keys, start=1):
        if key in seen:
            out.append(level2(rule, path(index), f"dubbele {what}"))
        seen.add(key)

"""The arithmetic of bekostiging: money in exact Decimal, volumes per iWmo frequentie.

Rounding rule (the one rule for every amount finance stores): compute exactly in `Decimal`,
never in float, and round once, at the end, half-up to whole euro cents (`to_cents`). A split
of one amount (the 80/20 of a result variant, lumpsum termijnen) rounds one part and gives the
other part the remainder; a split by weights (a verplichting over its years, a lumpsum over the
gemeenten of its verdeelsleutel, over the partijen of a werkverdeling) rounds the running total
once per part (`verdeel`); either way the parts always add up to the rounded whole.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from wmo_common.calendar import month_end

K = TypeVar("K", bound=Hashable)

# iWmo Frequentie (WJ757, `LDTS["LDT_Frequentie"]` in the codec): 1 per dag, 2 per week,
# 4 per maand, 6 totaal binnen de geldigheidsduur van de toewijzing.
PER_DAG = "1"
PER_WEEK = "2"
PER_MAAND = "4"
TOTAAL = "6"

# iWmo Eenheid (WJ756): 01 minuut, 04 uur, 83 euro's.
MINUUT = "01"
UUR = "04"
EURO = "83"

HONDERD = Decimal(100)


def to_cents(amount: Decimal) -> int:
    """Round an exact amount of cents half-up to a whole cent: the one rounding step."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split(total_cents: int, percentage: Decimal) -> tuple[int, int]:
    """Split whole cents into (the rest, `percentage` of it); the parts add up to the total."""
    part = to_cents(Decimal(total_cents) * percentage / HONDERD)
    return total_cents - part, part


def days(begin: date, end: date) -> int:
    """Calendar days from `begin` to `end`, both included (0 when the period is empty)."""
    return max((end - begin).days + 1, 0)


def frequentie_perioden(frequentie: str, begin: date, end: date) -> Decimal:
    """How many frequentie periods [begin, end] holds, pro rata by calendar day.

    Per dag: the days; per week: days / 7; per maand: each calendar month counts for the share
    of its days inside the period (a full month is 1, whatever its length); totaal: 1.
    """
    if days(begin, end) == 0:
        return Decimal(0)
    if frequentie == PER_DAG:
        return Decimal(days(begin, end))
    if frequentie == PER_WEEK:
        return Decimal(days(begin, end)) / Decimal(7)
    if frequentie == PER_MAAND:
        total = Decimal(0)
        cursor = begin
        while cursor <= end:
            last_of_month = month_end(cursor.year, cursor.month)
            stop = min(end, last_of_month)
            total += Decimal(days(cursor, stop)) / Decimal(last_of_month.day)
            cursor = stop + timedelta(days=1)
        return total
    if frequentie == TOTAAL:
        return Decimal(1)
    raise ValueError(f"unknown iWmo frequentie {frequentie!r}")


def toegestaan_volume(
    frequentie: str, volume: int, categorie: str, begin: date, end: date
) -> Decimal:
    """The most that may be declared for [begin, end] of an assignment (TR321/TR322, IV076/77).

    Per dag: days x volume; per week: calendar weeks touched x volume, except category 01
    (huishoudelijke hulp) where a month may hold 6 x the weekly volume; per maand: calendar
    months touched x volume; totaal: the whole volume.
    """
    if frequentie == PER_DAG:
        return Decimal(days(begin, end) * volume)
    if frequentie == PER_WEEK:
        weeks = _weeks_touched(begin, end)
        if categorie == "01" and _within_one_month(begin, end):
            weeks = 6
        return Decimal(weeks * volume)
    if frequentie == PER_MAAND:
        months = (end.year - begin.year) * 12 + end.month - begin.month + 1
        return Decimal(months * volume)
    if frequentie == TOTAAL:
        return Decimal(volume)
    raise ValueError(f"unknown iWmo frequentie {frequentie!r}")


def eenheid_factor(gedeclareerd: str, toegewezen: str) -> Decimal | None:
    """Factor from a declared unit to the assigned (or tariff) unit; None when they do not fit.

    Hours assigned may be declared in minutes (TR341); anything else must match exactly.
    """
    if gedeclareerd == toegewezen:
        return Decimal(1)
    if gedeclareerd == MINUUT and toegewezen == UUR:
        return Decimal(1) / Decimal(60)
    return None


def overlap(begin: date, end: date, other_begin: date, other_end: date | None) -> tuple[date, date]:
    """The common part of two periods (empty when the returned end precedes the begin)."""
    return max(begin, other_begin), min(end, other_end or end)


def end_of_year(day: date) -> date:
    return date(day.year, 12, 31)


def _weeks_touched(begin: date, end: date) -> int:
    """ISO calendar weeks (Monday to Sunday) the period touches, partly or wholly."""
    first_monday = begin - timedelta(days=begin.weekday())
    last_monday = end - timedelta(days=end.weekday())
    return (last_monday - first_monday).days // 7 + 1


def _within_one_month(begin: date, end: date) -> bool:
    return (begin.year, begin.month) == (end.year, end.month)


def verdeel(total_cents: int, gewichten: Mapping[K, Decimal]) -> dict[K, int]:
    """Split whole cents by weights, in the order given: the running total is rounded once per
    part (half-up) and each part is the step, so the parts add up exactly to the total. With no
    weight at all the first part takes everything."""
    som = sum(gewichten.values(), Decimal(0))
    parts: dict[K, int] = {}
    if som == 0:
        for index, key in enumerate(gewichten):
            parts[key] = total_cents if index == 0 else 0
        return parts
    cumulatief, vorige = Decimal(0), 0
    for key, gewicht in gewichten.items():
        cumulatief += gewicht
        tot_hier = to_cents(Decimal(total_cents) * cumulatief / som)
        parts[key] = tot_hier - vorige
        vorige = tot_hier
    return parts


def netto_lumpsum(taakbudget_cents: int, kortingspercentage: Decimal) -> int:
    """What the gemeenten pay the coalition's hoofdaannemer: the task budget after the
    reduction (korting, 6 % in Hart van Brabant), rounded once. The contribution to the
    coalition's central organisation (uitvoeringsbijdrage) is not deducted here: the partijen
    owe it to the coalition out of their share (see `werkverdelingen`)."""
    return to_cents(Decimal(taakbudget_cents) * (HONDERD - kortingspercentage) / HONDERD)


def termijnen(total_cents: int, aantal: int) -> list[int]:
    """Split whole cents into `aantal` instalments that differ by at most a cent and add up
    exactly: the first instalments carry the remainder cents."""
    base, rest = divmod(total_cents, aantal)
    return [base + (1 if i < rest else 0) for i in range(aantal)]

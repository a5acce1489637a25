"""Contribution periods per person: the first start opens one, the last stop closes it."""

from datetime import date

from wmo_common.calendar import add_months
from wmo_finance.cak_meldingen.perioden import Periode, Zorgfeit, merge, per_toewijzing

A = ("12345678", "T1")
B = ("12345678", "T2")


def test_overlapping_and_adjoining_care_is_one_contribution_period() -> None:
    feiten = [
        Zorgfeit(A, date(2026, 1, 5), date(2026, 3, 31)),
        Zorgfeit(B, date(2026, 4, 1), date(2026, 6, 30)),  # the next day: no gap
        Zorgfeit(B, date(2026, 8, 1), None),  # after a gap: a new period, still running
    ]
    assert merge(per_toewijzing(feiten)) == [
        Periode(date(2026, 1, 5), date(2026, 6, 30)),
        Periode(date(2026, 8, 1), None),
    ]


def test_a_start_covered_by_a_stop_of_the_same_toewijzing_is_not_counted_twice() -> None:
    feiten = [
        Zorgfeit(A, date(2026, 1, 5), None),
        Zorgfeit(A, date(2026, 1, 5), date(2026, 2, 15)),
        Zorgfeit(B, date(2026, 2, 1), None),  # another voorziening still runs
    ]
    assert merge(per_toewijzing(feiten)) == [Periode(date(2026, 1, 5), None)]


def test_a_running_period_absorbs_every_later_one() -> None:
    periodes = [Periode(date(2026, 1, 1), None), Periode(date(2026, 5, 1), date(2026, 6, 1))]
    assert merge(periodes) == [Periode(date(2026, 1, 1), None)]


def test_a_month_later_is_the_last_day_of_a_shorter_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)

"""The money and volume arithmetic, on hand-computed values for every iWmo frequentie code."""

from datetime import date
from decimal import Decimal

import pytest

from iwmo.codelists import LDTS
from wmo_finance.bekostiging import (
    frequentie_perioden,
    netto_lumpsum,
    split,
    termijnen,
    to_cents,
    toegestaan_volume,
    verdeel,
)


def test_every_frequentie_of_the_iwmo_code_list_is_understood() -> None:
    for code in LDTS["LDT_Frequentie"].enumeration or ():
        assert frequentie_perioden(code, date(2026, 1, 1), date(2026, 1, 31)) > 0
    with pytest.raises(ValueError, match="frequentie"):
        frequentie_perioden("3", date(2026, 1, 1), date(2026, 1, 31))


@pytest.mark.parametrize(
    ("frequentie", "begin", "end", "expected"),
    [
        ("1", date(2026, 1, 1), date(2026, 1, 10), Decimal(10)),
        ("2", date(2026, 1, 5), date(2026, 3, 29), Decimal(12)),
        ("4", date(2026, 2, 1), date(2026, 3, 31), Decimal(2)),  # whole months count 1 each
        ("4", date(2026, 1, 16), date(2026, 1, 31), Decimal(16) / Decimal(31)),
        ("6", date(2026, 1, 1), date(2026, 12, 31), Decimal(1)),
        ("2", date(2026, 2, 1), date(2026, 1, 31), Decimal(0)),  # an empty period
    ],
)
def test_frequentie_periods_are_pro_rata_by_calendar_day(
    frequentie: str, begin: date, end: date, expected: Decimal
) -> None:
    assert frequentie_perioden(frequentie, begin, end) == expected


def test_the_most_that_may_be_declared_follows_iv076_and_iv077() -> None:
    # January 2026 touches 5 ISO weeks (Thu 1 Jan - Sat 31 Jan).
    assert toegestaan_volume("2", 3, "02", date(2026, 1, 1), date(2026, 1, 31)) == 15
    # Huishoudelijke hulp (category 01) per week: always 6 x the weekly volume in a month.
    assert toegestaan_volume("2", 3, "01", date(2026, 1, 1), date(2026, 1, 31)) == 18
    assert toegestaan_volume("1", 2, "02", date(2026, 1, 1), date(2026, 1, 31)) == 62
    assert toegestaan_volume("4", 10, "02", date(2026, 1, 16), date(2026, 3, 1)) == 30
    assert toegestaan_volume("6", 40, "02", date(2026, 1, 1), date(2026, 1, 31)) == 40


def test_amounts_round_once_half_up_and_splits_add_up() -> None:
    assert to_cents(Decimal("0.5")) == 1
    assert to_cents(Decimal("2.4999")) == 2
    assert split(950_001, Decimal(20)) == (760_001, 190_000)
    assert sum(split(101, Decimal("33.3"))) == 101
    # The gemeenten pay the task budget minus the 6 % korting; the 15 % bijdrage is the
    # coalition's own term: 100_000_007 x 0.94 = 94_000_006.58 -> 94_000_007.
    assert netto_lumpsum(100_000_007, Decimal(6)) == 94_000_007
    assert termijnen(11, 4) == [3, 3, 3, 2]
    assert sum(termijnen(94_000_007, 12)) == 94_000_007
    # By weights, the running total rounded once per part: 100 over 1:1:1 = 33.33 | 66.67 | 100.
    assert verdeel(100, {"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)}) == {
        "a": 33,
        "b": 34,
        "c": 33,
    }
    assert verdeel(7, {"x": Decimal(0), "y": Decimal(0)}) == {"x": 7, "y": 0}

"""Calendar rules of contracting: local dates and adding months or years to a date."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def vandaag() -> date:
    """Today in the Netherlands, where the contract deadlines are counted."""
    return datetime.now(UTC).astimezone(AMSTERDAM).date()


def plus_maanden(day: date, maanden: int) -> date:
    """`day` moved by whole months; a day that the target month lacks becomes its last day
    (31 August minus six months is 28 or 29 February), as contract law counts periods."""
    index = day.year * 12 + day.month - 1 + maanden
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))

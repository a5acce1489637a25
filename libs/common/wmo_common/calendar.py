"""Dutch calendar time, in which every legal clock of the suite is counted: today in the
Netherlands, working days and whole months."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def now_local() -> datetime:
    """The current instant on the Dutch wall clock."""
    return datetime.now(UTC).astimezone(AMSTERDAM)


def today() -> date:
    """Today in the Netherlands, where dagtekeningen and deadlines are counted."""
    return now_local().date()


def local_date(moment: datetime) -> date:
    """The Dutch calendar date of an instant (an event's `time`)."""
    return moment.astimezone(AMSTERDAM).date()


def add_working_days(start: date, working_days: int) -> date:
    """`start` plus working days (Monday to Friday). Public holidays are not skipped, so a
    deadline around a holiday is reported one day early rather than one day late."""
    day = start
    remaining = working_days
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return day


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months (also backwards); a day the target month lacks becomes its
    last day (31 January + 1 month = 28 or 29 February), as Dutch law counts periods."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])

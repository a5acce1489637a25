"""Calendar rules of toegang: Dutch dates, working days, months and the legal clocks."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Wmo 2015 art. 2.3.2: the onderzoek is finished within six weeks of the melding; a client may
# hand in a persoonlijk plan within seven days of it. Art. 4:13 Awb with 2.3.5: the beschikking
# follows within two weeks of the aanvraag.
ONDERZOEK_TERMIJN = timedelta(weeks=6)
PERSOONLIJK_PLAN_TERMIJN = timedelta(days=7)
BESCHIKKING_TERMIJN = timedelta(weeks=2)
# iWmo: a 315/317 is answered within 5 working days, or within 8 weeks of its receipt when
# toegang marks it "in onderzoek" (OP346).
VERZOEK_WERKDAGEN = 5
VERZOEK_ONDERZOEK_TERMIJN = timedelta(weeks=8)


def vandaag() -> date:
    """Today in the Netherlands, where the deadlines are counted."""
    return datetime.now(UTC).astimezone(AMSTERDAM).date()


def nu_lokaal() -> datetime:
    return datetime.now(UTC).astimezone(AMSTERDAM)


def plus_werkdagen(start: date, werkdagen: int) -> date:
    """`start` plus working days (Monday to Friday; public holidays are not skipped)."""
    day = start
    remaining = werkdagen
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return day


def plus_maanden(start: date, maanden: int) -> date:
    """The same day `maanden` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = start.month - 1 + maanden
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))

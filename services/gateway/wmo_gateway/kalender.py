"""Working days in the Netherlands, in which iWmo counts its answer deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Every message is answered (its retour) within 3 working days; a Wmo325 within 10; a Wmo315
# or Wmo317 gets its 301 or 319 within 5 (DESIGN.md, iWmo OP065/OP304/OP309).
RETOUR_WERKDAGEN = 3
DECLARATIE_ANTWOORD_WERKDAGEN = 10
VERZOEK_ANTWOORD_WERKDAGEN = 5


def vandaag() -> date:
    """Today in the Netherlands, where dagtekeningen and deadlines are counted."""
    return datetime.now(UTC).astimezone(AMSTERDAM).date()


def lokale_datum(moment: datetime) -> date:
    return moment.astimezone(AMSTERDAM).date()


def plus_werkdagen(start: date, werkdagen: int) -> date:
    """`start` plus working days (Monday to Friday). Public holidays are not skipped, so a
    deadline around a holiday is reported one day early rather than one day late."""
    day = start
    remaining = werkdagen
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return day

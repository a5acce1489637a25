"""Query parameter types every service shares. Pydantic's lax date parsing takes a number as a
Unix timestamp (`?peildatum=0` is 1 January 1970); a date in a query is a calendar date in ISO
form, and anything else is a 400 that names the parameter."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _calendar_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        raise ValueError("een datum als JJJJ-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("geen bestaande datum (JJJJ-MM-DD)") from None


Datum = Annotated[date, BeforeValidator(_calendar_date)]
"""A calendar date written YYYY-MM-DD, nothing else: use it for every date query parameter."""


# RFC 3339: a date, a time and an offset (Z or ±hh:mm); fractions of a second allowed.
_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def _instant(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if not (isinstance(value, str) and _RFC3339.fullmatch(value)):
        raise ValueError("een tijdstip volgens RFC 3339, met tijdzone (2026-12-06T09:00:00Z)")
    try:
        return datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        raise ValueError("geen bestaand tijdstip (RFC 3339)") from None


Tijdstip = Annotated[datetime, BeforeValidator(_instant)]
"""An instant written as RFC 3339 with its offset, nothing else (no Unix timestamps, no naive
times): use it for every date-time query parameter."""

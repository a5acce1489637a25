"""A geboortedatum is judged on the Dutch calendar: in the first hour of a Dutch day (UTC still
on the day before) a child born that day can be registered, and a day later is still refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from wmo_access.clienten.schemas import ClientCreate
from wmo_common import calendar


def client_body(geboortedatum: str) -> dict[str, str]:
    return {
        "bsn": "999993653",
        "voornamen": "Noor",
        "achternaam": "Jansen",
        "geboortedatum": geboortedatum,
        "geslacht": "2",
        "gemeentecode": "0855",
    }


# 7 December 00:30 in the Netherlands is 6 December 23:30 UTC.
KWART_OVER_MIDDERNACHT = datetime(2026, 12, 6, 23, 30, tzinfo=UTC).astimezone(calendar.AMSTERDAM)


@pytest.fixture
def dutch_night(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar, "now_local", lambda: KWART_OVER_MIDDERNACHT)


@pytest.mark.usefixtures("dutch_night")
def test_a_child_born_today_in_the_netherlands_is_registered_while_utc_is_still_yesterday() -> None:
    client = ClientCreate.model_validate(client_body(geboortedatum="2026-12-07"))
    assert client.geboortedatum == date(2026, 12, 7)


@pytest.mark.usefixtures("dutch_night")
def test_a_geboortedatum_after_the_dutch_today_is_refused() -> None:
    with pytest.raises(ValidationError, match="niet in de toekomst"):
        ClientCreate.model_validate(client_body(geboortedatum="2026-12-08"))

"""What the simulator keeps between rounds (.local/run/simulator.json, or SIMULATOR_STATE), and
the arithmetic of the care it delivers: stable pseudo-random choices, calendar months, volumes."""

from __future__ import annotations

import calendar
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from deploy.stack.profiles import RUN

# The stack names the file of its profile (SIMULATOR_STATE); by hand it is the demo's.
STATE = Path(os.environ.get("SIMULATOR_STATE") or RUN.home / "simulator.json")


@dataclass
class Tarief:
    bedrag_cents: int
    vanaf: date
    tot: date | None


def spread(nummer: str, salt: str, modulo: int) -> int:
    """A stable pseudo-random number per toewijzing: the same choice after every restart."""
    digest = hashlib.sha256(f"{salt}:{nummer}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % modulo


def load_state() -> dict[str, Any]:
    if STATE.exists():
        state: dict[str, Any] = json.loads(STATE.read_text())
        return state
    return {"aanbieders": {}}


def save_state(state: dict[str, Any]) -> None:
    """Atomically, readable by the owner only: it holds BSNs."""
    STATE.parent.mkdir(parents=True, exist_ok=True)
    scratch = STATE.with_suffix(".tmp")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(state, handle)
    scratch.replace(STATE)


def months(begin: date, end: date) -> list[tuple[date, date]]:
    """The calendar months from `begin`'s to `end`'s, each as (first day, last day)."""
    found = []
    cursor = begin.replace(day=1)
    while cursor <= end:
        last = cursor.replace(day=calendar.monthrange(cursor.year, cursor.month)[1])
        found.append((cursor, last))
        cursor = last + timedelta(days=1)
    return found


def delivered(toewijzing: dict[str, Any], begin: date, end: date) -> int:
    """What was delivered in [begin, end] under the toewijzing's omvang, rounded down: never
    more than assigned."""
    days = (end - begin).days + 1
    volume, frequentie = toewijzing["volume"], toewijzing["frequentie"]
    if frequentie == "1":
        return int(volume * days)
    if frequentie == "2":
        return int(volume * days // 7)
    if frequentie == "4":
        return int(volume * days // calendar.monthrange(begin.year, begin.month)[1])
    return 0

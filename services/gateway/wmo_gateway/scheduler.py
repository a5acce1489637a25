"""The deadline watch: keeps `wmo_berichten_retour_overdue` and `wmo_berichten_antwoord_overdue`
on /metrics current, for the alerts on overdue retours and answers. It runs inside the API
process (`watch_deadlines`, a background task main.py starts), every minute.

Retention of the gateway's own table: `Idempotency-Key`s (`transportsleutel`) older than
`IDEMPOTENCY_KEY_RETENTION_DAYS` go in every retention run (`wmo_common.retention`).

`python -m wmo_gateway.scheduler [--peildatum YYYY-MM-DD]` runs the same count once and prints
how many retours and answers are overdue on that day; it changes nothing.
"""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial

from prometheus_client import Gauge
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common import retention
from wmo_common.calendar import today
from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.logging import get_logger
from wmo_common.runtime import Runtime
from wmo_common.scheduling import run_from_command_line
from wmo_common.settings import CommonSettings
from wmo_gateway.berichten.models import Transportsleutel
from wmo_gateway.ggk.models import GgkOntvangst
from wmo_gateway.settings import Settings
from wmo_gateway.termijnen import service as termijnen
from wmo_gateway.termijnen.service import Achterstand

log = get_logger(__name__)
WATCH_SECONDS = 60.0


def _idempotency_key_days(settings: CommonSettings) -> int:
    return settings.idempotency_key_retention_days if isinstance(settings, Settings) else 30


retention.register(
    "gateway",
    retention.Bewaartermijn(
        "transportsleutel",
        partial(retention.expired_batch, Transportsleutel.id, Transportsleutel.created_at),
        _idempotency_key_days,
    ),
)
# A GGk envelope is retried within hours; its receipt is kept as long as an Idempotency-Key.
retention.register(
    "gateway",
    retention.Bewaartermijn(
        "ggk_ontvangst",
        partial(retention.expired_batch, GgkOntvangst.id, GgkOntvangst.beantwoord_at),
        _idempotency_key_days,
    ),
)

RETOUR_OVERDUE = Gauge(
    "wmo_berichten_retour_overdue",
    "Berichten we sent that wait for their retour longer than 3 working days",
    ["aanbieder"],
)
ANSWER_OVERDUE = Gauge(
    "wmo_berichten_antwoord_overdue",
    "Received berichten we owe an answer past its deadline (325: 10, 301/319: 5 working days)",
    ["aanbieder"],
)


async def count_overdue(
    sessionmaker: async_sessionmaker[AsyncSession], peildatum: date
) -> Achterstand:
    async with sessionmaker() as session:
        return await termijnen.compute_achterstand(session, peildatum)


async def measure(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Set the gauges to what is overdue today."""
    achterstand = await count_overdue(sessionmaker, today())
    for agb, overdue in achterstand.verlopen_retouren.items():
        RETOUR_OVERDUE.labels(agb).set(overdue)
    for agb, overdue in achterstand.verlopen_antwoorden.items():
        ANSWER_OVERDUE.labels(agb).set(overdue)


async def watch_deadlines(runtime: Runtime) -> None:
    while True:
        try:
            await measure(runtime.sessionmaker)
        except Exception as exc:
            log.warning("deadline_watch_failed", extra={"errorType": type(exc).__name__})
        await asyncio.sleep(WATCH_SECONDS)


async def run(settings: Settings, peildatum: date) -> Achterstand:
    """Count what is overdue on `peildatum`, with an engine of its own."""
    engine = create_engine(settings.database_url)
    try:
        return await count_overdue(create_sessionmaker(engine, settings.source), peildatum)
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    settings = Settings()

    async def check(peildatum: date) -> str:
        achterstand = await run(settings, peildatum)
        retouren = sum(achterstand.verlopen_retouren.values())
        antwoorden = sum(achterstand.verlopen_antwoorden.values())
        return f"{retouren} retour(en) en {antwoorden} antwoord(en) te laat"

    return run_from_command_line("python -m wmo_gateway.scheduler", settings, check, today, argv)


if __name__ == "__main__":
    raise SystemExit(main())

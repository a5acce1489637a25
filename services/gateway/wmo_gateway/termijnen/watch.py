"""Keeps `wmo_berichten_retour_overdue` on /metrics current, for the alert on overdue retours."""

from __future__ import annotations

import asyncio

from prometheus_client import Gauge

from wmo_common.logging import get_logger
from wmo_common.runtime import Runtime
from wmo_gateway.kalender import vandaag
from wmo_gateway.termijnen import repository

log = get_logger(__name__)
WATCH_SECONDS = 60.0

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


async def measure(runtime: Runtime) -> None:
    async with runtime.sessionmaker() as session:
        today = vandaag()
        retouren = await repository.retouren_per_aanbieder(session, today, None)
        antwoorden = await repository.antwoorden_per_aanbieder(session, today, None)
    for agb, (_, overdue) in retouren.items():
        RETOUR_OVERDUE.labels(agb).set(overdue)
    for agb, (_, overdue) in antwoorden.items():
        ANSWER_OVERDUE.labels(agb).set(overdue)


async def watch_deadlines(runtime: Runtime) -> None:
    while True:
        try:
            await measure(runtime)
        except Exception as exc:
            log.warning("deadline_watch_failed", extra={"errorType": type(exc).__name__})
        await asyncio.sleep(WATCH_SECONDS)

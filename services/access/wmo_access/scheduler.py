"""The periodic work of the access service: the daily indicatie expiry check, for cron or a
Kubernetes CronJob: `python -m wmo_access.scheduler`.

Safe to repeat and to run on several instances at once: each indicatie is announced once.
Events go through the outbox; the running service's relay sends them.
"""

from __future__ import annotations

from datetime import date

from wmo_access.indicaties.schemas import VerloopcontroleResultaat
from wmo_access.indicaties.service import check_expiry
from wmo_access.settings import Settings
from wmo_common.calendar import today
from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.logging import get_logger
from wmo_common.runtime import BackgroundTask
from wmo_common.scheduling import run_from_command_line

log = get_logger(__name__)

BACKGROUND: list[BackgroundTask] = []
"""Work inside the running app: none, the expiry check runs from the command line below."""


async def run(settings: Settings, peildatum: date) -> VerloopcontroleResultaat:
    engine = create_engine(settings.database_url)
    try:
        maker = create_sessionmaker(engine, settings.source)
        async with maker() as session, session.begin():
            result = await check_expiry(session, peildatum)
    finally:
        await engine.dispose()
    log.info("verloopcontrole_done", extra=result.model_dump(mode="json"))
    return result


def main(argv: list[str] | None = None) -> int:
    settings = Settings()

    async def check(peildatum: date) -> str:
        result = await run(settings, peildatum)
        return f"{result.verloopt} verloopt, {result.verlopen} verlopen"

    return run_from_command_line("python -m wmo_access.scheduler", settings, check, today, argv)


if __name__ == "__main__":
    raise SystemExit(main())

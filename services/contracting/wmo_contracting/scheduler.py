"""The daily deadline check, for cron or a Kubernetes CronJob:
`python -m wmo_contracting.scheduler`.

Each run is safe to repeat, also by two instances at once: a deadline is announced once. Events
go through the outbox; the running service's relay sends them.
"""

from __future__ import annotations

from datetime import date

from wmo_common.calendar import today
from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.logging import get_logger
from wmo_common.scheduling import run_from_command_line
from wmo_contracting.contracten.termijnen import signal_termijnen
from wmo_contracting.settings import Settings

log = get_logger(__name__)


async def run(settings: Settings, peildatum: date) -> int:
    """Run the check for `peildatum`; returns how many events were queued."""
    engine = create_engine(settings.database_url)
    try:
        maker = create_sessionmaker(engine, settings.source)
        async with maker() as session, session.begin():
            gemeld = await signal_termijnen(
                session, peildatum, settings.contract_termijn_voorloop_dagen
            )
    finally:
        await engine.dispose()
    log.info("termijncontrole_done", extra={"peildatum": str(peildatum), "gemeld": len(gemeld)})
    return len(gemeld)


def main(argv: list[str] | None = None) -> int:
    settings = Settings()

    async def check(peildatum: date) -> str:
        result = await run(settings, peildatum)
        return f"{result} gebeurtenis(sen) klaargezet"

    return run_from_command_line(
        "python -m wmo_contracting.scheduler", settings, check, today, argv
    )


if __name__ == "__main__":
    raise SystemExit(main())

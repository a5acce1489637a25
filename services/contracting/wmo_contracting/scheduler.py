"""The daily deadline check, for cron or a Kubernetes CronJob:
`python -m wmo_contracting.scheduler`.

Each run is safe to repeat, also by two instances at once: a deadline is announced once. Events
go through the outbox; the running service's relay sends them.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date

from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.logging import configure_logging, get_logger
from wmo_contracting.contracten.termijnen import signal_termijnen
from wmo_contracting.kalender import vandaag
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
    parser = argparse.ArgumentParser(prog="python -m wmo_contracting.scheduler")
    parser.add_argument(
        "--peildatum", type=date.fromisoformat, default=None, help="YYYY-MM-DD; default today"
    )
    args = parser.parse_args(argv)
    settings = Settings()
    configure_logging(settings.service_name, settings.log_level)
    queued = asyncio.run(run(settings, args.peildatum or vandaag()))
    sys.stdout.write(f"{queued} gebeurtenis(sen) klaargezet\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The daily checks, for cron or a Kubernetes CronJob: `python -m wmo_providers.scheduler`.

Each run is safe to repeat: a document is announced once per threshold. Events go through the
outbox; the running service's relay sends them.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date

from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.logging import configure_logging, get_logger
from wmo_providers.kalender import vandaag
from wmo_providers.kwaliteitsdocumenten.service import check_expiry
from wmo_providers.settings import Settings

log = get_logger(__name__)


async def run(settings: Settings, peildatum: date) -> int:
    """Run the checks for `peildatum`; returns how many events were queued."""
    engine = create_engine(settings.database_url)
    try:
        maker = create_sessionmaker(engine, settings.source)
        async with maker() as session, session.begin():
            gemeld = await check_expiry(
                session, peildatum, settings.kwaliteitsdocument_drempels_dagen
            )
    finally:
        await engine.dispose()
    log.info("verloopcontrole_done", extra={"peildatum": str(peildatum), "gemeld": len(gemeld)})
    return len(gemeld)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wmo_providers.scheduler")
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

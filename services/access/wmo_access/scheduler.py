"""The daily expiry check, for cron or a Kubernetes CronJob: `python -m wmo_access.scheduler`.

Safe to repeat and to run on several instances at once: each indicatie is announced once.
Events go through the outbox; the running service's relay sends them.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date

from wmo_access.indicaties.schemas import VerloopcontroleResultaat
from wmo_access.indicaties.service import check_expiry
from wmo_access.kalender import vandaag
from wmo_access.settings import Settings
from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.logging import configure_logging, get_logger

log = get_logger(__name__)


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
    parser = argparse.ArgumentParser(prog="python -m wmo_access.scheduler")
    parser.add_argument(
        "--peildatum", type=date.fromisoformat, default=None, help="YYYY-MM-DD; default today"
    )
    args = parser.parse_args(argv)
    settings = Settings()
    configure_logging(settings.service_name, settings.log_level)
    result = asyncio.run(run(settings, args.peildatum or vandaag()))
    sys.stdout.write(f"{result.verloopt} verloopt, {result.verlopen} verlopen\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

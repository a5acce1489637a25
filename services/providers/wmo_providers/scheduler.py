"""The daily checks, for cron or a Kubernetes CronJob: `python -m wmo_providers.scheduler`.

Expiring quality documents are announced, and the KPIs of the period before the current one are
judged against the norms (signaleringen raised or lifted). Each run is safe to repeat: a document
is announced once per threshold and an aanbieder has at most one open signalering per indicator;
facts that arrive late for the previous period are taken along the next day. Events go through
the outbox; the running service's relay sends them.
"""

from __future__ import annotations

from datetime import date

from wmo_common.calendar import today
from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.logging import get_logger
from wmo_common.scheduling import run_from_command_line
from wmo_providers.kwaliteitsdocumenten.service import check_expiry
from wmo_providers.prestatie_indicatoren.periode import Periode
from wmo_providers.prestatie_indicatoren.service import evaluate
from wmo_providers.settings import Settings

log = get_logger(__name__)


async def run(settings: Settings, peildatum: date) -> int:
    """Run the checks for `peildatum`; returns how many events were queued."""
    engine = create_engine(settings.database_url)
    try:
        maker = create_sessionmaker(engine, settings.source)
        # One transaction per check: a failing KPI evaluation keeps the expiry notices.
        async with maker() as session, session.begin():
            gemeld = await check_expiry(
                session, peildatum, settings.kwaliteitsdocument_drempels_dagen
            )
        log.info("verloopcontrole_done", extra={"peildatum": str(peildatum), "gemeld": len(gemeld)})
        periode = Periode.containing(peildatum, settings.prestatie_periode).previous()
        async with maker() as session, session.begin():
            raised, lifted = await evaluate(
                session, periode, peildatum, settings.signalering_na_perioden
            )
        log.info(
            "prestatie_evaluatie_done",
            extra={"periode": periode.code, "gesignaleerd": len(raised), "opgeheven": len(lifted)},
        )
    finally:
        await engine.dispose()
    return len(gemeld) + len(raised) + len(lifted)


def main(argv: list[str] | None = None) -> int:
    settings = Settings()

    async def check(peildatum: date) -> str:
        result = await run(settings, peildatum)
        return f"{result} gebeurtenis(sen) klaargezet"

    return run_from_command_line("python -m wmo_providers.scheduler", settings, check, today, argv)


if __name__ == "__main__":
    raise SystemExit(main())

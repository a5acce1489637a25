"""Scheduler runs: each run of a periodic check is recorded in the same transaction as the events
it queued, so operations can see when a check last ran and what it emitted."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, String, func, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import Base, utcnow
from wmo_common.events.outbox import queued_event_types
from wmo_common.logging import configure_logging
from wmo_common.settings import CommonSettings


class SchedulerRun(Base):
    __tablename__ = "scheduler_run"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    scheduler: Mapped[str] = mapped_column(String(100), index=True)
    peildatum: Mapped[date | None]
    started_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    finished_at: Mapped[datetime]
    emitted: Mapped[int]
    event_types: Mapped[dict[str, Any]] = mapped_column(JSONB)


@asynccontextmanager
async def recorded_run(
    session: AsyncSession, scheduler: str, peildatum: date | None = None
) -> AsyncIterator[None]:
    """Run the block as one recorded run of `scheduler`; the record commits with its events."""
    started = utcnow()
    before = len(queued_event_types(session))
    yield
    emitted = queued_event_types(session)[before:]
    session.add(
        SchedulerRun(
            scheduler=scheduler,
            peildatum=peildatum,
            started_at=started,
            finished_at=utcnow(),
            emitted=len(emitted),
            event_types=dict(Counter(emitted)),
        )
    )


async def last_runs(session: AsyncSession, per_scheduler: int = 5) -> list[SchedulerRun]:
    """The latest runs of every scheduler, newest first."""
    ranked = select(
        SchedulerRun,
        func.row_number()
        .over(partition_by=SchedulerRun.scheduler, order_by=SchedulerRun.id.desc())
        .label("rank"),
    ).subquery()
    rows = await session.execute(
        select(SchedulerRun)
        .join(ranked, ranked.c.id == SchedulerRun.id)
        .where(ranked.c.rank <= per_scheduler)
        .order_by(SchedulerRun.scheduler, SchedulerRun.id.desc())
    )
    return list(rows.scalars())


def run_from_command_line(
    prog: str,
    settings: CommonSettings,
    check: Callable[[date], Coroutine[Any, Any, str]],
    today: Callable[[], date],
    argv: list[str] | None = None,
) -> int:
    """The command line of a service's scheduler (for cron or a Kubernetes CronJob): run `check`
    for `--peildatum` (default today) and print its summary."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument(
        "--peildatum", type=date.fromisoformat, default=None, help="YYYY-MM-DD; default today"
    )
    args = parser.parse_args(argv)
    configure_logging(settings.service_name, settings.log_level)
    summary = asyncio.run(check(args.peildatum or today()))
    sys.stdout.write(summary + "\n")
    return 0

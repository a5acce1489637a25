"""Retention: the outbox, the inbox and the audit log do not grow forever.

What goes, and when (settings; docs/scaling.md says why these terms):
- outbox events that were sent, `OUTBOX_RETENTION_DAYS` after they were written. An unsent
  event is never removed, however old: it is still owed to the other services.
- inbox rows, `INBOX_RETENTION_DAYS` after they were applied. The term must outlast every way an
  event can come again (Kafka's retention, committed offsets that expire, a dead letter
  replayed), because a redelivered event whose inbox row is gone would be applied twice.
- audit records, `AUDIT_RETENTION_DAYS` after they were written (the legal term).
- what a service registers for its own tables (`register`, from its `scheduler.py`), e.g. the
  gateway's `Idempotency-Key`s after `IDEMPOTENCY_KEY_RETENTION_DAYS`.

Rows go in small batches, one transaction each, so a run never holds many locks or a long
transaction; each run is recorded as scheduler `retentie`, like every other scheduler run. The
scheduler process of every service runs it (`Runtime` in the `scheduler` and `all` roles), and
`python -m wmo_common.retention --service <svc>` runs it once (a cron job, an operator).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Delete, delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute

from wmo_common.audit import AuditRecord
from wmo_common.calendar import local_date
from wmo_common.db import create_engine, create_sessionmaker, utcnow
from wmo_common.events.inbox import InboxMessage
from wmo_common.events.outbox import OutboxMessage, OutboxPending
from wmo_common.logging import configure_logging, get_logger
from wmo_common.scheduling import recorded_run
from wmo_common.settings import CommonSettings

log = get_logger(__name__)
SCHEDULER = "retentie"
# The first run waits this long after start, so a process that starts and stops at once (a test,
# a crash loop) does no retention work; then every `retention_interval_seconds`.
FIRST_RUN_DELAY_SECONDS = 60.0


@dataclass(frozen=True)
class Removed:
    """How many rows one retention run removed, per table."""

    outbox: int
    inbox: int
    audit: int
    # A service's own tables (`register`), by name.
    overig: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Bewaartermijn:
    """A table of one service whose rows outlive their use: `batch(cutoff, size)` deletes at
    most `size` rows older than `cutoff`; `dagen(settings)` is the term in days."""

    naam: str
    batch: Callable[[datetime, int], Delete]
    dagen: Callable[[CommonSettings], int]


_REGISTERED: dict[str, dict[str, Bewaartermijn]] = {}


def register(service_name: str, termijn: Bewaartermijn) -> None:
    """Let every retention run of `service_name` also apply `termijn` (once per name)."""
    _REGISTERED.setdefault(service_name, {})[termijn.naam] = termijn


def _outbox_batch(cutoff: datetime, batch: int) -> Delete:
    # The oldest events by id (the primary key: no index on created_at needed); of those, only
    # events written before the cutoff and sent (no pending row). Unsent events stay, whatever
    # their age (and a trigger refuses their removal: `outbox.KEEP_UNSENT`).
    oldest = select(OutboxMessage.id).order_by(OutboxMessage.id).limit(batch)
    return delete(OutboxMessage).where(
        OutboxMessage.id.in_(oldest.scalar_subquery()),
        OutboxMessage.created_at < cutoff,
        ~exists().where(OutboxPending.id == OutboxMessage.id),
    )


def _inbox_batch(cutoff: datetime, batch: int) -> Delete:
    oldest = select(InboxMessage.id).order_by(InboxMessage.id).limit(batch)
    return delete(InboxMessage).where(
        InboxMessage.id.in_(oldest.scalar_subquery()), InboxMessage.processed_at < cutoff
    )


def expired_batch(
    key: InstrumentedAttribute[Any],
    moment: InstrumentedAttribute[datetime] | InstrumentedAttribute[datetime | None],
    cutoff: datetime,
    batch: int,
) -> Delete:
    """At most `batch` rows whose `moment` lies before `cutoff`, oldest first (a row without a
    moment never expires); `key` is the table's primary key. With `functools.partial` over the
    two columns it is a `Bewaartermijn.batch`."""
    expired = select(key).where(moment < cutoff).order_by(moment).limit(batch)
    return delete(key.class_).where(key.in_(expired.scalar_subquery()))


_audit_batch = partial(expired_batch, AuditRecord.id, AuditRecord.occurred_at)


async def _remove(session: AsyncSession, statement: Delete) -> int:
    """Run one batch statement until it removes nothing; each batch commits on its own."""
    total = 0
    while True:
        removed = int(getattr(await session.execute(statement), "rowcount", 0) or 0)
        await session.commit()
        total += removed
        if not removed:
            return total


async def apply_retention(
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: CommonSettings,
    now: datetime | None = None,
) -> Removed:
    """Remove what has outlived its term, as one recorded run of scheduler `retentie`."""
    moment = now or utcnow()
    batch = settings.retention_batch_size
    async with sessionmaker() as session:
        async with recorded_run(session, SCHEDULER, local_date(moment)):
            removed = Removed(
                outbox=await _remove(
                    session,
                    _outbox_batch(moment - timedelta(days=settings.outbox_retention_days), batch),
                ),
                inbox=await _remove(
                    session,
                    _inbox_batch(moment - timedelta(days=settings.inbox_retention_days), batch),
                ),
                audit=await _remove(
                    session,
                    _audit_batch(moment - timedelta(days=settings.audit_retention_days), batch),
                ),
                overig={
                    naam: await _remove(
                        session,
                        termijn.batch(moment - timedelta(days=termijn.dagen(settings)), batch),
                    )
                    for naam, termijn in _REGISTERED.get(settings.service_name, {}).items()
                },
            )
        await session.commit()
    log.info("retention_done", extra=asdict(removed))
    return removed


async def run_periodically(
    sessionmaker: async_sessionmaker[AsyncSession], settings: CommonSettings
) -> None:
    """Apply retention every `retention_interval_seconds` until cancelled; never gives up."""
    await asyncio.sleep(min(FIRST_RUN_DELAY_SECONDS, settings.retention_interval_seconds))
    while True:
        try:
            await apply_retention(sessionmaker, settings)
        except Exception as exc:
            log.warning("retention_failed", extra={"errorType": type(exc).__name__})
        await asyncio.sleep(settings.retention_interval_seconds)


async def _run_once(settings: CommonSettings) -> Removed:
    engine = create_engine(settings.database_url)
    try:
        return await apply_retention(create_sessionmaker(engine, settings.source), settings)
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """`python -m wmo_common.retention --service access`: one retention run, with the service's
    settings from the environment; prints what it removed."""
    parser = argparse.ArgumentParser(prog="python -m wmo_common.retention")
    parser.add_argument("--service", required=True, help="access, contracting, ...")
    args = parser.parse_args(argv)
    try:
        module = importlib.import_module(f"wmo_{args.service}.settings")
    except ModuleNotFoundError:
        parser.error(f"no service named {args.service!r}")
    settings: CommonSettings = module.Settings()
    # A service registers the retention of its own tables in its scheduler module.
    with contextlib.suppress(ModuleNotFoundError):
        importlib.import_module(f"wmo_{args.service}.scheduler")
    configure_logging(settings.service_name, settings.log_level)
    removed = asyncio.run(_run_once(settings))
    overig = "".join(f", {n} {naam}" for naam, n in removed.overig.items())
    sys.stdout.write(
        f"{removed.outbox} outbox, {removed.inbox} inbox, {removed.audit} audit{overig} "
        "verwijderd\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

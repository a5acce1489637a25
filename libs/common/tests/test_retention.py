"""Retention removes only what is safe to remove: sent outbox events past their term, inbox rows
past theirs, audit records past the legal term; never an unsent event, a recent inbox row or an
audit record within its term."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.audit import AuditRecord
from wmo_common.db import utcnow
from wmo_common.events import outbox
from wmo_common.events.inbox import InboxMessage
from wmo_common.events.outbox import OutboxMessage, OutboxPending
from wmo_common.retention import SCHEDULER, apply_retention
from wmo_common.scheduling import SchedulerRun
from wmo_common.settings import CommonSettings
from wmo_testing.events import SOURCE, Proef

SETTINGS = CommonSettings(
    outbox_retention_days=30, inbox_retention_days=30, audit_retention_days=2557
)


async def queue(
    maker: async_sessionmaker[AsyncSession],
    model: type[Proef],
    *,
    created: datetime,
    sent: bool,
) -> int:
    async with maker() as session, session.begin():
        row = await outbox.add(session, model(proef_id=uuid.uuid4(), volgnummer=1))
        # The queued row is written before the next statement, this update.
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.event_id == row.event_id)
            .values(created_at=created)
        )
        if sent:  # as the relay marks an event sent
            await session.execute(delete(OutboxPending).where(OutboxPending.id == row.id))
        assert row.id is not None
        return row.id


async def remaining(maker: async_sessionmaker[AsyncSession], column: object) -> set[int]:
    async with maker() as session:
        return set((await session.execute(select(column))).scalars())


async def test_retention_removes_sent_outbox_events_past_their_term_and_never_an_unsent_one(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    now = utcnow()
    # The oldest event of all was never sent: it stays, and does not stop what comes after it.
    unsent_old = await queue(
        sessionmaker, proef_type, created=now - timedelta(days=400), sent=False
    )
    expired = [
        await queue(sessionmaker, proef_type, created=now - timedelta(days=60 - n), sent=True)
        for n in range(5)
    ]
    sent_recently = await queue(
        sessionmaker, proef_type, created=now - timedelta(days=29), sent=True
    )
    unsent_new = await queue(sessionmaker, proef_type, created=now, sent=False)

    small_batches = SETTINGS.model_copy(update={"retention_batch_size": 2})
    removed = await apply_retention(sessionmaker, small_batches, now)

    assert removed.outbox == len(expired)
    assert await remaining(sessionmaker, OutboxMessage.id) == {
        unsent_old,
        sent_recently,
        unsent_new,
    }


async def test_the_database_refuses_to_remove_an_unsent_event(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    unsent = await queue(sessionmaker, proef_type, created=utcnow(), sent=False)
    sent = await queue(sessionmaker, proef_type, created=utcnow(), sent=True)
    with pytest.raises(IntegrityError, match="is not sent yet"):
        async with sessionmaker() as session, session.begin():
            await session.execute(delete(OutboxMessage).where(OutboxMessage.id == unsent))
    async with sessionmaker() as session, session.begin():
        await session.execute(delete(OutboxMessage).where(OutboxMessage.id == sent))
    assert unsent in await remaining(sessionmaker, OutboxMessage.id)
    assert sent not in await remaining(sessionmaker, OutboxMessage.id)


async def test_retention_removes_inbox_rows_past_their_term_and_keeps_recent_ones(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    now = utcnow()
    async with sessionmaker() as session, session.begin():
        for days in (45, 31, 29, 1):
            session.add(
                InboxMessage(
                    consumer="proef.proef",
                    source=SOURCE,
                    event_id=uuid.uuid4(),
                    event_type="nl.wmo.proeven.x.v1",
                    topic="proef.x.v1",
                    processed_at=now - timedelta(days=days),
                )
            )
    removed = await apply_retention(sessionmaker, SETTINGS, now)
    async with sessionmaker() as session:
        kept = sorted(
            round((now - at).total_seconds() / 86400)
            for at in (await session.execute(select(InboxMessage.processed_at))).scalars()
        )
    assert removed.inbox == 2
    assert kept == [1, 29]


async def test_retention_keeps_audit_records_for_the_legal_term_and_then_removes_them(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    now = utcnow()
    async with sessionmaker() as session, session.begin():
        for days in (2557 + 30, 2557 + 1, 2557 - 1, 365):
            session.add(
                AuditRecord(
                    actor=f"medewerker-{days}",
                    roles="consulent",
                    client_pseudonym=None,
                    verwerkingsactiviteit="proef",
                    handeling="lezen",
                    occurred_at=now - timedelta(days=days),
                )
            )
    removed = await apply_retention(sessionmaker, SETTINGS, now)
    assert removed.audit == 2
    assert await remaining(sessionmaker, AuditRecord.actor) == {
        "medewerker-2556",
        "medewerker-365",
    }


async def test_each_retention_run_is_recorded_like_every_scheduler_run(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    await apply_retention(sessionmaker, SETTINGS)
    await apply_retention(sessionmaker, SETTINGS)
    async with sessionmaker() as session:
        runs = (
            (await session.execute(select(SchedulerRun).where(SchedulerRun.scheduler == SCHEDULER)))
            .scalars()
            .all()
        )
    assert len(runs) == 2
    assert all(run.emitted == 0 and run.finished_at >= run.started_at for run in runs)


@pytest.mark.parametrize("setting", ["outbox_retention_days", "inbox_retention_days"])
def test_a_retention_shorter_than_kafkas_seven_days_is_refused(setting: str) -> None:
    with pytest.raises(ValidationError, match=setting):
        CommonSettings(**{setting: 3})


def test_an_audit_term_under_a_year_is_refused() -> None:
    with pytest.raises(ValidationError, match="audit_retention_days"):
        CommonSettings(audit_retention_days=30)

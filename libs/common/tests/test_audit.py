"""Audit records are queued and written without the ORM's unit of work (issue 22), in one
statement with the transaction's outbox events: the same rows, kept and dropped as before."""

import contextlib
import uuid

import pytest
from opentelemetry.trace import SpanKind
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from wmo_common import audit
from wmo_common.audit import AuditRecord, Handeling
from wmo_common.auth import Principal, Role
from wmo_common.events import outbox
from wmo_common.events.outbox import OutboxMessage
from wmo_common.tracing import current_trace_id, span
from wmo_testing.events import Proef
from wmo_testing.harness import statements

ACTOR = Principal(subject="consulent-7", roles=frozenset({Role.CONSULTANT, Role.AUDITOR}))


async def record(session: AsyncSession, resource: str = "clienten/1") -> None:
    await audit.record(
        session,
        ACTOR,
        verwerkingsactiviteit="toegang-maatwerkvoorziening",
        handeling=Handeling.LEZEN,
        client_pseudonym="p" * 64,
        resource=resource,
    )


async def resources(sessionmaker: async_sessionmaker[AsyncSession]) -> list[str | None]:
    async with sessionmaker() as session:
        rows = await session.execute(select(AuditRecord.resource).order_by(AuditRecord.id))
        return list(rows.scalars().all())


async def test_a_record_holds_who_what_which_client_and_the_trace(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    with span("test", None, SpanKind.INTERNAL):
        async with sessionmaker() as session, session.begin():
            await record(session)
        trace_id = current_trace_id()
    assert trace_id is not None
    async with sessionmaker() as session:
        (stored,) = (await session.execute(select(AuditRecord))).scalars().all()
    assert (stored.actor, stored.roles, stored.client_pseudonym) == (
        "consulent-7",
        "auditor,consultant",
        "p" * 64,
    )
    assert (stored.verwerkingsactiviteit, stored.handeling, stored.resource) == (
        "toegang-maatwerkvoorziening",
        "lezen",
        "clienten/1",
    )
    assert stored.trace_id == trace_id
    assert isinstance(stored.record_id, uuid.UUID)
    assert stored.occurred_at.tzinfo is not None


async def test_records_and_events_of_a_transaction_are_written_in_one_statement_in_order(
    engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    with statements(engine) as seen:
        async with sessionmaker() as session, session.begin():
            await record(session, "a")
            queued = await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
            await record(session, "b")
    inserts = [s for s in seen if "INSERT" in s]
    assert len(inserts) == 1
    assert "audit_record" in inserts[0]
    assert "outbox_message" in inserts[0]
    assert queued.id is not None
    assert await resources(sessionmaker) == ["a", "b"]
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 1


async def test_a_query_in_the_transaction_sees_the_record(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    async with sessionmaker() as session, session.begin():
        await record(session)
        assert await session.scalar(select(func.count()).select_from(AuditRecord)) == 1


async def test_a_rolled_back_transaction_keeps_no_record(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    async with sessionmaker() as session:
        await record(session)
        await session.rollback()
        await record(session, "after")
        await session.commit()
    assert await resources(sessionmaker) == ["after"]


async def test_a_savepoint_rolled_back_drops_only_the_records_queued_inside_it(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    async with sessionmaker() as session, session.begin():
        await record(session, "before")
        with contextlib.suppress(LookupError):
            async with session.begin_nested():
                await record(session, "inside, rolled back")
                raise LookupError("the work inside the savepoint failed")
        async with session.begin_nested():
            await record(session, "inside, released")
    assert await resources(sessionmaker) == ["before", "inside, released"]


async def test_an_over_long_value_fails_the_commit_as_through_the_orm(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    async with sessionmaker() as session:
        await record(session, "x" * 201)
        with pytest.raises(DBAPIError):
            await session.commit()
    assert await resources(sessionmaker) == []

"""Statements asyncpg runs beneath a session (issue 22) behave as the session's own statements:
one transaction, defaults, queued rows written first, errors judged alike; a read before
anything began, and queued rows that are all a commit writes, save BEGIN and COMMIT."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any, ClassVar

import asyncpg
import pytest
from sqlalchemy import Column, DateTime, MetaData, String, Table, bindparam, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

import wmo_common.db
from wmo_common import audit, pending
from wmo_common.audit import Handeling
from wmo_common.auth import Principal, Role
from wmo_common.db import (
    IdMixin,
    TimestampMixin,
    create_engine,
    create_sessionmaker,
    database_unavailable,
    fetch_one,
    naming_metadata,
    rejected_input,
)
from wmo_common.driver import DriverStatement
from wmo_common.events import outbox
from wmo_common.events.outbox import OutboxMessage, OutboxPending, key_hash
from wmo_testing.events import SOURCE, Proef
from wmo_testing.harness import statements


class DriverBase(DeclarativeBase):
    metadata = naming_metadata()
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True)}


class Rij(IdMixin, TimestampMixin, DriverBase):
    __tablename__ = "driver_rij"
    naam: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="nieuw")


INSERT = DriverStatement.of(insert(Rij).returning(*Rij.__table__.c), ["naam"])
COUNT = DriverStatement.of(
    select(
        select(func.count()).select_from(Rij).scalar_subquery().label("rijen"),
        select(func.count()).select_from(OutboxMessage).scalar_subquery().label("events"),
    )
)
PID = DriverStatement.of(select(func.pg_backend_pid().label("pid")))
BY_NAME = DriverStatement.of(select(Rij.id).where(Rij.naam == bindparam("naam", type_=String())))
READ = DriverStatement.of(
    select(Rij.id).where(Rij.naam == bindparam("naam", type_=String())), reads=True
)


@pytest.fixture
async def rijen(
    engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    async with engine.begin() as connection:
        await connection.run_sync(DriverBase.metadata.create_all)
    yield sessionmaker
    async with engine.begin() as connection:
        await connection.run_sync(DriverBase.metadata.drop_all)


async def names(sessionmaker: async_sessionmaker[AsyncSession]) -> list[str]:
    async with sessionmaker() as session:
        return list((await session.execute(select(Rij.naam).order_by(Rij.naam))).scalars())


async def test_an_insert_gets_the_python_defaults_the_session_would_give(
    rijen: async_sessionmaker[AsyncSession],
) -> None:
    async with rijen() as session:
        row = await fetch_one(session, INSERT, {"naam": "eerste"})
        await session.commit()
    assert row is not None
    assert isinstance(row["id"], uuid.UUID)
    assert row["status"] == "nieuw"
    assert isinstance(row["created_at"], datetime)
    assert row["created_at"].tzinfo is not None
    assert await names(rijen) == ["eerste"]


async def test_what_the_driver_ran_commits_and_rolls_back_with_the_session(
    rijen: async_sessionmaker[AsyncSession],
) -> None:
    async with rijen() as session:
        # The driver's statement is the transaction's first: it begins it.
        await fetch_one(session, INSERT, {"naam": "weg"})
        session.add(Rij(naam="ook-weg"))
        await session.flush()
        await session.rollback()
        await fetch_one(session, INSERT, {"naam": "blijft"})
        await session.commit()
    assert await names(rijen) == ["blijft"]


async def test_rows_queued_and_objects_added_before_it_are_written_first(
    rijen: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    async with rijen() as session:
        session.add(Rij(naam="toegevoegd"))
        await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
        counts = await fetch_one(session, COUNT, {})
        await session.rollback()
    assert counts is not None
    assert (counts["rijen"], counts["events"]) == (1, 1)
    assert await names(rijen) == []


async def test_a_refused_value_is_judged_as_a_statement_of_the_session(
    rijen: async_sessionmaker[AsyncSession],
) -> None:
    async with rijen() as session:
        await fetch_one(session, INSERT, {"naam": "dubbel"})
        with pytest.raises(IntegrityError) as clash:
            await fetch_one(session, INSERT, {"naam": "dubbel"})
        await session.rollback()
        with pytest.raises(DataError) as invalid:
            await fetch_one(session, INSERT, {"naam": "nul\x00teken"})
        await session.rollback()
        with pytest.raises(KeyError):
            await fetch_one(session, INSERT, {})
    assert rejected_input(clash.value) == 409
    assert rejected_input(invalid.value) == 400
    assert not database_unavailable(clash.value)


async def backend_pid(session: AsyncSession) -> int:
    """The server process behind the session's connection."""
    row = await fetch_one(session, PID, {})
    assert row is not None
    return int(row["pid"])


async def end_backends(database_url: str, pids: list[int]) -> None:
    """What a database restart does to these connections; returns once the processes ended."""
    admin = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        assert await admin.fetchval(
            "SELECT bool_and(pg_terminate_backend(pid, 10000)) FROM unnest($1::int[]) AS pid",
            pids,
        )
    finally:
        await admin.close()


@pytest.fixture
async def small_pool(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on a pool of three connections that hands out an idle one without a ping."""
    monkeypatch.setattr(wmo_common.db, "IDLE_PING_SECONDS", 3600.0)
    engine = create_engine(database_url, pool_size=3)
    yield create_sessionmaker(engine, SOURCE)
    await engine.dispose()


async def test_a_connection_lost_beneath_it_is_unavailable_and_replaced(
    rijen: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    async with rijen() as session:
        await end_backends(database_url, [await backend_pid(session)])
        with pytest.raises(DBAPIError) as lost:
            await fetch_one(session, BY_NAME, {"naam": "x"})
    assert database_unavailable(lost.value)
    assert lost.value.connection_invalidated
    async with rijen() as session:
        await fetch_one(session, INSERT, {"naam": "daarna"})
        await session.commit()
    assert await names(rijen) == ["daarna"]


async def test_a_pooled_connection_lost_before_its_transaction_began_is_unavailable(
    rijen: async_sessionmaker[AsyncSession],
    small_pool: async_sessionmaker[AsyncSession],
    database_url: str,
) -> None:
    async with small_pool() as session:
        pid = await backend_pid(session)
    # Back in the pool (the last one returned, handed out next), then ended by the server.
    await end_backends(database_url, [pid])
    with pytest.raises(DBAPIError) as lost:
        async with small_pool() as session:
            await fetch_one(session, INSERT, {"naam": "verloren"})
    assert database_unavailable(lost.value)
    async with small_pool() as session:
        await fetch_one(session, INSERT, {"naam": "daarna"})
        await session.commit()
    assert await names(rijen) == ["daarna"]


async def test_after_a_restart_only_the_first_statement_on_a_dropped_connection_fails(
    rijen: async_sessionmaker[AsyncSession],
    small_pool: async_sessionmaker[AsyncSession],
    database_url: str,
) -> None:
    # As through the session (test_db_reconnect): the first lost connection renews the whole
    # pool, so the other dropped connections are not handed out to fail one by one.
    async def held_pid() -> int:
        async with small_pool() as session:
            pid = await backend_pid(session)
            await asyncio.sleep(0.05)  # hold it, so the three sessions use three connections
            return pid

    pids = sorted(set(await asyncio.gather(held_pid(), held_pid(), held_pid())))
    assert len(pids) == 3
    await end_backends(database_url, pids)
    with pytest.raises(DBAPIError) as lost:
        async with small_pool() as session:
            await fetch_one(session, BY_NAME, {"naam": "x"})
    assert database_unavailable(lost.value)
    for naam in ("een", "twee", "drie", "vier"):
        async with small_pool() as session:
            await fetch_one(session, INSERT, {"naam": naam})
            await session.commit()
    assert await names(rijen) == ["drie", "een", "twee", "vier"]


def test_a_statement_that_cannot_be_compiled_once_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be compiled once"):
        DriverStatement.of(select(Rij.id).where(Rij.naam.in_(bindparam("namen", expanding=True))))


def sent(seen: list[str]) -> list[str]:
    """The statements seen, BEGIN, COMMIT and the others by their first word, without asyncpg's
    own look-up of a type it meets for the first time on a connection."""
    return [
        statement.split()[0].rstrip(";").upper()
        for statement in seen
        if "pg_type" not in statement and "'jit'" not in statement
    ]


async def test_a_read_before_anything_began_and_a_commit_of_queued_rows_alone_send_no_begin(
    rijen: async_sessionmaker[AsyncSession], engine: AsyncEngine, proef_type: type[Proef]
) -> None:
    with statements(engine) as seen:
        async with rijen() as session:
            assert await fetch_one(session, READ, {"naam": "x"}) is None
            queued = await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
            await session.commit()
    # The read, then the event in a statement of its own: two round trips instead of four.
    assert sent(seen) == ["SELECT", "WITH"]
    assert queued.id is not None
    async with rijen() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 1


async def test_after_such_a_read_the_writes_of_the_session_still_share_one_transaction(
    rijen: async_sessionmaker[AsyncSession], engine: AsyncEngine, proef_type: type[Proef]
) -> None:
    with statements(engine) as seen:
        async with rijen() as session:
            await fetch_one(session, READ, {"naam": "x"})
            await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
            session.add(Rij(naam="samen"))
            await session.commit()
    assert sent(seen)[:3] == ["SELECT", "BEGIN", "WITH"]
    assert sent(seen)[-1] == "COMMIT"
    async with rijen() as session:
        await fetch_one(session, READ, {"naam": "x"})
        await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=2))
        session.add(Rij(naam="samen"))  # a duplicate: the flush fails after the event
        with pytest.raises(IntegrityError):
            await session.commit()
    assert await names(rijen) == ["samen"]
    async with rijen() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 1


@pytest.mark.parametrize("count", [1, 3])
async def test_queued_rows_that_fail_alone_leave_nothing_written(
    rijen: async_sessionmaker[AsyncSession], proef_type: type[Proef], count: int
) -> None:
    """A row alone goes as values of its own and rows together as arrays: both refuse a value
    longer than its column rather than cutting it."""
    async with rijen() as session:
        await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
        for _ in range(count):
            await audit.record(
                session,
                Principal(subject="consulent-7", roles=frozenset({Role.CONSULTANT})),
                verwerkingsactiviteit="proef",
                handeling=Handeling.LEZEN,
                client_pseudonym=None,
                resource="x" * 201,  # longer than the column: the one statement fails
            )
        with pytest.raises(DBAPIError):
            await session.commit()
    async with rijen() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


async def test_a_queued_row_alone_is_stored_as_it_is_among_others(
    rijen: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    consulent = Principal(subject="consulent-7", roles=frozenset({Role.CONSULTANT}))
    queued: list[outbox.QueuedEvent] = []
    for count in (1, 2):
        async with rijen() as session:
            for volgnummer in range(count):
                event = proef_type(proef_id=uuid.uuid4(), volgnummer=volgnummer)
                queued.append(await outbox.add(session, event))
                await audit.record(
                    session,
                    consulent,
                    verwerkingsactiviteit="proef",
                    handeling=Handeling.LEZEN,
                    client_pseudonym="p" * 64,
                    resource=f"proeven/{count}",
                )
            await session.commit()
    async with rijen() as session:
        stored = {
            row.event_id: row for row in (await session.execute(select(OutboxMessage))).scalars()
        }
        records = (
            (await session.execute(select(audit.AuditRecord).order_by(audit.AuditRecord.id)))
            .scalars()
            .all()
        )
    assert [event.id for event in queued] == [stored[event.event_id].id for event in queued]
    for event in queued:
        row = stored[event.event_id]
        assert (row.topic, row.key, row.event_type, row.envelope, row.created_at) == (
            event.topic,
            event.key,
            event.event_type,
            event.envelope,
            event.created_at,
        )
    # Each event waits to be sent, under the hash of its own key.
    async with rijen() as session:
        waiting = await session.execute(
            select(
                OutboxPending.id,
                OutboxPending.key_hash == key_hash(OutboxMessage.key),
                OutboxPending.attempts,
                OutboxPending.last_error,
            )
            .join(OutboxMessage, OutboxMessage.id == OutboxPending.id)
            .order_by(OutboxPending.id)
        )
        assert [tuple(row) for row in waiting] == [(event.id, True, 0, None) for event in queued]
    assert [(r.actor, r.roles, r.client_pseudonym, r.handeling, r.resource) for r in records] == [
        ("consulent-7", "consultant", "p" * 64, "lezen", f"proeven/{count}") for count in (1, 2, 2)
    ]


async def test_at_a_stricter_isolation_level_the_read_begins_the_transaction(
    rijen: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    with statements(engine) as seen:
        async with rijen() as session:
            await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            await fetch_one(session, READ, {"naam": "x"})
            await session.commit()
    assert sent(seen) == ["BEGIN", "SELECT", "COMMIT"]
    assert "REPEATABLE READ" in seen[0].upper()


def test_only_a_select_that_neither_locks_nor_writes_is_compiled_as_a_read() -> None:
    written = insert(Rij).values(naam="x").returning(Rij.id).cte("geschreven")
    for statement in (
        select(Rij.id).with_for_update(),
        select(written.c.id),
        insert(Rij).values(naam="x"),
    ):
        with pytest.raises(ValueError, match="neither locks nor writes"):
            DriverStatement.of(statement, reads=True)


def test_a_column_only_the_server_gives_a_default_cannot_be_queued() -> None:
    """Queued rows write every listed column, so the server's default would never apply."""
    table = Table(
        "wachtrij",
        MetaData(),
        Column("naam", String(20)),
        Column("aangemaakt", DateTime(timezone=True), server_default=func.now()),
    )
    with pytest.raises(ValueError, match="aangemaakt"):
        pending.insert_rows(table, ("naam", "aangemaakt"), "wachtrij_")
    assert pending.insert_rows(table, ("naam",), "wachtrij_") is not None

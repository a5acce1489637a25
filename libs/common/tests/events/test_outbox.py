import asyncio
import contextlib
import uuid

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.events import outbox
from wmo_common.events.outbox import NOTIFY_CHANNEL, OutboxMessage
from wmo_common.events.relay import OutboxRelay
from wmo_testing.events import (
    Proef,
    ProefEffect,
    count_effects,
    recording_handler,
    running_consumer,
    running_producer,
    running_relay,
)
from wmo_testing.harness import eventually


async def test_an_event_committed_while_the_relay_is_down_reaches_the_consumer_once_it_is_back(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef], database_url: str
) -> None:
    async with sessionmaker() as session, session.begin():
        await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
    # The relay was not running at commit: the event waits in the table, unsent.
    async with sessionmaker() as session:
        assert (await outbox.backlog(session))[0] == 1

    async with (
        running_producer() as producer,
        running_consumer(
            sessionmaker,
            proef_type.topic,
            {proef_type: recording_handler("c1")},
            producer,
            name=f"proef.{uuid.uuid4().hex[:8]}",
        ),
        running_relay(sessionmaker, database_url, producer),
    ):

        async def applied() -> bool:
            return await count_effects(sessionmaker, "c1") == 1

        await eventually(applied)
    async with sessionmaker() as session:
        assert (await outbox.backlog(session))[0] == 0


async def test_a_rolled_back_transaction_publishes_nothing(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    async with sessionmaker() as session, session.begin():
        await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
        await session.rollback()
    async with running_producer() as producer:
        relay = OutboxRelay(sessionmaker, producer)
        assert await relay.publish_pending() == 0
    async with sessionmaker() as session:
        assert (
            await session.execute(select(func.count()).select_from(OutboxMessage))
        ).scalar_one() == 0


async def test_the_envelope_follows_the_nl_gov_cloudevents_profile(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    proef_id = uuid.uuid4()
    async with sessionmaker() as session, session.begin():
        row = await outbox.add(session, proef_type(proef_id=proef_id, volgnummer=7))
    envelope = row.envelope
    assert envelope["specversion"] == "1.0"
    assert envelope["source"] == "urn:nld:oin:00000001234567890000:systeem:proef"
    assert envelope["type"] == proef_type.event_type
    assert envelope["subject"] == str(proef_id)
    assert envelope["datacontenttype"] == "application/json"
    assert envelope["dataschema"].endswith(f"{proef_type.event_type}.json")
    assert envelope["time"].endswith("Z")
    assert envelope["data"] == {"proefId": str(proef_id), "volgnummer": 7, "inhoud": ""}
    assert row.key == str(proef_id)


async def queued_ids(maker: async_sessionmaker[AsyncSession]) -> list[uuid.UUID]:
    async with maker() as session:
        return list(
            (await session.execute(select(OutboxMessage.event_id).order_by(OutboxMessage.id)))
            .scalars()
            .all()
        )


async def test_events_of_one_transaction_are_queued_in_the_order_they_were_added(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    async with sessionmaker() as session, session.begin():
        rows = [
            await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=n))
            for n in range(300)
        ]
    assert await queued_ids(sessionmaker) == [row.event_id for row in rows]
    ids = [row.id for row in rows]
    assert ids == sorted(ids)
    assert len(set(ids)) == 300


async def test_a_query_in_the_same_transaction_sees_the_queued_event(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    async with sessionmaker() as session, session.begin():
        row = await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
        count, _ = await outbox.backlog(session)
        assert count == 1
        assert row.id is not None
        await session.rollback()
    assert await queued_ids(sessionmaker) == []


async def test_a_savepoint_rolled_back_drops_only_the_events_queued_inside_it(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    async with sessionmaker() as session, session.begin():
        before = await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
        with contextlib.suppress(LookupError):
            async with session.begin_nested():
                await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=2))
                raise LookupError("the work inside the savepoint failed")
        async with session.begin_nested():
            inside = await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=3))
        after = await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=4))
    assert await queued_ids(sessionmaker) == [before.event_id, inside.event_id, after.event_id]


async def test_an_event_queued_before_a_savepoint_survives_a_failed_flush_inside_it(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    async with sessionmaker() as session, session.begin():
        kept = await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
        with contextlib.suppress(IntegrityError):
            async with session.begin_nested():
                # proef_id may not be NULL: the flush at the savepoint's end fails.
                session.add(ProefEffect(consumer="c1", volgnummer=1))
    assert await queued_ids(sessionmaker) == [kept.event_id]


async def test_a_session_closed_without_commit_publishes_nothing_and_forgets_the_event(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    async with sessionmaker() as session:
        await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
        await session.close()
        # The same session, used again: the dropped event does not ride this commit.
        committed = await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=2))
        await session.commit()
    assert await queued_ids(sessionmaker) == [committed.event_id]


async def test_the_relays_are_woken_once_per_committed_transaction_and_not_on_rollback(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef], database_url: str
) -> None:
    listener = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    woken: asyncio.Queue[str] = asyncio.Queue()
    await listener.add_listener(NOTIFY_CHANNEL, lambda *args: woken.put_nowait(args[2]))
    try:
        async with sessionmaker() as session, session.begin():
            for n in range(3):
                await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=n))
            await session.execute(select(func.count()).select_from(OutboxMessage))
            await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=3))
        await asyncio.wait_for(woken.get(), timeout=5)
        async with sessionmaker() as session, session.begin():
            await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=4))
            await session.flush()
            await session.rollback()
        # A last committed transaction: its NOTIFY comes after anything the earlier ones sent.
        async with sessionmaker() as session, session.begin():
            await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=5))
        await asyncio.wait_for(woken.get(), timeout=5)
        assert woken.empty()
    finally:
        await listener.close()

"""The relay's concurrent claims and its batched sends: each key's events in order whatever the
number of claims, a send that fails leaves its rows unsent until a later claim sends them, and
records that reached Kafka without the relay knowing are sent again and applied once."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import defaultdict
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError, KafkaTimeoutError
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.events import outbox
from wmo_common.events.inbox import InboxMessage
from wmo_common.events.outbox import OutboxPending
from wmo_common.events.relay import LOCK_SPACE, OutboxRelay
from wmo_testing.events import (
    Proef,
    count_effects,
    read_all,
    recording_handler,
    running_consumer,
    running_producer,
)
from wmo_testing.harness import eventually, kafka_bootstrap


class FailingBatches(AIOKafkaProducer):  # type: ignore[misc]
    """A real producer whose first `failing` batches never reach Kafka and fail, as when the
    broker stays away past the request timeout."""

    def __init__(self, failing: int) -> None:
        super().__init__(bootstrap_servers=kafka_bootstrap(), enable_idempotence=True, acks="all")
        self.failing = failing

    async def send_batch(self, batch: Any, topic: str, *, partition: int) -> asyncio.Future[Any]:
        if self.failing:
            self.failing -= 1
            failed: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
            failed.set_exception(KafkaTimeoutError())
            return failed
        future: asyncio.Future[Any] = await super().send_batch(batch, topic, partition=partition)
        return future


class LostAcknowledgements(AIOKafkaProducer):  # type: ignore[misc]
    """A real producer whose first `losing` batches reach Kafka but report a failure, as when the
    connection drops after the broker wrote them, or the relay dies before it marks them sent."""

    def __init__(self, losing: int) -> None:
        super().__init__(bootstrap_servers=kafka_bootstrap(), enable_idempotence=True, acks="all")
        self.losing = losing

    async def send_batch(self, batch: Any, topic: str, *, partition: int) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = await super().send_batch(batch, topic, partition=partition)
        if not self.losing:
            return future
        self.losing -= 1
        await future
        lost: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        lost.set_exception(KafkaConnectionError())
        return lost


async def queue(
    maker: async_sessionmaker[AsyncSession], model: type[Proef], events: int, keys: int
) -> dict[str, list[str]]:
    """Queue `events` round-robin over `keys` keys in transactions of 100; returns each key's
    event ids in order."""
    proef_ids = [uuid.uuid4() for _ in range(keys)]
    expected: dict[str, list[str]] = defaultdict(list)
    for start in range(0, events, 100):
        async with maker() as session, session.begin():
            for n in range(start, min(start + 100, events)):
                row = await outbox.add(session, model(proef_id=proef_ids[n % keys], volgnummer=n))
                expected[row.key].append(str(row.event_id))
    return expected


def first_arrivals(records: list[Any]) -> tuple[dict[str, list[str]], int]:
    """Each key's event ids in the order they first arrived, and how many records repeated one."""
    arrivals: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for record in records:
        event_id = json.loads(record.value)["id"]
        if event_id not in seen:
            seen.add(event_id)
            arrivals[record.key.decode()].append(event_id)
    return arrivals, len(records) - len(seen)


async def unsent(maker: async_sessionmaker[AsyncSession]) -> list[tuple[int, str | None]]:
    async with maker() as session:
        rows = await session.execute(
            select(OutboxPending.attempts, OutboxPending.last_error).order_by(OutboxPending.id)
        )
        return [(attempts, error) for attempts, error in rows]


async def most_claims_at_once(maker: async_sessionmaker[AsyncSession], until: asyncio.Event) -> int:
    """The most connections seen holding relay slot locks at one time, sampled until `until`."""
    most = 0
    async with maker() as session:
        while not until.is_set():
            holding = await session.scalar(
                text(
                    "SELECT count(DISTINCT pid) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND classid::bigint = :space"
                ),
                {"space": LOCK_SPACE},
            )
            await session.rollback()  # a fresh snapshot of pg_locks each time
            most = max(most, int(holding or 0))
            await asyncio.sleep(0.002)
    return most


async def test_three_claims_at_a_time_send_each_key_in_order_and_each_event_once(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    events = 3000
    done = asyncio.Event()
    sampling = asyncio.create_task(most_claims_at_once(sessionmaker, done))
    async with running_producer() as producer:
        relay = OutboxRelay(sessionmaker, producer, batch_size=100, poll_seconds=0.05, claims=3)
        running = asyncio.create_task(relay.run())
        try:
            # Queued while the claims run, so that they share the work from the first row on.
            expected = await queue(sessionmaker, proef_type, events, keys=90)

            async def all_sent() -> bool:
                return not await unsent(sessionmaker)

            await eventually(all_sent, timeout=120)
        finally:
            relay.stop()
            await running
            done.set()
    assert await sampling >= 2, "the claims never overlapped: nothing was tested"
    records = await read_all(proef_type.topic, events)
    arrivals, repeats = first_arrivals(records)
    assert arrivals == expected
    assert repeats == 0
    assert len(records) == events


async def test_a_batch_that_fails_to_send_stays_unsent_with_its_error_and_a_later_claim_sends_it(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    # Few and small events: one record batch per partition, so the failed batch holds every
    # event its keys have in this claim.
    events = 24
    expected = await queue(sessionmaker, proef_type, events, keys=6)
    producer = FailingBatches(failing=1)
    await producer.start()
    try:
        relay = OutboxRelay(sessionmaker, producer)
        first = await relay.publish_pending()
        left = await unsent(sessionmaker)
        assert 0 <= first < events
        assert len(left) == events - first
        # The first row not sent carries the attempt and the error; nothing was marked sent
        # past it, whatever happened to the other partitions' batches.
        assert left[0] == (1, "KafkaTimeoutError: KafkaTimeoutError")
        assert all(error is None for _, error in left[1:])
        assert await relay.publish_pending() == events - first
        assert await unsent(sessionmaker) == []
    finally:
        await producer.stop()
    records = await read_all(proef_type.topic, events)
    arrivals, _ = first_arrivals(records)
    assert arrivals == expected  # none lost, each key in order


async def test_records_kafka_took_without_the_relay_knowing_are_sent_again_and_applied_once(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    events = 24
    group = f"proef.{uuid.uuid4().hex[:8]}"
    expected = await queue(sessionmaker, proef_type, events, keys=6)
    losing = LostAcknowledgements(losing=3)  # every partition's batch: the whole claim
    await losing.start()
    try:
        assert await OutboxRelay(sessionmaker, losing).publish_pending() == 0
    finally:
        await losing.stop()
    assert len(await unsent(sessionmaker)) == events  # in Kafka, yet not marked sent
    async with running_producer() as producer:
        assert await OutboxRelay(sessionmaker, producer).publish_pending() == events
        async with running_consumer(
            sessionmaker,
            proef_type.topic,
            {proef_type: recording_handler(group)},
            producer,
            name=group,
        ):

            async def all_applied() -> bool:
                return await count_effects(sessionmaker, group) >= events

            await eventually(all_applied, timeout=60)
            await asyncio.sleep(1)  # time for a second effect of a repeated record to show
    records = await read_all(proef_type.topic, 2 * events)
    arrivals, repeats = first_arrivals(records)
    assert arrivals == expected
    assert repeats == events  # every event went twice ...
    assert await count_effects(sessionmaker, group) == events  # ... and was applied once
    async with sessionmaker() as session:
        inbox_rows = await session.scalar(
            select(func.count()).where(InboxMessage.consumer == group)
        )
    assert inbox_rows == events

"""Several replicas of a worker against one database and one broker: two relay processes keep
each key's events in order (also when one is killed), and a consumer group of two applies each
event once across rebalances."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaConsumer
from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.events import outbox
from wmo_common.events.inbox import InboxMessage
from wmo_common.events.outbox import OutboxMessage, OutboxPending
from wmo_testing.events import (
    SOURCE,
    Proef,
    ProefEffect,
    fresh_tables,
    recording_handler,
    running_consumer,
    running_producer,
    running_relay,
)
from wmo_testing.harness import database_url_for, eventually, kafka_bootstrap, truncate_all

EVENTS = 5000
KEYS = 200
BATCH = 50
RELAY_SCRIPT = Path(__file__).with_name("relay_process.py")


@pytest.fixture(scope="module")
async def replica_url() -> str:
    """A database of these tests' own: the relays send every row of the outbox they find."""
    url = database_url_for("replicas")
    name = url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(url.replace("+asyncpg", "").rsplit("/", 1)[0] + "/postgres")
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    engine = create_engine(url)
    await fresh_tables(engine)
    await engine.dispose()
    return url


@pytest.fixture
async def maker(replica_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(replica_url, pool_size=5)
    sessionmaker = create_sessionmaker(engine, SOURCE)
    await truncate_all(sessionmaker)
    yield sessionmaker
    await truncate_all(sessionmaker)
    await engine.dispose()


async def queue_events(
    maker: async_sessionmaker[AsyncSession], model: type[Proef], events: int, keys: int
) -> dict[str, list[uuid.UUID]]:
    """Queue `events` round-robin over `keys` keys; returns each key's event ids in order."""
    proef_ids = [uuid.uuid4() for _ in range(keys)]
    expected: dict[str, list[uuid.UUID]] = defaultdict(list)
    for start in range(0, events, 250):
        async with maker() as session, session.begin():
            for n in range(start, min(start + 250, events)):
                proef_id = proef_ids[n % keys]
                row = await outbox.add(session, model(proef_id=proef_id, volgnummer=n // keys))
                expected[str(proef_id)].append(row.event_id)
    return expected


async def sent_count(maker: async_sessionmaker[AsyncSession]) -> int:
    async with maker() as session:
        return int(
            (
                await session.execute(
                    select(func.count())
                    .select_from(OutboxMessage)
                    .where(~exists().where(OutboxPending.id == OutboxMessage.id))
                )
            ).scalar_one()
        )


async def start_relay(url: str) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(RELAY_SCRIPT), url, str(BATCH), stdout=asyncio.subprocess.PIPE
    )
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), timeout=30)
    assert line.strip() == b"ready", "the relay process did not start"
    return process


async def stop_relay(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), timeout=30)


async def read_topic(topic: str, unique: int, timeout: float = 60.0) -> list[Any]:
    """Every record of `topic` in each partition's order, once `unique` distinct event ids are
    there and nothing more arrives for a second (a re-sent record would come in that time)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=kafka_bootstrap(), auto_offset_reset="earliest", group_id=None
    )
    await consumer.start()
    records: list[Any] = []
    ids: set[str] = set()
    quiet = 0
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            batch = await consumer.getmany(timeout_ms=250)
            fetched = [record for partition in batch.values() for record in partition]
            records.extend(fetched)
            ids.update(json.loads(record.value)["id"] for record in fetched)
            quiet = 0 if fetched else quiet + 1
            if len(ids) >= unique and quiet >= 4:
                break
    finally:
        await consumer.stop()
    return records


def first_arrivals(records: list[Any]) -> tuple[dict[str, list[uuid.UUID]], int]:
    """Each key's event ids in the order they first arrived, and how many records repeated one."""
    arrivals: dict[str, list[uuid.UUID]] = defaultdict(list)
    seen: set[uuid.UUID] = set()
    repeats = 0
    for record in records:
        event_id = uuid.UUID(json.loads(record.value)["id"])
        if event_id in seen:
            repeats += 1
            continue
        seen.add(event_id)
        arrivals[record.key.decode()].append(event_id)
    return arrivals, repeats


async def test_two_relay_processes_send_5000_events_of_200_keys_each_key_in_order_none_twice(
    maker: async_sessionmaker[AsyncSession], proef_type: type[Proef], replica_url: str
) -> None:
    relays = list(await asyncio.gather(start_relay(replica_url), start_relay(replica_url)))
    try:
        expected = await queue_events(maker, proef_type, EVENTS, KEYS)

        async def all_sent() -> bool:
            return await sent_count(maker) == EVENTS

        await eventually(all_sent, timeout=120)
    finally:
        for relay in relays:
            await stop_relay(relay)
    records = await read_topic(proef_type.topic, EVENTS)
    arrivals, repeats = first_arrivals(records)
    assert arrivals == expected  # every key complete and in order: none lost, none out of order
    assert repeats == 0
    assert len(records) == EVENTS


async def test_when_one_of_two_relay_processes_is_killed_halfway_the_other_sends_the_rest_in_order(
    maker: async_sessionmaker[AsyncSession], proef_type: type[Proef], replica_url: str
) -> None:
    victim, survivor = await asyncio.gather(start_relay(replica_url), start_relay(replica_url))
    try:
        # Queued while both relays run, so they share the work from the first row on.
        queueing = asyncio.create_task(queue_events(maker, proef_type, EVENTS, KEYS))

        async def half_sent() -> int:
            sent = await sent_count(maker)
            return sent if sent >= EVENTS // 2 else 0

        sent_at_kill = await eventually(half_sent, timeout=120, interval=0.01)
        victim.kill()  # SIGKILL: no clean-up, its connection (and so its slot locks) just drops
        await victim.wait()
        assert sent_at_kill < EVENTS, "the relays finished before the kill: nothing was tested"
        expected = await queueing

        async def all_sent() -> bool:
            return await sent_count(maker) == EVENTS

        await eventually(all_sent, timeout=120)
    finally:
        await stop_relay(survivor)
    records = await read_topic(proef_type.topic, EVENTS)
    arrivals, repeats = first_arrivals(records)
    assert arrivals == expected
    # A killed relay may have sent part of its batch without recording it; the survivor sends
    # those again, in order, and the consumers' inbox drops them. Never more than that batch.
    assert repeats <= BATCH
    assert len(records) == EVENTS + repeats


async def test_a_consumer_group_of_two_applies_each_event_once_in_key_order_across_rebalances(
    maker: async_sessionmaker[AsyncSession], proef_type: type[Proef], replica_url: str
) -> None:
    events, keys, chunks = 1500, 50, 10
    group = f"proef.groep{uuid.uuid4().hex[:6]}"
    handlers = {proef_type: recording_handler(group)}
    proef_ids = [uuid.uuid4() for _ in range(keys)]

    async def queue_chunk(chunk: int) -> None:
        per_chunk = events // chunks
        async with maker() as session, session.begin():
            for n in range(chunk * per_chunk, (chunk + 1) * per_chunk):
                await outbox.add(
                    session, proef_type(proef_id=proef_ids[n % keys], volgnummer=n // keys)
                )

    async def applied() -> int:
        async with maker() as session:
            return int(
                (
                    await session.execute(
                        select(func.count())
                        .select_from(ProefEffect)
                        .where(ProefEffect.consumer == group)
                    )
                ).scalar_one()
            )

    async with (
        running_producer() as producer,
        running_relay(maker, replica_url, producer),
        running_consumer(maker, proef_type.topic, handlers, producer, name=group),
    ):
        for chunk in range(3):
            await queue_chunk(chunk)
            await asyncio.sleep(0.3)
        # A second member joins: the group rebalances while events flow.
        async with running_consumer(maker, proef_type.topic, handlers, producer, name=group):
            for chunk in range(3, 6):
                await queue_chunk(chunk)
                await asyncio.sleep(0.3)

            async def some_applied() -> bool:
                return await applied() >= 3 * events // chunks

            await eventually(some_applied, timeout=60)
        # ... and leaves again: the first member takes its partitions back, from their offsets.
        for chunk in range(6, chunks):
            await queue_chunk(chunk)
            await asyncio.sleep(0.3)

        async def all_applied() -> bool:
            return await applied() >= events

        await eventually(all_applied, timeout=90)
        await asyncio.sleep(2)  # time for any redelivery to show up as a second effect

    async with maker() as session:
        effects = (
            await session.execute(
                select(ProefEffect.proef_id, ProefEffect.volgnummer)
                .where(ProefEffect.consumer == group)
                .order_by(ProefEffect.id)
            )
        ).all()
        inbox_rows = (
            await session.execute(select(func.count()).where(InboxMessage.consumer == group))
        ).scalar_one()
    assert len(effects) == events
    assert len(set(effects)) == events  # each event once
    assert inbox_rows == events
    per_key: dict[uuid.UUID, list[int]] = defaultdict(list)
    for proef_id, volgnummer in effects:
        per_key[proef_id].append(volgnummer)
    assert all(numbers == sorted(numbers) for numbers in per_key.values())
    assert sum(len(numbers) for numbers in per_key.values()) == events

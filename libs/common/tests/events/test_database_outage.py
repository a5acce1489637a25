"""Drill: a consumer's database refuses connections for a while (a real PostgreSQL that does not
accept connections to the database, as while it starts up or recovers). Good events wait for
it: none is dead-lettered, and each is applied once when the database is back."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from wmo_common.db import create_engine, create_sessionmaker, database_unavailable
from wmo_common.events.kafka import dlq_topic
from wmo_testing.events import (
    SOURCE,
    Proef,
    count_effects,
    fresh_tables,
    read_all,
    recording_handler,
    running_consumer,
    running_producer,
)
from wmo_testing.harness import database_url_for, eventually

OUTAGE_DATABASE = "wmo_test_common_outage"


def _admin_url() -> str:
    url = database_url_for("common").replace("+asyncpg", "")
    return url.rsplit("/", 1)[0] + "/postgres"


async def _allow_connections(allowed: bool) -> None:
    admin = await asyncpg.connect(_admin_url())
    try:
        await admin.execute(
            f'ALTER DATABASE "{OUTAGE_DATABASE}" WITH ALLOW_CONNECTIONS {str(allowed).lower()}'
        )
        if not allowed:
            await admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
                OUTAGE_DATABASE,
            )
    finally:
        await admin.close()


@pytest.fixture
async def outage_engine() -> AsyncIterator[AsyncEngine]:
    admin = await asyncpg.connect(_admin_url())
    try:
        if not await admin.fetchval(
            "SELECT 1 FROM pg_database WHERE datname = $1", OUTAGE_DATABASE
        ):
            await admin.execute(f'CREATE DATABASE "{OUTAGE_DATABASE}"')
    finally:
        await admin.close()
    await _allow_connections(True)
    url = database_url_for("common").rsplit("/", 1)[0] + "/" + OUTAGE_DATABASE
    engine = create_engine(url)
    await fresh_tables(engine)
    try:
        yield engine
    finally:
        await _allow_connections(True)
        await engine.dispose()


async def test_a_database_that_refuses_connections_counts_as_unavailable(
    outage_engine: AsyncEngine,
) -> None:
    await _allow_connections(False)
    await outage_engine.dispose()
    with pytest.raises(DBAPIError) as refused:
        async with outage_engine.connect() as conn:
            await conn.exec_driver_sql("SELECT 1")
    assert database_unavailable(refused.value)


async def test_a_consumer_whose_database_refuses_connections_dead_letters_nothing_and_applies_each_event_once(  # noqa: E501
    outage_engine: AsyncEngine, proef_type: type[Proef]
) -> None:
    maker = create_sessionmaker(outage_engine, SOURCE)
    name = f"proef.{uuid.uuid4().hex[:8]}"
    await _allow_connections(False)
    await outage_engine.dispose()
    async with running_producer() as producer:
        for volgnummer in range(20):
            event = proef_type(proef_id=uuid.uuid4(), volgnummer=volgnummer)
            await producer.send_and_wait(
                proef_type.topic, value=event.to_envelope(SOURCE).to_bytes(), key=b"k"
            )
        async with running_consumer(
            maker, proef_type.topic, {proef_type: recording_handler(name)}, producer, name=name
        ):
            # Longer than the consumer's retries would take before dead-lettering (3 tries).
            await asyncio.sleep(3)
            await _allow_connections(True)

            async def all_applied() -> bool:
                return await count_effects(maker, name) == 20

            await eventually(all_applied, timeout=30)
    assert await read_all(dlq_topic(proef_type.topic), expected=1, timeout=2) == []
    assert await count_effects(maker, name) == 20

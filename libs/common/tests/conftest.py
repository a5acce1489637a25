"""Fixtures for the wmo_common tests: a database of their own on the test stack's PostgreSQL and
per-test Kafka topics with their own event types."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

import wmo_common.audit
import wmo_common.events.inbox
import wmo_common.events.outbox
import wmo_common.scheduling  # noqa: F401 - the shared tables
from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.events.kafka import ensure_topics
from wmo_common.events.registry import REGISTRY
from wmo_testing.events import SOURCE, Proef, fresh_tables, make_proef_type
from wmo_testing.harness import database_url_for, kafka_bootstrap, truncate_all


@pytest.fixture(scope="session")
async def engine() -> AsyncIterator[AsyncEngine]:
    url = database_url_for("common")
    admin = await asyncpg.connect(url.replace("+asyncpg", "").rsplit("/", 1)[0] + "/postgres")
    try:
        if not await admin.fetchval(
            "SELECT 1 FROM pg_database WHERE datname = $1", url.rsplit("/", 1)[1]
        ):
            await admin.execute(f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
    finally:
        await admin.close()
    engine = create_engine(url, pool_size=10)
    # The library has no migration history of its own; services create these by Alembic.
    await fresh_tables(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
async def sessionmaker(engine: AsyncEngine) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    maker = create_sessionmaker(engine, SOURCE)
    yield maker
    await truncate_all(maker)


@pytest.fixture
async def proef_type() -> AsyncIterator[type[Proef]]:
    topic = f"proef.t{uuid.uuid4().hex[:10]}.v1"
    await ensure_topics(kafka_bootstrap(), [topic], partitions=3)
    model = make_proef_type(topic)
    yield model
    REGISTRY.pop(model.event_type, None)


@pytest.fixture
def database_url() -> str:
    return database_url_for("common")

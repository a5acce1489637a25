"""A service's engine survives its database dropping every connection (a restart): requests get
fresh connections instead of failing on the dead ones, without a ping before every request."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

import wmo_common.db
from wmo_common.db import create_engine
from wmo_testing.harness import database_url_for


@pytest.fixture
async def small_engine() -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url_for("common"), pool_size=3)
    yield engine
    await engine.dispose()


async def terminate_backends_of(engine: AsyncEngine) -> int:
    """What a database restart does to a pool: every server process of its connections ends."""
    url = database_url_for("common").replace("+asyncpg", "")
    admin = await asyncpg.connect(url)
    try:
        ended: int = await admin.fetchval(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
            "FROM unnest($1::int[]) AS pid",
            await _pids(engine),
        )
    finally:
        await admin.close()
    return ended


async def _pids(engine: AsyncEngine) -> list[int]:
    async def pid() -> int:
        async with engine.connect() as connection:
            await asyncio.sleep(0.05)  # hold it, so the three checkouts use three connections
            return int((await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one())

    return sorted(set(await asyncio.gather(pid(), pid(), pid())))


async def test_idle_connections_the_database_dropped_are_replaced_without_an_error(
    small_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wmo_common.db, "IDLE_PING_SECONDS", 0.0)
    assert await terminate_backends_of(small_engine) == 3
    await asyncio.sleep(0.2)
    for _ in range(5):
        async with small_engine.connect() as connection:
            assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1


async def test_a_busy_connection_the_database_dropped_fails_as_unavailable_once_then_recovers(
    small_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wmo_common.db, "IDLE_PING_SECONDS", 3600.0)
    assert await terminate_backends_of(small_engine) == 3
    await asyncio.sleep(0.2)
    with pytest.raises(DBAPIError) as failure:
        async with small_engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    assert wmo_common.db.database_unavailable(failure.value)
    for _ in range(5):
        async with small_engine.connect() as connection:
            assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1

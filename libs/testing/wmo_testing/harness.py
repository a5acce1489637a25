"""Test support for every service: the real app over httpx against the real PostgreSQL and Kafka
of the test stack (`make test` starts them), tokens per role, waiting without bare sleeps."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, Generic, TypeVar

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from wmo_common.auth import mint_token
from wmo_common.db import sqlstate_of
from wmo_common.events.dlq import partitions_of
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.registry import Event
from wmo_common.migrations import upgrade
from wmo_common.runtime import Runtime
from wmo_common.settings import CommonSettings

REPO_ROOT = Path(__file__).resolve().parents[3]
S = TypeVar("S", bound=CommonSettings)
T = TypeVar("T")
DEADLOCK_DETECTED = "40P01"


def database_url_for(service: str) -> str:
    """The test stack's database of `service`; skips the test when no test stack runs."""
    template = os.environ.get("WMO_TEST_DATABASE_URL_TEMPLATE")
    if not template:
        pytest.skip("needs the test stack: run `make test` (it starts PostgreSQL and Kafka)")
    return template.format(service=service)


def kafka_bootstrap() -> str:
    return os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")


async def eventually(
    check: Callable[[], Awaitable[T | None]], *, timeout: float = 30.0, interval: float = 0.1
) -> T:
    """Poll `check` until it returns something truthy; fail with a clear message on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"condition not met within {timeout} s")
        await asyncio.sleep(interval)


async def truncate_all(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Empty every table of the database but Alembic's bookkeeping.

    The service may still be sending events: the relay reads the outbox's pending rows and then
    their events, and TRUNCATE locks the tables in its own order, so PostgreSQL may end the
    TRUNCATE as a deadlock's victim. It is then simply run again."""
    for attempt in range(5):
        try:
            await _truncate(sessionmaker)
            return
        except DBAPIError as error:
            if sqlstate_of(error) != DEADLOCK_DETECTED or attempt == 4:
                raise


async def _truncate(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    async with sessionmaker() as session, session.begin():
        names = (
            (
                await session.execute(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "AND tablename <> 'alembic_version'"
                    )
                )
            )
            .scalars()
            .all()
        )
        if names:
            await session.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """The text of every statement asyncpg runs itself on the engine's connections (those of
    `wmo_common.driver`, BEGIN and COMMIT), as its query loggers see them. What SQLAlchemy runs
    goes as prepared statements, which those loggers do not see: count those with SQLAlchemy's
    `before_cursor_execute` event."""
    seen: list[str] = []

    def remember(query: Any) -> None:
        seen.append(query.query)

    def listen(dbapi_connection: Any, *_args: Any) -> None:
        dbapi_connection.driver_connection.add_query_logger(remember)

    def stop(dbapi_connection: Any, *_args: Any) -> None:
        dbapi_connection.driver_connection.remove_query_logger(remember)

    event.listen(engine.sync_engine, "checkout", listen)
    event.listen(engine.sync_engine, "checkin", stop)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "checkout", listen)
        event.remove(engine.sync_engine, "checkin", stop)


class ServiceHarness(Generic[S]):
    """One service under test: migrated database, running app (lifespan), tokens, reset."""

    def __init__(self, service: str, settings: S, app: FastAPI) -> None:
        self.service = service
        self.settings = settings
        self.app = app

    @classmethod
    @asynccontextmanager
    async def start(
        cls,
        service: str,
        settings_type: type[S],
        create_app: Callable[[S], FastAPI],
        **overrides: Any,
    ) -> AsyncIterator[ServiceHarness[S]]:
        url = database_url_for(service)
        await asyncio.to_thread(upgrade, REPO_ROOT / "services" / service, url)
        settings = settings_type(
            database_url=url,
            kafka_bootstrap_servers=kafka_bootstrap(),
            environment="test",
            **overrides,
        )
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            harness = cls(service, settings, app)
            await harness.runtime.wait_ready()
            yield harness

    @property
    def runtime(self) -> Runtime:
        runtime: Runtime = self.app.state.runtime
        return runtime

    @property
    def sessionmaker(self) -> async_sessionmaker[AsyncSession]:
        return self.runtime.sessionmaker

    def headers(
        self, *roles: str, agb: str | None = None, subject: str = "test-user"
    ) -> dict[str, str]:
        token = mint_token(self.settings, subject=subject, roles=list(roles), agb=agb)
        return {"Authorization": f"Bearer {token}"}

    @asynccontextmanager
    async def client(self) -> AsyncIterator[httpx.AsyncClient]:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client

    async def reset(self) -> None:
        await truncate_all(self.sessionmaker)


OTHER_SERVICE = "urn:nld:oin:00000001234567890000:systeem:proef"
Publish = Callable[..., Awaitable[CloudEvent]]
Drained = Callable[[str, list[str]], Awaitable[None]]


async def publish_event(
    producer: AIOKafkaProducer,
    event: Event,
    envelope: CloudEvent | None = None,
    *,
    key: str | None = None,
) -> CloudEvent:
    """Put an event on its real topic as another service would; pass `envelope` to redeliver."""
    envelope = envelope or event.to_envelope(OTHER_SERVICE)
    record_key = (key or envelope.subject).encode()
    await producer.send_and_wait(event.topic, value=envelope.to_bytes(), key=record_key)
    return envelope


async def wait_until_consumed(group: str, topics: list[str]) -> None:
    """Wait until consumer group `group` has committed every record now on `topics`: then each
    event published before is applied (or skipped as a duplicate)."""
    partitions = await partitions_of(kafka_bootstrap(), topics)
    if not partitions:
        pytest.fail(f"no partitions found for {topics}")
    reader = AIOKafkaConsumer(bootstrap_servers=kafka_bootstrap(), group_id=None)
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap())
    await reader.start()
    await admin.start()
    try:
        ends = await reader.end_offsets(partitions)

        async def caught_up() -> bool:
            committed = await admin.list_consumer_group_offsets(group)
            return all(
                end == 0 or (tp in committed and committed[tp].offset >= end)
                for tp, end in ends.items()
            )

        await eventually(caught_up)
    finally:
        await admin.close()
        await reader.stop()

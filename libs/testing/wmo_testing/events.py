"""Test support for the event machinery: a test event type per topic, a table its handler writes,
and a real relay and consumer to run against the test stack."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Mapping
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from sqlalchemy import BigInteger, Integer, String, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from wmo_common.db import Base, naming_metadata
from wmo_common.events.consumer import EventConsumer, Handler, HandlerContext
from wmo_common.events.kafka import make_producer
from wmo_common.events.registry import Event
from wmo_common.events.relay import OutboxRelay
from wmo_common.settings import CommonSettings
from wmo_common.tasks import cancel_and_wait
from wmo_testing.harness import database_url_for, kafka_bootstrap

SOURCE = "urn:nld:oin:00000001234567890000:systeem:proef"


class ProefBase(DeclarativeBase):
    metadata = naming_metadata()


class ProefEffect(ProefBase):
    """What a test handler does: one row per applied event, so effects can be counted."""

    __tablename__ = "proef_effect"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    consumer: Mapped[str] = mapped_column(String(200))
    proef_id: Mapped[uuid.UUID]
    volgnummer: Mapped[int] = mapped_column(Integer)


class Proef(Event):
    """A test event; each test makes its own subtype on its own topic."""

    subject_field = "proef_id"

    proef_id: uuid.UUID
    volgnummer: int
    inhoud: str = ""


async def fresh_tables(engine: AsyncEngine) -> None:
    """The shared tables (outbox, inbox, audit, scheduler runs) and the proef table, made empty
    and as the models are now: a database of the library's tests or of the benchmarks has no
    migration history, and outlives a change to those tables."""
    async with engine.begin() as conn:
        for metadata in (ProefBase.metadata, Base.metadata):
            await conn.run_sync(metadata.drop_all)
            await conn.run_sync(metadata.create_all)


def make_proef_type(topic: str) -> type[Proef]:
    name = topic.split(".")[1]
    return type(  # a registered type on a fresh topic, so tests never see each other's events
        f"Proef_{name.replace('-', '_')}",
        (Proef,),
        {"event_type": f"nl.wmo.proeven.{name}.v1", "topic": topic, "__module__": __name__},
    )


async def count_effects(maker: async_sessionmaker[AsyncSession], consumer: str) -> int:
    async with maker() as session:
        return int(
            (
                await session.execute(
                    text("SELECT count(*) FROM proef_effect WHERE consumer = :c"), {"c": consumer}
                )
            ).scalar_one()
        )


def recording_handler(consumer: str) -> Handler:
    async def on_proef(session: AsyncSession, event: Any, context: HandlerContext[Any]) -> None:
        if not isinstance(event, Proef):
            raise TypeError(type(event).__name__)
        session.add(
            ProefEffect(consumer=consumer, proef_id=event.proef_id, volgnummer=event.volgnummer)
        )

    return on_proef


def proef_settings(**overrides: Any) -> CommonSettings:
    """The settings of the test service `proef`: the library tests' database and the test
    stack's broker, with `overrides`."""
    values: dict[str, Any] = {
        "service_name": "proef",
        "database_url": database_url_for("common"),
        "kafka_bootstrap_servers": kafka_bootstrap(),
        "environment": "test",
    }
    return CommonSettings(**{**values, **overrides})


@contextlib.asynccontextmanager
async def running_producer() -> AsyncIterator[AIOKafkaProducer]:
    producer = make_producer(kafka_bootstrap(), "proef")
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


@contextlib.asynccontextmanager
async def running_relay(
    maker: async_sessionmaker[AsyncSession], database_url: str, producer: AIOKafkaProducer
) -> AsyncIterator[OutboxRelay]:
    relay = OutboxRelay(maker, producer, database_url=database_url, poll_seconds=0.2)
    task = asyncio.create_task(relay.run())
    try:
        yield relay
    finally:
        relay.stop()
        await task


@contextlib.asynccontextmanager
async def running_consumer(
    maker: async_sessionmaker[AsyncSession],
    topic: str,
    handlers: Mapping[type[Event], Handler],
    producer: AIOKafkaProducer,
    *,
    name: str,
    max_attempts: int = 3,
    settings: CommonSettings | None = None,
) -> AsyncIterator[EventConsumer]:
    consumer = EventConsumer(
        name=name,
        topics=[topic],
        handlers=handlers,
        settings=settings or CommonSettings(service_name=name),
        sessionmaker=maker,
        bootstrap_servers=kafka_bootstrap(),
        dlq_producer=producer,
        max_attempts=max_attempts,
        backoff_seconds=0.01,
    )
    await consumer.start()
    task = asyncio.create_task(consumer.run())
    try:
        yield consumer
    finally:
        await consumer.stop()
        await cancel_and_wait([task])


async def read_all(topic: str, expected: int, timeout: float = 30.0) -> list[Any]:
    """Every record of `topic` from the start, once `expected` of them are there."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=kafka_bootstrap(), auto_offset_reset="earliest", group_id=None
    )
    await consumer.start()
    records: list[Any] = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(records) < expected and asyncio.get_running_loop().time() < deadline:
            batch = await consumer.getmany(timeout_ms=300)
            records.extend(r for rs in batch.values() for r in rs)
    finally:
        await consumer.stop()
    return records

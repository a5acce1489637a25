"""What runs beside the HTTP API in every service: the database engine, the Kafka producer, the
outbox relay, the event consumers and the periodic work. Started in the app's lifespan, stopped
on shutdown.

`PROCESS_ROLE` says which of these one process runs, so one image scales as three processes
(docs/scaling.md; `python -m wmo_common.processes`):
- `api`: the HTTP API only; its consumers are built but not started, so an operator's
  dead-letter replay still applies through the inbox;
- `worker`: the outbox relay and the consumers (any number of replicas: the relay keeps each
  key's order, the consumer groups share the partitions);
- `scheduler`: the service's periodic work and retention (one replica is enough; two are safe);
- `all`: everything in one process (`make run`, the tests).
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from wmo_common import retention
from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.events.consumer import EventConsumer, Handler
from wmo_common.events.kafka import kafka_reachable, make_producer, sender_failure
from wmo_common.events.registry import Event
from wmo_common.events.relay import OutboxRelay
from wmo_common.logging import get_logger
from wmo_common.settings import CommonSettings
from wmo_common.tasks import cancel_and_wait

log = get_logger(__name__)


def freeze_startup_objects() -> None:
    """Take every object alive now (modules, classes, the app, compiled statements and schemas)
    out of the cyclic garbage collector's full collections, after collecting what is garbage
    already. They live as long as the process, and every full collection traversed them all:
    about 20 us per consumed event (docs/benchmarks.md, events). Objects made later are
    collected as before."""
    gc.collect()
    gc.freeze()


# Starts the producer and what needs Kafka, then renews the producer when it fails for good.
KAFKA_PRODUCER = "kafka-producer"

# A service's own periodic work (a deadline watch, a scheduler): runs until the service stops.
BackgroundTask = Callable[["Runtime"], Coroutine[Any, Any, None]]


@dataclass(frozen=True)
class ConsumerSpec:
    """A consumer group of a service: `<service>.<purpose>`, its topics and its handlers."""

    purpose: str
    topics: Sequence[str]
    handlers: Mapping[type[Event], Handler] = field(default_factory=dict)


class Runtime:
    def __init__(
        self,
        settings: CommonSettings,
        consumers: Sequence[ConsumerSpec] = (),
        background: Sequence[BackgroundTask] = (),
    ) -> None:
        self.settings = settings
        self.engine: AsyncEngine = create_engine(settings.database_url, settings.database_pool_size)
        self.sessionmaker: async_sessionmaker[AsyncSession] = create_sessionmaker(
            self.engine, settings.source
        )
        self.producer: AIOKafkaProducer | None = None
        self.relay: OutboxRelay | None = None
        self.consumers: list[EventConsumer] = []
        self._specs = list(consumers)
        self._background = list(background)
        self._tasks: list[asyncio.Task[None]] = []
        self._kafka_ready = asyncio.Event()

    @property
    def runs_worker(self) -> bool:
        """This process relays the outbox and consumes events."""
        return self.settings.process_role in ("all", "worker")

    @property
    def runs_scheduler(self) -> bool:
        """This process runs the periodic work and retention."""
        return self.settings.process_role in ("all", "scheduler")

    async def start(self) -> None:
        """Start in the background: the API answers (and reports not ready) while Kafka is away."""
        self._tasks.append(asyncio.create_task(self._start_kafka(), name=KAFKA_PRODUCER))

    async def _start_kafka(self) -> None:
        """Start the producer and what needs Kafka, then keep a producer that can send."""
        producer = await self._started_producer()
        self.producer = producer
        if self.runs_worker:
            self.relay = OutboxRelay(
                self.sessionmaker,
                producer,
                database_url=self.settings.database_url,
                batch_size=self.settings.outbox_batch_size,
                poll_seconds=self.settings.outbox_poll_seconds,
                slots=self.settings.outbox_slots,
            )
            self._tasks.append(asyncio.create_task(self.relay.run(), name="outbox-relay"))
        if self.settings.consumers_enabled and self.settings.process_role != "scheduler":
            for spec in self._specs:
                consumer = EventConsumer(
                    name=f"{self.settings.service_name}.{spec.purpose}",
                    topics=spec.topics,
                    handlers=spec.handlers,
                    settings=self.settings,
                    sessionmaker=self.sessionmaker,
                    bootstrap_servers=self.settings.kafka_bootstrap_servers,
                    dlq_producer=producer,
                    max_attempts=self.settings.consumer_max_attempts,
                    backoff_seconds=self.settings.consumer_backoff_seconds,
                )
                self.consumers.append(consumer)
                if self.runs_worker:
                    await consumer.start()
                    self._tasks.append(asyncio.create_task(consumer.run(), name=consumer.name))
        if self.runs_scheduler:
            for task in self._background:
                self._tasks.append(asyncio.create_task(task(self), name=task.__name__))
            self._tasks.append(
                asyncio.create_task(
                    retention.run_periodically(self.sessionmaker, self.settings), name="retention"
                )
            )
        self._kafka_ready.set()
        log.info(
            "runtime_started",
            extra={
                "role": self.settings.process_role,
                "consumers": [c.name for c in self.consumers] if self.runs_worker else [],
            },
        )
        await self._keep_producer(producer)

    async def _started_producer(self) -> AIOKafkaProducer:
        delay = 0.5
        while True:
            producer = make_producer(
                self.settings.kafka_bootstrap_servers, self.settings.service_name
            )
            try:
                await producer.start()
                return producer
            except (KafkaError, OSError) as exc:
                await producer.stop()
                log.warning("kafka_unavailable", extra={"errorType": type(exc).__name__})
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)

    async def _keep_producer(self, producer: AIOKafkaProducer) -> None:
        """A producer whose sender failed for good sends nothing more (every send raises its
        error, and the outbox would only grow): start a new one and hand it to the relay and the
        consumers' dead-letter writes. The rows it could not send are still in the outbox."""
        while (error := await sender_failure(producer)) is not None:
            log.warning("kafka_producer_renewed", extra={"errorType": type(error).__name__})
            failed, producer = producer, await self._started_producer()
            self.producer = producer
            if self.relay is not None:
                self.relay.producer = producer
            for consumer in self.consumers:
                consumer.dlq_producer = producer
            await failed.stop()

    def activities(self) -> list[str]:
        """The names of what this process runs now: `outbox-relay`, each consumer group, each
        periodic task and `retention`, as its role decided."""
        return sorted(
            task.get_name()
            for task in self._tasks
            if not task.done() and task.get_name() != KAFKA_PRODUCER
        )

    def consumer_groups(self) -> dict[str, list[str]]:
        """Every consumer group of this service and its topics, running or not."""
        return {
            f"{self.settings.service_name}.{spec.purpose}": list(spec.topics)
            for spec in self._specs
        }

    async def wait_ready(self, timeout: float = 30.0) -> None:
        await asyncio.wait_for(self._kafka_ready.wait(), timeout)

    async def stop(self) -> None:
        if self.relay is not None:
            self.relay.stop()
        for consumer in self.consumers:
            await consumer.stop()
        running = await cancel_and_wait(self._tasks)
        if running:
            log.warning("tasks_not_stopped", extra={"tasks": running})
        if self.producer is not None:
            await self.producer.stop()
        await self.engine.dispose()

    async def database_ready(self) -> bool:
        try:
            async with self.engine.connect() as conn:
                await asyncio.wait_for(conn.execute(text("SELECT 1")), 3)
            return True
        except Exception:
            return False

    async def kafka_ready(self) -> bool:
        return self._kafka_ready.is_set() and await kafka_reachable(
            self.settings.kafka_bootstrap_servers
        )

"""The one consumer loop: idempotent, ordered per partition, with retries and a dead-letter topic.

Per record: decode the envelope, pick the handler by type, and in one transaction insert the
inbox row and run the handler. What one fetch returns, from every partition, is applied in one
transaction (each partition's records in order) and its offsets are committed in one request,
only after the database. When that fails, each partition is applied on its own, again in one
transaction, and only when a record fails with one savepoint per record.
A failing record is retried alone with back-off; a permanent failure, or one that keeps failing,
goes to `<topic>.dlq` with the error and the original record, and the stream moves on.
"""

from __future__ import annotations

import asyncio
import collections
import random
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Protocol, TypeVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from opentelemetry.trace import SpanKind
from prometheus_client import Counter
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.calendar import local_date
from wmo_common.db import database_unavailable, utcnow
from wmo_common.events import inbox
from wmo_common.events.envelope import CloudEvent, EnvelopeError
from wmo_common.events.kafka import dlq_topic
from wmo_common.events.registry import REGISTRY, Event, UnknownEventType
from wmo_common.logging import get_logger, mask_bsn
from wmo_common.settings import CommonSettings
from wmo_common.tracing import span

log = get_logger(__name__)

CONSUMED = Counter(
    "wmo_events_consumed_total", "Records handled by a consumer", ["consumer", "topic", "outcome"]
)
DEAD_LETTERED = Counter(
    "wmo_events_dead_lettered_total", "Records sent to a DLQ", ["consumer", "topic"]
)
RETRIED = Counter("wmo_events_retried_total", "Handler retries", ["consumer", "topic"])


SettingsT = TypeVar("SettingsT", bound=CommonSettings, covariant=True)
ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class HandlerContext(Generic[SettingsT]):
    """What the consumer loop gives a handler besides its session and event: the envelope, the
    service's settings (its keys) and the clock, so handlers need no factories or closures."""

    envelope: CloudEvent
    settings: SettingsT
    clock: Callable[[], datetime] = utcnow

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """Today in the Netherlands."""
        return local_date(self.clock())


class Handler(Protocol):
    async def __call__(
        self, session: AsyncSession, event: Any, context: HandlerContext[Any]
    ) -> None: ...


class PermanentError(Exception):
    """A handler's verdict that retrying cannot help (a broken rule, impossible data)."""


_PERMANENT = (PermanentError, EnvelopeError, UnknownEventType, ValidationError)
# While the database is away (wmo_common.db.database_unavailable) a consumer waits instead of
# dead-lettering: it probes at most this many seconds apart.
MAX_PROBE_SECONDS = 2.0
DATABASE_WAITS = Counter(
    "wmo_consumer_database_waits_total", "Probes while the database is unavailable", ["consumer"]
)


@dataclass
class _Failure:
    error: BaseException
    attempts: int = 1
    first_at: float = field(default_factory=time.time)


def describe_error(error: BaseException) -> str:
    """An error text safe to store: pydantic errors by location only, everything BSN-masked."""
    if isinstance(error, ValidationError):
        locations = sorted({".".join(str(p) for p in e["loc"]) or "data" for e in error.errors()})
        return f"ValidationError: invalid {', '.join(locations)}"
    return mask_bsn(f"{type(error).__name__}: {error}")[:1000]


class EventConsumer:
    """Consumes `topics` as group `name` and applies `handlers` (event type -> handler)."""

    def __init__(
        self,
        *,
        name: str,
        topics: Sequence[str],
        handlers: Mapping[type[Event], Handler],
        settings: CommonSettings,
        sessionmaker: async_sessionmaker[AsyncSession],
        bootstrap_servers: str,
        dlq_producer: AIOKafkaProducer,
        max_attempts: int = 5,
        backoff_seconds: float = 0.2,
        max_batch: int = 500,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.name = name
        self.topics = list(topics)
        self._handlers = {model.event_type: handler for model, handler in handlers.items()}
        self._settings = settings
        self._sessionmaker = sessionmaker
        self._bootstrap = bootstrap_servers
        self.dlq_producer = dlq_producer
        self._max_attempts = max_attempts
        self._backoff = backoff_seconds
        self._max_batch = max_batch
        self._sleep = sleep
        self._consumer: AIOKafkaConsumer | None = None
        self._stopping = asyncio.Event()

    async def start(self) -> None:
        self._consumer = AIOKafkaConsumer(
            *self.topics,
            bootstrap_servers=self._bootstrap,
            group_id=self.name,
            client_id=self.name,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            isolation_level="read_committed",
        )
        await self._consumer.start()

    async def stop(self) -> None:
        self._stopping.set()
        if self._consumer is not None:
            await self._consumer.stop()

    @property
    def kafka(self) -> AIOKafkaConsumer:
        if self._consumer is None:
            raise RuntimeError("consumer not started")
        return self._consumer

    async def run(self) -> None:
        """Consume until stopped."""
        while not self._stopping.is_set():
            try:
                batches = await self.kafka.getmany(timeout_ms=500, max_records=self._max_batch)
            except KafkaError as exc:
                log.warning(
                    "consumer_fetch_failed",
                    extra={"consumer": self.name, "errorType": type(exc).__name__},
                )
                await self._sleep(1.0)
                continue
            await self.process_fetched(batches)

    async def process_fetched(
        self, batches: Mapping[TopicPartition, Sequence[ConsumerRecord[Any, Any]]]
    ) -> None:
        """Apply what one fetch returned: all partitions in one transaction and one offset
        commit; when that fails, each partition on its own (`process`)."""
        if len(batches) > 1:
            records = [record for partition in batches.values() for record in partition]
            if await self._until_database_answers(lambda: self._apply_all_or_nothing(records)):
                await self._commit_offsets(
                    {tp: partition[-1].offset + 1 for tp, partition in batches.items() if partition}
                )
                return
        for tp, partition in batches.items():
            await self.process(tp, partition)

    async def process(
        self, tp: TopicPartition, records: Sequence[ConsumerRecord[Any, Any]]
    ) -> None:
        """Apply one partition's records in order; commit the offset after each committed step."""
        index = 0
        while index < len(records):
            applied, failure = await self._apply_run(records[index:])
            index += applied
            if failure is not None:
                await self._retry_or_dead_letter(records[index], failure)
                index += 1
            if index:
                await self._commit_offsets({tp: records[index - 1].offset + 1})

    async def _apply_all_or_nothing(self, records: Sequence[ConsumerRecord[Any, Any]]) -> bool:
        """Apply the records in one transaction; False (nothing written) when one fails."""
        try:
            await self._apply_batch(records)
        except Exception as exc:
            if database_unavailable(exc):
                raise
            return False
        return True

    async def _apply_run(
        self, records: Sequence[ConsumerRecord[Any, Any]]
    ) -> tuple[int, _Failure | None]:
        """Apply records in order up to the first failure; returns (applied, failure).

        The whole run goes in one transaction with one inbox insert; only when a record fails is
        the run repeated with a savepoint per record, to commit what precedes the failing one.
        """
        return await self._until_database_answers(lambda: self._apply_batch_or_one_by_one(records))

    async def _until_database_answers(self, work: Callable[[], Awaitable[ResultT]]) -> ResultT:
        """Run `work`; while the database is unavailable, wait and run it again."""
        delay = self._backoff
        unavailable_since: float | None = None
        last_report = 0.0
        while True:
            try:
                result = await work()
            except Exception as exc:
                if not database_unavailable(exc) or self._stopping.is_set():
                    raise
                # One line when the database goes away and one a minute while it stays away.
                now = time.monotonic()
                if unavailable_since is None or now - last_report >= 60:
                    log.warning(
                        "consumer_database_unavailable",
                        extra={"consumer": self.name, "errorType": type(exc).__name__},
                    )
                    last_report = now
                    unavailable_since = unavailable_since or now
                DATABASE_WAITS.labels(self.name).inc()
                await self._sleep(delay)
                # Probe often, so the consumer resumes within a couple of seconds of recovery.
                delay = min(delay * 2, MAX_PROBE_SECONDS)
                continue
            if unavailable_since is not None:
                waited = round(time.monotonic() - unavailable_since, 1)
                log.info(
                    "consumer_database_available",
                    extra={"consumer": self.name, "waitedSeconds": waited},
                )
            return result

    async def _apply_batch_or_one_by_one(
        self, records: Sequence[ConsumerRecord[Any, Any]]
    ) -> tuple[int, _Failure | None]:
        try:
            await self._apply_batch(records)
            return len(records), None
        except Exception as exc:
            if database_unavailable(exc):
                raise
            if len(records) == 1:  # alone in its transaction (events trickle in): no savepoint
                return 0, _Failure(exc)
            # Not the database: the careful path below finds the culprit.
        return await self._apply_one_by_one(records)

    async def _apply_batch(self, records: Sequence[ConsumerRecord[Any, Any]]) -> None:
        decoded = [self._decode(record) for record in records]
        outcomes: collections.Counter[tuple[str, str]] = collections.Counter()
        async with self._sessionmaker() as session, session.begin():
            wanted = {
                (e.source, e.id): (e.type, r.topic)
                for r, e, _, handler in decoded
                if handler is not None
            }
            fresh = await inbox.claim_many(
                session, self.name, [(s, i, t, topic) for (s, i), (t, topic) in wanted.items()]
            )
            for record, envelope, event, handler in decoded:
                key = (envelope.source, envelope.id)
                if handler is None:
                    outcome = "skipped"
                elif key not in fresh:
                    outcome = "duplicate"
                else:
                    fresh.discard(key)  # the same event twice in one batch applies once
                    with span(f"consume {envelope.type}", envelope.traceparent, SpanKind.CONSUMER):
                        await handler(session, event, HandlerContext(envelope, self._settings))
                    outcome = "applied"
                outcomes[record.topic, outcome] += 1
        # Counted once committed: a batch that fails is applied again another way.
        for (topic, outcome), count in outcomes.items():
            CONSUMED.labels(self.name, topic, outcome).inc(count)

    async def _apply_one_by_one(
        self, records: Sequence[ConsumerRecord[Any, Any]]
    ) -> tuple[int, _Failure | None]:
        applied = 0
        failure: _Failure | None = None
        async with self._sessionmaker() as session, session.begin():
            for record in records:
                try:
                    async with session.begin_nested():
                        await self._apply(session, record)
                except Exception as exc:
                    if database_unavailable(exc):
                        raise
                    failure = _Failure(exc)
                    break
                applied += 1
        return applied, failure

    def _decode(
        self, record: ConsumerRecord[Any, Any]
    ) -> tuple[ConsumerRecord[Any, Any], CloudEvent, Event | None, Handler | None]:
        envelope = CloudEvent.from_bytes(record.value)
        model = REGISTRY.get(envelope.type)
        if model is None:
            raise UnknownEventType(envelope.type)
        handler = self._handlers.get(envelope.type)
        if handler is None:
            return record, envelope, None, None
        return record, envelope, model.model_validate(envelope.data), handler

    async def apply_again(self, value: bytes, topic: str) -> None:
        """Apply one record's value as this group alone (a dead letter an operator replays):
        the inbox keeps it to once, and a failure raises with nothing written."""
        record: ConsumerRecord[Any, Any] = ConsumerRecord(
            topic=topic,
            partition=-1,
            offset=-1,
            timestamp=0,
            timestamp_type=0,
            key=None,
            value=value,
            checksum=None,
            serialized_key_size=0,
            serialized_value_size=len(value),
            headers=(),
        )
        async with self._sessionmaker() as session, session.begin():
            await self._apply(session, record)

    async def _apply(self, session: AsyncSession, record: ConsumerRecord[Any, Any]) -> None:
        _, envelope, event, handler = self._decode(record)
        if handler is None:
            CONSUMED.labels(self.name, record.topic, "skipped").inc()
            return
        with span(f"consume {envelope.type}", envelope.traceparent, SpanKind.CONSUMER):
            fresh = await inbox.claim(
                session,
                consumer=self.name,
                source=envelope.source,
                event_id=envelope.id,
                event_type=envelope.type,
                topic=record.topic,
            )
            if not fresh:
                CONSUMED.labels(self.name, record.topic, "duplicate").inc()
                return
            await handler(session, event, HandlerContext(envelope, self._settings))
            CONSUMED.labels(self.name, record.topic, "applied").inc()

    async def _retry_or_dead_letter(
        self, record: ConsumerRecord[Any, Any], failure: _Failure
    ) -> None:
        while not isinstance(failure.error, _PERMANENT) and failure.attempts < self._max_attempts:
            RETRIED.labels(self.name, record.topic).inc()
            delay = self._backoff * 2 ** (failure.attempts - 1)
            await self._sleep(delay * (0.5 + random.random()))  # noqa: S311 - jitter, not crypto
            applied, again = await self._apply_run([record])
            if applied:
                return
            failure.error = again.error if again is not None else failure.error
            failure.attempts += 1
        await self._dead_letter(record, failure)

    async def _dead_letter(self, record: ConsumerRecord[Any, Any], failure: _Failure) -> None:
        now = time.time()
        headers = [
            ("content-type", b"application/cloudevents+json"),
            ("dlq-error", describe_error(failure.error).encode()),
            ("dlq-error-type", type(failure.error).__name__.encode()),
            ("dlq-consumer", self.name.encode()),
            ("dlq-original-topic", record.topic.encode()),
            ("dlq-original-partition", str(record.partition).encode()),
            ("dlq-original-offset", str(record.offset).encode()),
            ("dlq-attempts", str(failure.attempts).encode()),
            ("dlq-first-failure-at", _iso(failure.first_at).encode()),
            ("dlq-last-failure-at", _iso(now).encode()),
            ("dlq-id", str(uuid.uuid4()).encode()),
        ]
        delay = self._backoff
        while True:
            try:
                await self.dlq_producer.send_and_wait(
                    dlq_topic(record.topic), value=record.value, key=record.key, headers=headers
                )
                break
            except KafkaError as exc:
                # Never move past a record that is neither applied nor safely dead-lettered.
                log.warning(
                    "dead_letter_send_failed",
                    extra={"consumer": self.name, "errorType": type(exc).__name__},
                )
                await self._sleep(delay)
                delay = min(delay * 2, 30.0)
        DEAD_LETTERED.labels(self.name, record.topic).inc()
        CONSUMED.labels(self.name, record.topic, "dead_lettered").inc()
        log.error(
            "event_dead_lettered",
            extra={
                "consumer": self.name,
                "topic": record.topic,
                "partition": record.partition,
                "offset": record.offset,
                "attempts": failure.attempts,
                "error": describe_error(failure.error),
            },
        )

    async def _commit_offsets(self, offsets: dict[TopicPartition, int]) -> None:
        try:
            await self.kafka.commit(offsets)
        except KafkaError as exc:
            # The records are applied and in the inbox; a redelivery after this is a no-op.
            log.warning(
                "consumer_commit_failed",
                extra={"consumer": self.name, "errorType": type(exc).__name__},
            )


def _iso(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))

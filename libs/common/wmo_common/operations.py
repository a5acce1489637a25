"""The operations API and gauges every service has: outbox backlog, consumer lag, dead letters
(with replay of one or all) and inbox sizes. Role `operations`; no personal data is shown."""

from __future__ import annotations

import asyncio
import uuid
from collections import deque
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from prometheus_client import Gauge
from pydantic import Field
from sqlalchemy import func, select

from wmo_common.auth import Principal, Role, require_roles
from wmo_common.events import outbox
from wmo_common.events.dlq import DeadLetter, consumer_lag, read_dead_letters, republish
from wmo_common.events.inbox import InboxMessage
from wmo_common.logging import get_logger
from wmo_common.problems import NotFound, ServiceUnavailable
from wmo_common.runtime import Runtime
from wmo_common.scheduling import last_runs
from wmo_common.schema import CamelModel

log = get_logger(__name__)

OUTBOX_BACKLOG = Gauge("wmo_outbox_backlog", "Events waiting in the outbox", ["service"])
OUTBOX_AGE = Gauge("wmo_outbox_oldest_age_seconds", "Age of the oldest unsent event", ["service"])
CONSUMER_LAG = Gauge(
    "wmo_consumer_lag", "Records a consumer group is behind", ["consumer", "topic", "partition"]
)
DEAD_LETTERS = Gauge(
    "wmo_dead_letters_open", "Dead letters not yet resolved", ["consumer", "topic"]
)
INBOX_SIZE = Gauge("wmo_inbox_size", "Events applied by a consumer", ["consumer"])

Operator = Annotated[Principal, Depends(require_roles(Role.OPERATIONS))]


class OutboxStatus(CamelModel):
    backlog: int
    oldest_age_seconds: float | None


class PartitionLagRead(CamelModel):
    topic: str
    partition: int
    committed: int | None
    end: int
    lag: int


class ConsumerStatus(CamelModel):
    name: str
    topics: list[str]
    inbox_size: int
    lag: int
    partitions: list[PartitionLagRead]


class DeadLetterRead(CamelModel):
    dlq_id: str
    topic: str
    consumer: str
    error_type: str
    error: str
    attempts: int
    first_failure_at: str | None
    last_failure_at: str | None
    event: dict[str, Any] = Field(description="Context attributes of the event (no data).")
    status: str = Field(description="'open', or 'opgelost' once the consumer applied the event.")


class SchedulerRunRead(CamelModel):
    scheduler: str
    peildatum: date | None
    started_at: datetime
    finished_at: datetime
    emitted: int
    event_types: dict[str, int]


class OperationsStatus(CamelModel):
    service: str
    checked_at: datetime
    outbox: OutboxStatus
    consumers: list[ConsumerStatus]
    dead_letters_open: int
    scheduler_runs: list[SchedulerRunRead] = Field(
        default_factory=list, description="The latest runs of each scheduler, newest first."
    )
    history: list[Sample] = Field(default_factory=list, description="The last hour, oldest first.")


class ReplayRequest(CamelModel):
    dlq_id: str | None = Field(default=None, description="One dead letter; omit for all open ones.")


class ReplayResult(CamelModel):
    replayed: int


HISTORY_SECONDS = 3600


class Sample(CamelModel):
    at: datetime
    backlog: int
    lag: dict[str, int] = Field(description="Total lag per topic at that moment.")


class History:
    """The last hour of samples, in memory: enough for the console's sparklines."""

    def __init__(self) -> None:
        self._samples: deque[Sample] = deque()

    def add(self, sample: Sample) -> None:
        self._samples.append(sample)
        while (sample.at - self._samples[0].at).total_seconds() > HISTORY_SECONDS:
            self._samples.popleft()

    def samples(self) -> list[Sample]:
        return list(self._samples)


HISTORIES: dict[str, History] = {}


def history_of(runtime: Runtime) -> History:
    return HISTORIES.setdefault(runtime.settings.service_name, History())


async def outbox_status(runtime: Runtime) -> OutboxStatus:
    async with runtime.sessionmaker() as session:
        backlog, oldest = await outbox.backlog(session)
    age = (datetime.now(UTC) - oldest).total_seconds() if oldest else None
    OUTBOX_BACKLOG.labels(runtime.settings.service_name).set(backlog)
    OUTBOX_AGE.labels(runtime.settings.service_name).set(age or 0)
    return OutboxStatus(backlog=backlog, oldest_age_seconds=age)


async def consumer_statuses(runtime: Runtime) -> list[ConsumerStatus]:
    async with runtime.sessionmaker() as session:
        sizes = dict(
            (
                await session.execute(
                    select(InboxMessage.consumer, func.count()).group_by(InboxMessage.consumer)
                )
            ).all()
        )
    statuses = []
    for name, topics in runtime.consumer_groups().items():
        lags = await consumer_lag(runtime.settings.kafka_bootstrap_servers, name, topics)
        for lag in lags:
            CONSUMER_LAG.labels(name, lag.topic, str(lag.partition)).set(lag.lag)
        INBOX_SIZE.labels(name).set(sizes.get(name, 0))
        statuses.append(
            ConsumerStatus(
                name=name,
                topics=topics,
                inbox_size=sizes.get(name, 0),
                lag=sum(lag.lag for lag in lags),
                partitions=[
                    PartitionLagRead(
                        topic=lag.topic,
                        partition=lag.partition,
                        committed=lag.committed,
                        end=lag.end,
                        lag=lag.lag,
                    )
                    for lag in lags
                ],
            )
        )
    return statuses


async def dead_letters(runtime: Runtime) -> list[tuple[DeadLetter, bool]]:
    """This service's dead letters, each with whether its consumer has applied it since."""
    groups = runtime.consumer_groups()
    letters = [
        letter
        for topic in sorted({t for topics in groups.values() for t in topics})
        for letter in await read_dead_letters(runtime.settings.kafka_bootstrap_servers, topic)
        if letter.consumer in groups
    ]
    resolved: set[tuple[str, str, str]] = set()
    ids = [
        uuid.UUID(str(letter.context["id"]))
        for letter in letters
        if _is_uuid(letter.context.get("id"))
    ]
    if ids:
        async with runtime.sessionmaker() as session:
            rows = await session.execute(
                select(InboxMessage.consumer, InboxMessage.source, InboxMessage.event_id).where(
                    InboxMessage.event_id.in_(ids)
                )
            )
            resolved = {(c, s, str(i)) for c, s, i in rows}
    result = [
        (
            letter,
            (letter.consumer, str(letter.context.get("source")), str(letter.context.get("id")))
            in resolved,
        )
        for letter in letters
    ]
    for name, topics in groups.items():
        for topic in topics:
            DEAD_LETTERS.labels(name, topic).set(
                sum(
                    1
                    for letter, done in result
                    if not done and letter.consumer == name and letter.original_topic == topic
                )
            )
    return result


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _read(letter: DeadLetter, done: bool) -> DeadLetterRead:
    h = letter.headers
    return DeadLetterRead(
        dlq_id=letter.dlq_id,
        topic=letter.original_topic,
        consumer=letter.consumer,
        error_type=h.get("dlq-error-type", ""),
        error=h.get("dlq-error", ""),
        attempts=int(h.get("dlq-attempts", "0") or 0),
        first_failure_at=h.get("dlq-first-failure-at"),
        last_failure_at=h.get("dlq-last-failure-at"),
        event=letter.context,
        status="opgelost" if done else "open",
    )


def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    if runtime.producer is None:
        raise ServiceUnavailable("Kafka is nog niet bereikbaar.")
    return runtime


ServiceRuntime = Annotated[Runtime, Depends(_runtime)]
router = APIRouter(prefix="/operations", tags=["operations"])


@router.get("/status", response_model=OperationsStatus)
async def get_status(runtime: ServiceRuntime, _: Operator) -> OperationsStatus:
    """Outbox-achterstand, consumer-lag per topic en partitie, inboxgrootte en open dead letters."""
    status = await take_status(runtime)
    return status.model_copy(update={"history": history_of(runtime).samples()})


async def take_status(runtime: Runtime) -> OperationsStatus:
    """Measure now, and remember the sample for the sparklines."""
    letters = await dead_letters(runtime)
    async with runtime.sessionmaker() as session:
        runs = [
            SchedulerRunRead.model_validate(run, from_attributes=True)
            for run in await last_runs(session)
        ]
    status = OperationsStatus(
        service=runtime.settings.service_name,
        checked_at=datetime.now(UTC),
        outbox=await outbox_status(runtime),
        consumers=await consumer_statuses(runtime),
        dead_letters_open=sum(1 for _, done in letters if not done),
        scheduler_runs=runs,
    )
    lag: dict[str, int] = {}
    for consumer in status.consumers:
        for partition in consumer.partitions:
            lag[partition.topic] = lag.get(partition.topic, 0) + partition.lag
    history_of(runtime).add(Sample(at=status.checked_at, backlog=status.outbox.backlog, lag=lag))
    return status


@router.get("/dead-letters", response_model=list[DeadLetterRead])
async def list_dead_letters(runtime: ServiceRuntime, _: Operator) -> list[DeadLetterRead]:
    """De dead letters van de consumers van deze dienst, met fout, pogingen en status."""
    return [_read(letter, done) for letter, done in await dead_letters(runtime)]


@router.post("/dead-letters/_replay", response_model=ReplayResult)
async def replay_dead_letters(
    body: ReplayRequest, runtime: ServiceRuntime, principal: Operator
) -> ReplayResult:
    """Zet één dead letter (dlqId) of alle open dead letters terug op hun oorspronkelijke topic."""
    letters = [letter for letter, done in await dead_letters(runtime) if not done]
    if body.dlq_id is not None:
        letters = [letter for letter in letters if letter.dlq_id == body.dlq_id]
        if not letters:
            raise NotFound("Geen open dead letter met dit dlqId.")
    producer = runtime.producer
    if producer is None:
        raise ServiceUnavailable("Kafka is nog niet bereikbaar.")
    for letter in letters:
        await republish(producer, letter)
    log.info("dead_letters_replayed", extra={"count": len(letters), "actor": principal.subject})
    return ReplayResult(replayed=len(letters))


async def monitor(runtime: Runtime) -> None:
    """Keep the gauges on /metrics fresh even when nobody calls the API."""
    interval = runtime.settings.operations_monitor_seconds
    while True:
        try:
            await take_status(runtime)
        except Exception as exc:
            log.warning("operations_monitor_failed", extra={"errorType": type(exc).__name__})
        await asyncio.sleep(interval)

"""The operations API and gauges every service has: outbox backlog, consumer lag, dead letters
(with replay of one or all) and inbox sizes. Role `operations`; no personal data is shown."""

from __future__ import annotations

import asyncio
import uuid
from collections import deque
from datetime import UTC, date, datetime
from typing import Annotated, Any

from aiokafka.errors import KafkaError
from fastapi import Depends, Path, Request
from prometheus_client import Gauge
from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert

from wmo_common import audit
from wmo_common.auth import Principal, Role, require_roles
from wmo_common.events import outbox
from wmo_common.events.consumer import describe_error
from wmo_common.events.dlq import DeadLetter, consumer_lag, read_dead_letters
from wmo_common.events.inbox import InboxMessage
from wmo_common.logging import get_logger
from wmo_common.problems import NotFound, ServiceUnavailable
from wmo_common.routing import ApiRouter
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
    status: str = Field(
        description="'open'; 'opgelost' once the consumer applied the event; 'verworpen' when an "
        "operator discarded it."
    )


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
    onbereikbaar: list[str] = Field(
        default_factory=list,
        description="What could not be measured now (e.g. 'kafka': lag and dead letters).",
    )
    scheduler_runs: list[SchedulerRunRead] = Field(
        default_factory=list, description="The latest runs of each scheduler, newest first."
    )
    history: list[Sample] = Field(default_factory=list, description="The last hour, oldest first.")


class ReplayRequest(CamelModel):
    dlq_id: str | None = Field(default=None, description="One dead letter; omit for all open ones.")


class ReplayFailure(CamelModel):
    dlq_id: str
    error: str = Field(description="Why applying failed again (no event data).")


class ReplayResult(CamelModel):
    replayed: int = Field(description="Dead letters the failing consumer group applied now.")
    failed: list[ReplayFailure] = Field(
        default_factory=list, description="Dead letters that failed again and stay open."
    )


class DiscardRequest(CamelModel):
    reden: str = Field(min_length=3, max_length=150, description="Why the letter is discarded.")


DISCARDED = "verworpen"


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


async def inbox_sizes(runtime: Runtime) -> dict[str, int]:
    async with runtime.sessionmaker() as session:
        rows = await session.execute(
            select(InboxMessage.consumer, func.count()).group_by(InboxMessage.consumer)
        )
        return {consumer: int(count) for consumer, count in rows.all()}


async def consumer_statuses(runtime: Runtime) -> list[ConsumerStatus]:
    sizes = await inbox_sizes(runtime)
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


def letter_key(letter: DeadLetter) -> tuple[str, str, uuid.UUID]:
    """The inbox key that settles a letter: its event's (consumer, source, id), or for a record
    that was no event at all a stable id derived from where it lies in the DLQ."""
    source, event_id = letter.context.get("source"), letter.context.get("id")
    if _is_uuid(event_id):
        return letter.consumer, str(source), uuid.UUID(str(event_id))
    return letter.consumer, f"dlq:{letter.dlq_topic}", uuid.uuid5(uuid.NAMESPACE_URL, letter.dlq_id)


async def dead_letters(runtime: Runtime) -> list[tuple[DeadLetter, str]]:
    """This service's dead letters, each with its status: open, opgelost (its consumer applied
    it since) or verworpen (an operator discarded it)."""
    groups = runtime.consumer_groups()
    letters = [
        letter
        for topic in sorted({t for topics in groups.values() for t in topics})
        for letter in await read_dead_letters(runtime.settings.kafka_bootstrap_servers, topic)
        if letter.consumer in groups
    ]
    settled: dict[tuple[str, str, uuid.UUID], str] = {}
    ids = [letter_key(letter)[2] for letter in letters]
    if ids:
        async with runtime.sessionmaker() as session:
            rows = await session.execute(
                select(
                    InboxMessage.consumer,
                    InboxMessage.source,
                    InboxMessage.event_id,
                    InboxMessage.event_type,
                ).where(InboxMessage.event_id.in_(ids))
            )
            settled = {(c, s, i): t for c, s, i, t in rows}
    result = []
    for letter in letters:
        event_type = settled.get(letter_key(letter))
        status = (
            "open" if event_type is None else DISCARDED if event_type == DISCARDED else "opgelost"
        )
        result.append((letter, status))
    for name, topics in groups.items():
        for topic in topics:
            DEAD_LETTERS.labels(name, topic).set(
                sum(
                    1
                    for letter, status in result
                    if status == "open"
                    and letter.consumer == name
                    and letter.original_topic == topic
                )
            )
    return result


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _read(letter: DeadLetter, status: str) -> DeadLetterRead:
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
        status=status,
    )


async def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


ServiceRuntime = Annotated[Runtime, Depends(_runtime)]
router = ApiRouter(prefix="/operations", tags=["operations"])


@router.get("/status", response_model=OperationsStatus)
async def get_status(runtime: ServiceRuntime, _: Operator) -> OperationsStatus:
    """Outbox-achterstand, consumer-lag per topic en partitie, inboxgrootte en open dead letters."""
    status = await take_status(runtime)
    return status.model_copy(update={"history": history_of(runtime).samples()})


async def take_status(runtime: Runtime) -> OperationsStatus:
    """Measure now, and remember the sample for the sparklines. With Kafka away it still shows
    the outbox and the inboxes, and names what it could not reach."""
    onbereikbaar: list[str] = []
    try:
        letters = await dead_letters(runtime)
        consumers = await consumer_statuses(runtime)
    except (KafkaError, OSError, TimeoutError) as exc:
        log.warning("operations_kafka_unreachable", extra={"errorType": type(exc).__name__})
        onbereikbaar.append("kafka")
        letters, consumers = [], await inbox_statuses(runtime)
    async with runtime.sessionmaker() as session:
        runs = [
            SchedulerRunRead.model_validate(run, from_attributes=True)
            for run in await last_runs(session)
        ]
    status = OperationsStatus(
        service=runtime.settings.service_name,
        checked_at=datetime.now(UTC),
        outbox=await outbox_status(runtime),
        consumers=consumers,
        dead_letters_open=sum(1 for _, state in letters if state == "open"),
        onbereikbaar=onbereikbaar,
        scheduler_runs=runs,
    )
    lag: dict[str, int] = {}
    for consumer in status.consumers:
        for partition in consumer.partitions:
            lag[partition.topic] = lag.get(partition.topic, 0) + partition.lag
    history_of(runtime).add(Sample(at=status.checked_at, backlog=status.outbox.backlog, lag=lag))
    return status


async def inbox_statuses(runtime: Runtime) -> list[ConsumerStatus]:
    """The consumer groups as far as the database knows them (no lag without Kafka)."""
    sizes = await inbox_sizes(runtime)
    return [
        ConsumerStatus(
            name=name, topics=topics, inbox_size=sizes.get(name, 0), lag=0, partitions=[]
        )
        for name, topics in runtime.consumer_groups().items()
    ]


@router.get("/dead-letters", response_model=list[DeadLetterRead])
async def list_dead_letters(runtime: ServiceRuntime, _: Operator) -> list[DeadLetterRead]:
    """De dead letters van de consumers van deze dienst, met fout, pogingen en status."""
    return [_read(letter, status) for letter, status in await dead_letters(runtime)]


@router.post("/dead-letters/_replay", response_model=ReplayResult)
async def replay_dead_letters(
    body: ReplayRequest, runtime: ServiceRuntime, principal: Operator
) -> ReplayResult:
    """Pas één open dead letter (dlqId) of alle open dead letters opnieuw toe, alleen door de
    consumergroep die faalde: andere diensten zien het event niet nog eens. Gelukt: de letter
    is opgelost; opnieuw mislukt: hij blijft open, zonder nieuwe dead letter."""
    letters = [letter for letter, status in await dead_letters(runtime) if status == "open"]
    if body.dlq_id is not None:
        letters = [letter for letter in letters if letter.dlq_id == body.dlq_id]
        if not letters:
            raise NotFound("Geen open dead letter met dit dlqId.")
    consumers = {consumer.name: consumer for consumer in runtime.consumers}
    replayed, failed = 0, []
    for letter in letters:
        consumer = consumers.get(letter.consumer)
        if consumer is None:
            raise ServiceUnavailable("De consumer van deze dead letter draait niet in dit proces.")
        try:
            await consumer.apply_again(letter.value or b"", letter.original_topic)
        except Exception as exc:
            failed.append(ReplayFailure(dlq_id=letter.dlq_id, error=describe_error(exc)))
        else:
            replayed += 1
    log.info(
        "dead_letters_replayed",
        extra={"count": replayed, "failed": len(failed), "actor": principal.subject},
    )
    return ReplayResult(replayed=replayed, failed=failed)


@router.post("/dead-letters/{dlqId}/verwerpingen", response_model=DeadLetterRead, status_code=201)
async def discard_dead_letter(
    dlq_id: Annotated[str, Path(alias="dlqId", max_length=200)],
    body: DiscardRequest,
    runtime: ServiceRuntime,
    principal: Operator,
) -> DeadLetterRead:
    """Verwerp een open dead letter met een reden (vastgelegd in het auditlog): de letter telt
    niet meer als open en wordt nooit meer toegepast."""
    letters = [letter for letter, status in await dead_letters(runtime) if status == "open"]
    letter = next((item for item in letters if item.dlq_id == dlq_id), None)
    if letter is None:
        raise NotFound("Geen open dead letter met dit dlqId.")
    consumer, source, event_id = letter_key(letter)
    async with runtime.sessionmaker() as session, session.begin():
        await session.execute(
            insert(InboxMessage)
            .values(
                consumer=consumer,
                source=source,
                event_id=event_id,
                event_type=DISCARDED,
                topic=letter.original_topic,
            )
            .on_conflict_do_nothing()
        )
        await audit.record(
            session,
            principal,
            verwerkingsactiviteit="beheer-dead-letters",
            handeling=audit.Handeling.VERWIJDEREN,
            client_pseudonym=None,
            resource=f"dead-letter {letter.dlq_id}: {body.reden}"[:200],
        )
    log.info("dead_letter_discarded", extra={"dlqId": dlq_id, "actor": principal.subject})
    return _read(letter, DISCARDED)


async def monitor(runtime: Runtime) -> None:
    """Keep the gauges on /metrics fresh even when nobody calls the API."""
    interval = runtime.settings.operations_monitor_seconds
    while True:
        try:
            await take_status(runtime)
        except Exception as exc:
            log.warning("operations_monitor_failed", extra={"errorType": type(exc).__name__})
        await asyncio.sleep(interval)

import json
import uuid
from typing import Any

from aiokafka import AIOKafkaProducer, TopicPartition
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.events import outbox
from wmo_common.events.consumer import HandlerContext, PermanentError
from wmo_common.events.kafka import dlq_topic
from wmo_testing.events import (
    SOURCE,
    Proef,
    ProefEffect,
    count_effects,
    read_all,
    recording_handler,
    running_consumer,
    running_producer,
)
from wmo_testing.harness import eventually


def group() -> str:
    return f"proef.{uuid.uuid4().hex[:8]}"


async def send(producer: AIOKafkaProducer, topic: str, value: bytes, key: str = "k") -> None:
    await producer.send_and_wait(topic, value=value, key=key.encode())


def envelope_bytes(model: type[Proef], volgnummer: int, event_id: uuid.UUID | None = None) -> bytes:
    envelope = model(proef_id=uuid.uuid4(), volgnummer=volgnummer).to_envelope(SOURCE)
    if event_id is not None:
        envelope = envelope.model_copy(update={"id": event_id})
    return envelope.to_bytes()


async def test_a_redelivered_event_changes_nothing_the_second_time(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    value = envelope_bytes(proef_type, 1, event_id=uuid.uuid4())
    async with running_producer() as producer:
        await send(producer, proef_type.topic, value)
        await send(producer, proef_type.topic, value)
        await send(producer, proef_type.topic, envelope_bytes(proef_type, 2))
        name = group()
        async with running_consumer(
            sessionmaker,
            proef_type.topic,
            {proef_type: recording_handler(name)},
            producer,
            name=name,
        ):

            async def two_effects() -> bool:
                return await count_effects(sessionmaker, name) == 2

            await eventually(two_effects)
        # A second consumer group starting from the beginning sees the duplicate again; the
        # inbox of its own group keeps it to one effect as well.
        second = group()
        async with running_consumer(
            sessionmaker,
            proef_type.topic,
            {proef_type: recording_handler(second)},
            producer,
            name=second,
        ):

            async def second_done() -> bool:
                return await count_effects(sessionmaker, second) == 2

            await eventually(second_done)
    assert await count_effects(sessionmaker, name) == 2


async def test_a_handler_that_keeps_failing_sends_the_event_to_the_dlq_and_later_events_flow(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    name = group()
    record = recording_handler(name)

    async def failing_on_first(
        session: AsyncSession, event: Any, context: HandlerContext[Any]
    ) -> None:
        if event.volgnummer == 1:
            raise RuntimeError("the downstream rule engine is broken")
        await record(session, event, context)

    async with running_producer() as producer:
        for volgnummer in (1, 2, 3):
            await send(producer, proef_type.topic, envelope_bytes(proef_type, volgnummer))
        async with running_consumer(
            sessionmaker,
            proef_type.topic,
            {proef_type: failing_on_first},
            producer,
            name=name,
            max_attempts=3,
        ):

            async def later_applied() -> bool:
                return await count_effects(sessionmaker, name) == 2

            await eventually(later_applied)
    [dead] = await read_all(dlq_topic(proef_type.topic), expected=1)
    headers = {k: v.decode() for k, v in dead.headers}
    assert headers["dlq-error"] == "RuntimeError: the downstream rule engine is broken"
    assert headers["dlq-attempts"] == "3"
    assert headers["dlq-consumer"] == name
    assert headers["dlq-original-topic"] == proef_type.topic
    assert json.loads(dead.value)["data"]["volgnummer"] == 1


async def test_an_event_on_its_own_is_applied_in_one_transaction_without_a_savepoint(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    """While events trickle in, each fetch holds one record: it is applied with no savepoint
    around it, and when its handler fails once, the retry applies it whole."""
    name = group()
    record = recording_handler(name)
    failed: list[int] = []

    async def failing_once(session: AsyncSession, event: Any, context: HandlerContext[Any]) -> None:
        await record(session, event, context)
        if not failed:
            failed.append(event.volgnummer)
            raise RuntimeError("the first try fails after its row was added")

    statements: list[str] = []

    def remember(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement.split()[0].upper())

    engine = sessionmaker.kw["bind"].sync_engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        async with (
            running_producer() as producer,
            running_consumer(
                sessionmaker, proef_type.topic, {proef_type: failing_once}, producer, name=name
            ),
        ):
            await send(producer, proef_type.topic, envelope_bytes(proef_type, 1))

            async def applied() -> bool:
                return await count_effects(sessionmaker, name) == 1

            await eventually(applied)
            await send(producer, proef_type.topic, envelope_bytes(proef_type, 2))

            async def both_applied() -> bool:
                return await count_effects(sessionmaker, name) == 2

            await eventually(both_applied)
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert failed == [1]
    assert "SAVEPOINT" not in statements
    async with sessionmaker() as session:
        rows = await session.execute(
            select(ProefEffect.volgnummer).where(ProefEffect.consumer == name)
        )
        assert sorted(rows.scalars()) == [1, 2]  # the failed try left nothing behind


async def test_malformed_records_and_unknown_types_go_to_the_dlq_without_stopping_the_consumer(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    good = json.loads(envelope_bytes(proef_type, 9))
    unknown_type = {**good, "id": str(uuid.uuid4()), "type": "nl.wmo.proeven.onbekend-feit.v1"}
    wrong_data = {**good, "id": str(uuid.uuid4()), "data": {"proefId": "geen-uuid"}}
    name = group()
    async with running_producer() as producer:
        await send(producer, proef_type.topic, b"this is not json")
        await send(producer, proef_type.topic, b'{"specversion": "1.0"}')
        await send(producer, proef_type.topic, json.dumps(unknown_type).encode())
        await send(producer, proef_type.topic, json.dumps(wrong_data).encode())
        await send(producer, proef_type.topic, json.dumps(good).encode())
        async with running_consumer(
            sessionmaker,
            proef_type.topic,
            {proef_type: recording_handler(name)},
            producer,
            name=name,
        ):

            async def good_applied() -> bool:
                return await count_effects(sessionmaker, name) == 1

            await eventually(good_applied)
    dead = await read_all(dlq_topic(proef_type.topic), expected=4)
    errors = sorted(dict(d.headers)["dlq-error-type"].decode() for d in dead)
    assert errors == ["EnvelopeError", "EnvelopeError", "UnknownEventType", "ValidationError"]
    # Permanent failures are not retried: one attempt each.
    assert {dict(d.headers)["dlq-attempts"] for d in dead} == {b"1"}


async def test_a_validation_error_in_the_dlq_names_the_field_but_not_its_value(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    good = json.loads(envelope_bytes(proef_type, 1))
    leaking = {**good, "data": {**good["data"], "volgnummer": "bsn 123456782"}}
    name = group()
    async with running_producer() as producer:
        await send(producer, proef_type.topic, json.dumps(leaking).encode())
        async with running_consumer(
            sessionmaker,
            proef_type.topic,
            {proef_type: recording_handler(name)},
            producer,
            name=name,
        ):
            [dead] = await read_all(dlq_topic(proef_type.topic), expected=1)
    error = dict(dead.headers)["dlq-error"].decode()
    assert error == "ValidationError: invalid volgnummer"


async def test_events_written_through_the_outbox_in_one_transaction_keep_their_order_per_key(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef], database_url: str
) -> None:
    from wmo_testing.events import running_relay

    proef_id = uuid.uuid4()
    seen: list[int] = []

    async def remember(session: AsyncSession, event: Any, context: HandlerContext[Any]) -> None:
        seen.append(event.volgnummer)

    async with sessionmaker() as session, session.begin():
        for volgnummer in range(50):
            await outbox.add(session, proef_type(proef_id=proef_id, volgnummer=volgnummer))
    async with (
        running_producer() as producer,
        running_consumer(
            sessionmaker, proef_type.topic, {proef_type: remember}, producer, name=group()
        ),
        running_relay(sessionmaker, database_url, producer),
    ):

        async def all_seen() -> bool:
            return len(seen) == 50

        await eventually(all_seen)
    assert seen == list(range(50))


async def test_records_of_several_partitions_apply_once_each_in_order_and_a_bad_one_is_set_aside(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    name = group()
    record = recording_handler(name)

    async def remember(session: AsyncSession, event: Any, context: HandlerContext[Any]) -> None:
        if event.volgnummer == 105:
            raise PermanentError("this one breaks a rule")
        await record(session, event, context)

    async with running_producer() as producer:
        # Queued before the consumer starts, so its fetches return several partitions at once.
        for partition in range(3):
            for n in range(10):
                value = envelope_bytes(proef_type, partition * 100 + n)
                await producer.send_and_wait(proef_type.topic, value=value, partition=partition)
        async with running_consumer(
            sessionmaker, proef_type.topic, {proef_type: remember}, producer, name=name
        ) as consumer:

            async def all_applied() -> bool:
                return await count_effects(sessionmaker, name) == 29

            await eventually(all_applied)
            partitions = [TopicPartition(proef_type.topic, p) for p in range(3)]

            async def all_committed() -> bool:
                committed = [await consumer.kafka.committed(tp) for tp in partitions]
                return committed == [10, 10, 10]

            await eventually(all_committed)
    async with sessionmaker() as session:
        # The effects in the order they were written: each partition's own order.
        seen = (
            await session.scalars(
                select(ProefEffect.volgnummer)
                .where(ProefEffect.consumer == name)
                .order_by(ProefEffect.id)
            )
        ).all()
    for partition in range(3):
        applied = [v for v in seen if v // 100 == partition]
        expected = [partition * 100 + n for n in range(10) if partition * 100 + n != 105]
        assert applied == expected
    [dead] = await read_all(dlq_topic(proef_type.topic), expected=1)
    assert json.loads(dead.value)["data"]["volgnummer"] == 105

"""What the relay puts on the topic: the stored envelope as the record value, unchanged in meaning,
read by the consumer as the event that was written, and dead-lettered as it is."""

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.events import outbox
from wmo_common.events.consumer import HandlerContext, PermanentError
from wmo_common.events.envelope import CONTENT_TYPE, CloudEvent
from wmo_common.events.kafka import dlq_topic
from wmo_common.events.relay import OutboxRelay
from wmo_testing.events import SOURCE, Proef, read_all, running_consumer, running_producer
from wmo_testing.harness import eventually

# Text that JSON escapes or that a careless encoder would: quotes, backslashes, control
# characters, non-ASCII letters, a character outside the BMP, U+2028, markup.
AWKWARD = [
    "",
    'Zoë "de Vries" \\ café € 😀',
    "regel 1\nregel 2\ttab\x01\x1f",
    "\u2028</script><!--",
    "x" * 850,
]


def test_an_envelope_is_written_as_compact_json_with_its_time_in_utc_and_z(
    proef_type: type[Proef],
) -> None:
    times = [
        datetime(2026, 12, 6, 22, 30, 1, 250_000, tzinfo=UTC),
        datetime(2026, 12, 6, 22, 30, 1, tzinfo=UTC),  # no fraction
        datetime(2026, 12, 6, 23, 30, 1, 7, tzinfo=timezone(timedelta(hours=1))),
    ]
    for inhoud in AWKWARD:
        for time in times:
            event = proef_type(proef_id=uuid.uuid4(), volgnummer=1, inhoud=inhoud)
            envelope = event.to_envelope(SOURCE).model_copy(update={"time": time})
            envelope = CloudEvent.model_validate(envelope.model_dump())  # as validated input
            body = envelope.model_dump(mode="json", exclude_none=True)
            body["time"] = envelope.time.astimezone(UTC).isoformat().replace("+00:00", "Z")
            compact = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
            assert envelope.to_text() == compact
            assert envelope.to_bytes() == compact.encode()


async def test_the_relay_sends_each_stored_envelope_as_one_json_record_the_consumer_reads_back(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef], database_url: str
) -> None:
    keys = [uuid.uuid4(), uuid.uuid4()]
    async with sessionmaker() as session, session.begin():
        written = [
            await outbox.add(session, proef_type(proef_id=keys[n % 2], volgnummer=n, inhoud=inhoud))
            for n, inhoud in enumerate(AWKWARD)
        ]
    envelopes = {row.event_id: row.envelope for row in written}
    values = {row.event_id: row.value.encode() for row in written}
    read: list[tuple[CloudEvent, Any]] = []

    async def remember(session: AsyncSession, event: Any, context: HandlerContext[Any]) -> None:
        read.append((context.envelope, event))

    async with running_producer() as producer:
        assert await OutboxRelay(sessionmaker, producer).publish_pending() == len(AWKWARD)
        records = await read_all(proef_type.topic, expected=len(AWKWARD))
        async with running_consumer(
            sessionmaker, proef_type.topic, {proef_type: remember}, producer, name="proef.lezer"
        ):

            async def all_read() -> bool:
                return len(read) == len(AWKWARD)

            await eventually(all_read)

    assert len(records) == len(AWKWARD)
    for record in records:
        body = json.loads(record.value)  # one JSON document, UTF-8
        assert body == envelopes[uuid.UUID(body["id"])]
        assert record.value == values[uuid.UUID(body["id"])]  # the very bytes written
        assert record.key == body["subject"].encode()
        assert dict(record.headers) == {"content-type": CONTENT_TYPE.encode()}
        assert CloudEvent.from_bytes(record.value) == CloudEvent.model_validate(body)
    # Per key in the order written, with the payload the writer gave.
    for key in keys:
        assert [r.envelope["data"]["volgnummer"] for r in written if r.key == str(key)] == [
            event.volgnummer for _, event in read if event.proef_id == key
        ]
    for envelope, event in read:
        assert envelope == CloudEvent.model_validate(envelopes[envelope.id])
        assert event.inhoud == AWKWARD[event.volgnummer]


async def test_a_dead_letter_of_a_relayed_event_carries_the_record_value_unchanged(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    async def refuse_the_first(
        session: AsyncSession, event: Any, context: HandlerContext[Any]
    ) -> None:
        if event.volgnummer == 0:
            raise PermanentError("volgnummer 0 bestaat niet")

    async with sessionmaker() as session, session.begin():
        for n in range(3):
            await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=n, inhoud="é"))
    async with running_producer() as producer:
        assert await OutboxRelay(sessionmaker, producer).publish_pending() == 3
        records = await read_all(proef_type.topic, expected=3)
        async with running_consumer(
            sessionmaker, proef_type.topic, {proef_type: refuse_the_first}, producer, name="proef.x"
        ):
            [dead] = await read_all(dlq_topic(proef_type.topic), expected=1)
    [original] = [r for r in records if json.loads(r.value)["data"]["volgnummer"] == 0]
    assert (dead.key, dead.value) == (original.key, original.value)
    headers = {k: v.decode() for k, v in dead.headers}
    assert headers["dlq-error"] == "PermanentError: volgnummer 0 bestaat niet"
    assert headers["dlq-original-offset"] == str(original.offset)
    assert headers["dlq-original-partition"] == str(original.partition)

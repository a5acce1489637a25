import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.events import outbox
from wmo_common.events.outbox import OutboxMessage, OutboxRelay
from wmo_testing.events import (
    Proef,
    count_effects,
    recording_handler,
    running_consumer,
    running_producer,
    running_relay,
)
from wmo_testing.harness import eventually


async def test_an_event_committed_while_the_relay_is_down_reaches_the_consumer_once_it_is_back(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef], database_url: str
) -> None:
    async with sessionmaker() as session, session.begin():
        await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
    # The relay was not running at commit: the event waits in the table, unsent.
    async with sessionmaker() as session:
        assert (await outbox.backlog(session))[0] == 1

    async with (
        running_producer() as producer,
        running_consumer(
            sessionmaker,
            proef_type.topic,
            {proef_type: recording_handler("c1")},
            producer,
            name=f"proef.{uuid.uuid4().hex[:8]}",
        ),
        running_relay(sessionmaker, database_url, producer),
    ):

        async def applied() -> bool:
            return await count_effects(sessionmaker, "c1") == 1

        await eventually(applied)
    async with sessionmaker() as session:
        assert (await outbox.backlog(session))[0] == 0


async def test_a_rolled_back_transaction_publishes_nothing(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    async with sessionmaker() as session, session.begin():
        await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
        await session.rollback()
    async with running_producer() as producer:
        relay = OutboxRelay(sessionmaker, producer)
        assert await relay.publish_pending() == 0
    async with sessionmaker() as session:
        assert (
            await session.execute(select(func.count()).select_from(OutboxMessage))
        ).scalar_one() == 0


async def test_the_envelope_follows_the_nl_gov_cloudevents_profile(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    proef_id = uuid.uuid4()
    async with sessionmaker() as session, session.begin():
        row = await outbox.add(session, proef_type(proef_id=proef_id, volgnummer=7))
    envelope = row.envelope
    assert envelope["specversion"] == "1.0"
    assert envelope["source"] == "urn:nld:oin:00000001234567890000:systeem:proef"
    assert envelope["type"] == proef_type.event_type
    assert envelope["subject"] == str(proef_id)
    assert envelope["datacontenttype"] == "application/json"
    assert envelope["dataschema"].endswith(f"{proef_type.event_type}.json")
    assert envelope["time"].endswith("Z")
    assert envelope["data"] == {"proefId": str(proef_id), "volgnummer": 7, "inhoud": ""}
    assert row.key == str(proef_id)

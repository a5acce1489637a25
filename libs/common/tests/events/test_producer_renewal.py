"""A service whose Kafka producer failed for good gets a new one: what the outbox holds is still
sent, without a restart."""

from __future__ import annotations

import json
import uuid

from aiokafka.errors import OutOfOrderSequenceNumber
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.events import outbox
from wmo_common.runtime import ConsumerSpec, Runtime
from wmo_testing.events import Proef, proef_settings, read_all, recording_handler
from wmo_testing.harness import eventually


async def test_a_producer_that_failed_for_good_is_replaced_and_the_outbox_still_reaches_kafka(
    proef_type: type[Proef], sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    settings = proef_settings(
        outbox_poll_seconds=0.2,
    )
    spec = ConsumerSpec(
        purpose=f"groep{uuid.uuid4().hex[:6]}",
        topics=[proef_type.topic],
        handlers={proef_type: recording_handler("renewal")},
    )
    runtime = Runtime(settings, [spec])
    await runtime.start()
    try:
        await runtime.wait_ready()
        failed = runtime.producer
        assert failed is not None

        async def out_of_sequence(node_id: int, batches: object) -> None:
            # What the sender gets when the broker lost this producer's sequence numbers: a
            # fatal error that ends aiokafka's sender task for good.
            raise OutOfOrderSequenceNumber()

        failed._sender._send_produce_req = out_of_sequence
        event = proef_type(proef_id=uuid.uuid4(), volgnummer=1)
        async with sessionmaker() as session, session.begin():
            queued = await outbox.add(session, event)

        async def renewed() -> bool:
            return runtime.producer is not failed

        await eventually(renewed, timeout=30)
        records = await read_all(proef_type.topic, 1)
        assert [json.loads(r.value)["id"] for r in records] == [str(queued.event_id)]
        assert failed._sender.sender_task.done()
        assert runtime.relay is not None
        assert runtime.relay.producer is runtime.producer
        assert [c.dlq_producer for c in runtime.consumers] == [runtime.producer]
    finally:
        await runtime.stop()

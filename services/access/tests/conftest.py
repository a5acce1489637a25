import random
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from wmo_access.main import create_app
from wmo_access.settings import Settings
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.kafka import make_producer
from wmo_common.events.registry import Event
from wmo_common.testing import ServiceHarness, eventually, kafka_bootstrap

# The test modules share the helpers of access_testing.py, beside this file (a plain module name:
# every service has a tests/ folder, so `tests.x` would be ambiguous when all suites run together).
sys.path.insert(0, str(Path(__file__).parent))

from access_testing import (
    OTHER_SERVICE,
    Drained,
    Markt,
    Publish,
    Toegang,
    contract,
    random_agb,
    strategie,
)

from wmo_common.events.contracting import CONTRACTEN


@pytest.fixture(scope="session")
async def harness() -> AsyncIterator[ServiceHarness[Settings]]:
    async with ServiceHarness.start("access", Settings, create_app) as started:
        yield started


@pytest.fixture
async def client(harness: ServiceHarness[Settings]) -> AsyncIterator[httpx.AsyncClient]:
    async with harness.client() as client:
        yield client
    await harness.reset()


@pytest.fixture(scope="session")
async def producer() -> AsyncIterator[AIOKafkaProducer]:
    started = make_producer(kafka_bootstrap(), "access-tests")
    await started.start()
    yield started
    await started.stop()


@pytest.fixture
def publish(producer: AIOKafkaProducer) -> Publish:
    """Put an event on its real topic as another service would; pass `envelope` to redeliver."""

    async def send(
        event: Event, envelope: CloudEvent | None = None, *, key: str | None = None
    ) -> CloudEvent:
        envelope = envelope or event.to_envelope(OTHER_SERVICE)
        record_key = (key or envelope.subject).encode()
        await producer.send_and_wait(event.topic, value=envelope.to_bytes(), key=record_key)
        return envelope

    return send


@pytest.fixture
def agb() -> str:
    """A fresh AGB code per test: the shared topics also carry other tests' events."""
    return f"{random.randrange(10**7, 10**8)}"


@pytest.fixture
def drained(harness: ServiceHarness[Settings]) -> Drained:
    """Wait until a consumer group of this service has committed every record now on `topics`:
    then each event published before is applied (or skipped as a duplicate)."""

    async def wait(purpose: str, topics: list[str]) -> None:
        group = f"{harness.settings.service_name}.{purpose}"
        reader = AIOKafkaConsumer(bootstrap_servers=kafka_bootstrap(), group_id=None)
        admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap())
        await reader.start()
        await admin.start()
        try:
            # The admin client, not the reader's metadata: a reader that subscribes to nothing
            # knows no partitions, and waiting on none would return at once.
            partitions = [
                TopicPartition(described["topic"], p["partition"])
                for described in await admin.describe_topics(topics)
                for p in described["partitions"]
            ]
            assert partitions, f"no partitions found for {topics}"
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

    return wait


@pytest.fixture
def toegang(client: httpx.AsyncClient, harness: ServiceHarness[Settings]) -> Toegang:
    return Toegang(client, harness)


@pytest.fixture
async def markt(publish: Publish, drained: Drained) -> Markt:
    """A segment (indications of at most 12 months) and one contracted aanbieder in Tilburg."""
    segment_id, agb = uuid.uuid4(), random_agb()
    await publish(strategie(segment_id))
    activated = contract(segment_id, [(agb, "hoofdaannemer")])
    await publish(activated)
    await drained("contracten", [CONTRACTEN])
    return Markt(segment_id, agb, activated.contract_id)

import functools
import random
from collections.abc import AsyncIterator

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from wmo_common.events.kafka import make_producer
from wmo_providers.main import create_app
from wmo_providers.settings import Settings
from wmo_testing.harness import (
    Drained,
    Publish,
    ServiceHarness,
    kafka_bootstrap,
    publish_event,
    wait_until_consumed,
)


@pytest.fixture(scope="session")
async def harness() -> AsyncIterator[ServiceHarness[Settings]]:
    async with ServiceHarness.start("providers", Settings, create_app) as started:
        yield started


@pytest.fixture
async def client(harness: ServiceHarness[Settings]) -> AsyncIterator[httpx.AsyncClient]:
    async with harness.client() as client:
        yield client
    await harness.reset()


@pytest.fixture(scope="session")
async def producer() -> AsyncIterator[AIOKafkaProducer]:
    started = make_producer(kafka_bootstrap(), "providers-tests")
    await started.start()
    yield started
    await started.stop()


@pytest.fixture
def publish(producer: AIOKafkaProducer) -> Publish:
    return functools.partial(publish_event, producer)


@pytest.fixture
def agb() -> str:
    """A fresh AGB code per test: the shared topics also carry other tests' events."""
    return f"{random.randrange(10**7, 10**8)}"


@pytest.fixture
def drained(harness: ServiceHarness[Settings]) -> Drained:
    """Wait until a consumer group of this service has consumed everything now on `topics`."""

    async def wait(purpose: str, topics: list[str]) -> None:
        await wait_until_consumed(f"{harness.settings.service_name}.{purpose}", topics)

    return wait

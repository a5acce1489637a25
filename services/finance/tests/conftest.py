from collections.abc import AsyncIterator

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from wmo_finance.main import create_app
from wmo_finance.settings import Settings
from wmo_testing.events import running_producer
from wmo_testing.finance import Regio
from wmo_testing.harness import ServiceHarness


@pytest.fixture(scope="session")
async def harness() -> AsyncIterator[ServiceHarness[Settings]]:
    async with ServiceHarness.start("finance", Settings, create_app) as started:
        yield started


@pytest.fixture
async def client(harness: ServiceHarness[Settings]) -> AsyncIterator[httpx.AsyncClient]:
    async with harness.client() as client:
        yield client
    await harness.reset()


@pytest.fixture(scope="session")
async def producer() -> AsyncIterator[AIOKafkaProducer]:
    async with running_producer() as started:
        yield started


@pytest.fixture
def regio(
    harness: ServiceHarness[Settings], client: httpx.AsyncClient, producer: AIOKafkaProducer
) -> Regio:
    return Regio(harness, client, producer)

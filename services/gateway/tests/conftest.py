from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from wmo_gateway.main import create_app
from wmo_gateway.settings import Settings
from wmo_testing.events import running_producer
from wmo_testing.harness import ServiceHarness


@pytest.fixture(scope="session")
async def harness() -> AsyncIterator[ServiceHarness[Settings]]:
    async with ServiceHarness.start("gateway", Settings, create_app) as started:
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


@pytest.fixture(scope="session")
def xsd_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("iwmo-xsd")

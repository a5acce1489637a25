import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from wmo_testing.harness import ServiceHarness
from wmo_testing.events import running_producer
from wmo_gateway.main import create_app
from wmo_gateway.settings import Settings

# The test modules share the helpers of gateway_testing.py, beside this file.
sys.path.insert(0, str(Path(__file__).parent))


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

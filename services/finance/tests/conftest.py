import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from wmo_testing.harness import ServiceHarness
from wmo_testing.events import running_producer
from wmo_finance.main import create_app
from wmo_finance.settings import Settings

# The test modules share the helpers of finance_testing.py, beside this file.
sys.path.insert(0, str(Path(__file__).parent))
from finance_testing import Regio


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

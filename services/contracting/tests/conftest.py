import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from wmo_common.events.contracting import CONTRACTEN
from wmo_contracting.main import create_app
from wmo_contracting.settings import Settings
from wmo_testing.contracting import CONTRACT_EVENTS, Received, Regio
from wmo_testing.events import running_consumer, running_producer
from wmo_testing.harness import ServiceHarness


@pytest.fixture(scope="session")
async def harness() -> AsyncIterator[ServiceHarness[Settings]]:
    async with ServiceHarness.start("contracting", Settings, create_app) as started:
        yield started


@pytest.fixture
async def client(harness: ServiceHarness[Settings]) -> AsyncIterator[httpx.AsyncClient]:
    async with harness.client() as client:
        yield client
    await harness.reset()


@pytest.fixture
def regio(client: httpx.AsyncClient, harness: ServiceHarness[Settings]) -> Regio:
    return Regio(client, harness)


@pytest.fixture(scope="session")
async def received(harness: ServiceHarness[Settings]) -> AsyncIterator[Received]:
    """The contract topic as another service consumes it: the real consumer loop, decoding each
    envelope into its typed model. The app's own relay sends what the tests write."""
    collected = Received()
    handlers = dict.fromkeys(CONTRACT_EVENTS, collected.on_event)
    async with (
        running_producer() as producer,
        running_consumer(
            harness.sessionmaker,
            CONTRACTEN,
            handlers,
            producer,
            name=f"contracting-tests.{uuid.uuid4()}",
        ),
    ):
        yield collected

from collections.abc import AsyncIterator

import httpx
import pytest

from wmo_common.testing import ServiceHarness
from wmo_contracting.main import create_app
from wmo_contracting.settings import Settings


@pytest.fixture(scope="session")
async def harness() -> AsyncIterator[ServiceHarness[Settings]]:
    async with ServiceHarness.start("contracting", Settings, create_app) as started:
        yield started


@pytest.fixture
async def client(harness: ServiceHarness[Settings]) -> AsyncIterator[httpx.AsyncClient]:
    async with harness.client() as client:
        yield client
    await harness.reset()

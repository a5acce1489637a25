from collections.abc import AsyncIterator

import httpx
import pytest

from wmo_access.main import create_app
from wmo_access.settings import Settings
from wmo_common.testing import ServiceHarness


@pytest.fixture(scope="session")
async def harness() -> AsyncIterator[ServiceHarness[Settings]]:
    async with ServiceHarness.start("access", Settings, create_app) as started:
        yield started


@pytest.fixture
async def client(harness: ServiceHarness[Settings]) -> AsyncIterator[httpx.AsyncClient]:
    async with harness.client() as client:
        yield client
    await harness.reset()

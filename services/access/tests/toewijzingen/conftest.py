import uuid
from dataclasses import dataclass

import httpx
import pytest
from tests.toegang import Toegang, contract, random_agb, strategie

from tests.conftest import Drained, Publish
from wmo_access.settings import Settings
from wmo_common.events.contracting import CONTRACTEN
from wmo_common.testing import ServiceHarness


@dataclass
class Markt:
    segment_id: uuid.UUID
    agb: str
    contract_id: uuid.UUID


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

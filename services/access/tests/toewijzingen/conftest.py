import uuid

import httpx
import pytest
from access_testing import Drained, Markt, Publish, Toegang, contract, random_agb, strategie

from wmo_access.settings import Settings
from wmo_common.events.contracting import CONTRACTEN
from wmo_common.testing import ServiceHarness


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

"""An aanbieder reads a client while it holds a toewijzing for them, and for
`AANBIEDER_INZAGE_MAANDEN` after it ended (late declaraties); after that it is as if the client
does not exist."""

import uuid
from datetime import timedelta

import pytest

from wmo_access.settings import Settings
from wmo_common.calendar import add_months
from wmo_common.events.contracting import CONTRACTEN
from wmo_testing.access import TODAY, Toegang, contract, indicatie, random_agb, strategie
from wmo_testing.harness import Drained, Publish, ServiceHarness


@pytest.fixture
async def oude_markt(publish: Publish, drained: Drained) -> tuple[uuid.UUID, str]:
    """A segment whose contract with one aanbieder has run for three years."""
    segment_id, agb = uuid.uuid4(), random_agb()
    await publish(strategie(segment_id))
    await publish(
        contract(segment_id, [(agb, "hoofdaannemer")], ingangsdatum=TODAY - timedelta(days=1100))
    )
    await drained("contracten", [CONTRACTEN])
    return segment_id, agb


async def _toegewezen(
    toegang: Toegang, segment_id: uuid.UUID, agb: str, *, van: int, tot: int
) -> tuple[str, dict[str, str]]:
    """A client with a toewijzing to `agb` from `van` to `tot` days from today."""
    client = await toegang.register_client()
    beschikking = await toegang.beschikking(
        client["id"],
        [
            indicatie(
                segment_id,
                ingangsdatum=(TODAY + timedelta(days=van)).isoformat(),
                einddatum=(TODAY + timedelta(days=tot)).isoformat(),
            )
        ],
    )
    created = await toegang.toewijzing(beschikking["indicaties"][0]["id"], agb)
    assert created.status_code == 201, created.text
    return client["id"], {"id": created.json()["id"], "etag": created.headers["ETag"]}


async def test_an_aanbieder_reads_a_client_during_the_toewijzing_and_for_six_months_after(
    toegang: Toegang, harness: ServiceHarness[Settings], oude_markt: tuple[uuid.UUID, str]
) -> None:
    segment_id, agb = oude_markt
    assert harness.settings.aanbieder_inzage_maanden == 6
    lopend, _ = await _toegewezen(toegang, segment_id, agb, van=-30, tot=150)
    net_beeindigd, _ = await _toegewezen(toegang, segment_id, agb, van=-200, tot=-60)
    grens = (add_months(TODAY, -6) - TODAY).days
    op_de_grens, _ = await _toegewezen(toegang, segment_id, agb, van=grens - 100, tot=grens)
    lang_geleden, _ = await _toegewezen(toegang, segment_id, agb, van=grens - 100, tot=grens - 1)
    provider = harness.headers("provider", agb=agb)
    for client_id in (lopend, net_beeindigd, op_de_grens):
        read = await toegang.client.get(f"/api/v1/clienten/{client_id}", headers=provider)
        assert read.status_code == 200, read.text
    hidden = await toegang.client.get(f"/api/v1/clienten/{lang_geleden}", headers=provider)
    assert hidden.status_code == 404
    assert hidden.json()["type"].endswith("/client-niet-gevonden")
    unknown = await toegang.client.get(f"/api/v1/clienten/{uuid.uuid4()}", headers=provider)
    assert hidden.json() | {"instance": None} == unknown.json() | {"instance": None}
    consultant = await toegang.client.get(
        f"/api/v1/clienten/{lang_geleden}", headers=toegang.consultant
    )
    assert consultant.status_code == 200


async def test_an_ended_toewijzing_counts_from_its_new_einddatum(
    toegang: Toegang, harness: ServiceHarness[Settings], oude_markt: tuple[uuid.UUID, str]
) -> None:
    segment_id, agb = oude_markt
    client_id, toewijzing = await _toegewezen(toegang, segment_id, agb, van=-300, tot=60)
    provider = harness.headers("provider", agb=agb)
    path = f"/api/v1/clienten/{client_id}"
    assert (await toegang.client.get(path, headers=provider)).status_code == 200
    ended = await toegang.post(
        f"toewijzingen/{toewijzing['id']}/beeindigingen",
        {"einddatum": (TODAY - timedelta(days=250)).isoformat(), "redenWijziging": "02"},
        **{"If-Match": toewijzing["etag"]},
    )
    assert ended.status_code == 200, ended.text
    assert (await toegang.client.get(path, headers=provider)).status_code == 404

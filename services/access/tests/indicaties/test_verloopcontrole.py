import asyncio
import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from wmo_access.settings import Settings
from wmo_common.events.contracting import CONTRACTEN
from wmo_testing.access import START, Toegang, contract, indicatie, queued, random_agb, strategie
from wmo_testing.harness import Drained, Publish, ServiceHarness

EINDE = START + timedelta(days=90)


@pytest.fixture
async def toegewezen(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
) -> dict[str, Any]:
    """A toewijzing on an indicatie ending on EINDE, in a segment with a 30-day lead time."""
    segment_id, agb = uuid.uuid4(), random_agb()
    await publish(strategie(segment_id, doorlooptijd=30))
    await publish(contract(segment_id, [(agb, "hoofdaannemer")]))
    await drained("contracten", [CONTRACTEN])
    toegang = Toegang(client, harness)
    klant = await toegang.register_client()
    beschikking = await toegang.beschikking(
        klant["id"], [indicatie(segment_id, einddatum=EINDE.isoformat())]
    )
    created = await toegang.toewijzing(beschikking["indicaties"][0]["id"], agb)
    assert created.status_code == 201
    result: dict[str, Any] = created.json()
    return result


async def run_twice_at_once(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], peildatum: date
) -> list[dict[str, Any]]:
    headers = harness.headers("operations")
    responses = await asyncio.gather(
        *(
            client.post(
                "/api/v1/indicaties/_verloopcontrole",
                json={"peildatum": peildatum.isoformat()},
                headers=headers,
            )
            for _ in range(2)
        )
    )
    assert all(r.status_code == 200 for r in responses)
    return [r.json() for r in responses]


async def test_nothing_is_announced_before_the_segments_lead_time(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], toegewezen: dict[str, Any]
) -> None:
    results = await run_twice_at_once(client, harness, EINDE - timedelta(days=31))
    assert [r["verloopt"] for r in results] == [0, 0]
    assert await queued(harness, "nl.wmo.indicaties.indicatie-verloopt.v1") == []


async def test_expiry_is_announced_once_under_double_runs_with_one_herindicatie_taak(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], toegewezen: dict[str, Any]
) -> None:
    peildatum = EINDE - timedelta(days=30)
    results = await run_twice_at_once(client, harness, peildatum)
    assert sorted(r["verloopt"] for r in results) == [0, 1]
    await run_twice_at_once(client, harness, peildatum + timedelta(days=1))
    [verloopt] = await queued(harness, "nl.wmo.indicaties.indicatie-verloopt.v1")
    assert verloopt["data"]["indicatieId"] == toegewezen["indicatieId"]
    assert verloopt["data"]["dagenResterend"] == 30
    assert verloopt["data"]["einddatum"] == EINDE.isoformat()
    taken = await client.get(
        "/api/v1/taken",
        params={"gemeentecode": "0855", "soort": "herindicatie"},
        headers=harness.headers("consultant"),
    )
    [taak] = taken.json()["results"]
    assert taak["soort"] == "herindicatie"
    assert taak["indicatieId"] == toegewezen["indicatieId"]
    assert taak["deadline"] == EINDE.isoformat()
    assert taak["gebied"] == "Tilburg"

    results = await run_twice_at_once(client, harness, EINDE)
    assert sorted(r["verlopen"] for r in results) == [0, 1]
    assert sorted(r["toewijzingenBeeindigd"] for r in results) == [0, 1]
    await run_twice_at_once(client, harness, EINDE + timedelta(days=3))
    [verlopen] = await queued(harness, "nl.wmo.indicaties.indicatie-verlopen.v1")
    assert verlopen["data"]["indicatieId"] == toegewezen["indicatieId"]
    toewijzing = await client.get(
        f"/api/v1/toewijzingen/{toegewezen['id']}", headers=harness.headers("consultant")
    )
    assert toewijzing.json()["status"] == "beeindigd"

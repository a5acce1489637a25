import uuid
from datetime import date
from typing import Any

import httpx

from wmo_common.events.contracting import (
    CONTRACTEN,
    Bekostiging,
    ContractGeactiveerd,
    Partij,
    Toegangsregels,
    VerwervingsstrategieGepubliceerd,
)
from wmo_common.events.registry import Event
from wmo_providers.settings import Settings
from wmo_testing.harness import Drained, Publish, ServiceHarness


async def register(client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str) -> None:
    created = await client.post(
        "/api/v1/aanbieders",
        json={"agb": agb, "naam": f"Aanbieder {agb}"},
        headers=harness.headers("contract-manager"),
    )
    assert created.status_code == 201


async def add_vog(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str, **body: Any
) -> None:
    defaults = {
        "soort": "vog",
        "naam": "VOG rechtspersonen",
        "afgiftedatum": "2025-01-01",
        "vervaldatum": "2026-02-01",
        "bewijsReferentie": "DMS-1",
    }
    added = await client.post(
        f"/api/v1/aanbieders/{agb}/kwaliteitsdocumenten",
        json=defaults | body,
        headers=harness.headers("contract-manager"),
    )
    assert added.status_code == 201, added.text


async def signaleringen(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> list[dict[str, Any]]:
    listed = await client.get(
        "/api/v1/signaleringen", params={"agb": agb}, headers=harness.headers("contract-manager")
    )
    assert listed.status_code == 200
    return [s for s in listed.json()["results"] if s["indicator"] == "kwaliteitsdocument-vog"]


async def verloopcontrole(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], peildatum: str
) -> None:
    checked = await client.post(
        "/api/v1/kwaliteitsdocumenten/_verloopcontrole",
        json={"peildatum": peildatum},
        headers=harness.headers("operations"),
    )
    assert checked.status_code == 200


async def test_an_expired_vog_raises_one_non_blocking_signalering_until_a_valid_one_arrives(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    await add_vog(client, harness, agb)
    await verloopcontrole(client, harness, "2026-03-01")
    await verloopcontrole(client, harness, "2026-03-02")
    [flag] = await signaleringen(client, harness, agb)
    assert flag["isOpen"] is True
    assert flag["isBlokkerend"] is False
    assert "vog" in flag["reden"]

    await add_vog(client, harness, agb, afgiftedatum="2026-03-01", vervaldatum="2029-03-01")
    [lifted] = await signaleringen(client, harness, agb)
    assert lifted["isOpen"] is False


async def test_a_valid_vog_raises_no_signalering(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    await add_vog(client, harness, agb, vervaldatum="2029-01-01")
    await verloopcontrole(client, harness, "2026-03-01")
    assert await signaleringen(client, harness, agb) == []


def beleid(segment_id: uuid.UUID, *, blokkeert: bool, versie: int = 1) -> Event:
    return VerwervingsstrategieGepubliceerd(
        verwervingsstrategie_id=uuid.uuid4(),
        segment_id=segment_id,
        segment_naam="Beschermd wonen",
        wet="wmo",
        versie=versie,
        toegang=Toegangsregels(),
        bekostiging=Bekostiging(model="inspanningsgericht"),
        leveranciersbeleid="breed",
        verlopen_kwaliteitsdocument_blokkeert=blokkeert,
    )


def contract(segment_id: uuid.UUID, agb: str) -> Event:
    return ContractGeactiveerd(
        contract_id=uuid.uuid4(),
        contractnummer=f"BW-{uuid.uuid4().hex[:8]}",
        segment_id=segment_id,
        partijen=[Partij(aanbieder_agb=agb, rol="hoofdaannemer")],
        gebieden=["Regio"],
        tarieven=[],
        bekostiging=Bekostiging(model="inspanningsgericht"),
        ingangsdatum=date(2026, 1, 1),
        einddatum=date(2028, 12, 31),
    )


async def test_an_expired_vog_blocks_in_the_segments_whose_strategy_says_so_until_renewed(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    agb: str,
    publish: Publish,
    drained: Drained,
) -> None:
    blokkerend, waarschuwend = uuid.uuid4(), uuid.uuid4()
    await register(client, harness, agb)
    await add_vog(client, harness, agb)
    for event in (
        beleid(blokkerend, blokkeert=True),
        beleid(waarschuwend, blokkeert=False),
        contract(blokkerend, agb),
        contract(waarschuwend, agb),
    ):
        await publish(event)
    await drained("contracten", [CONTRACTEN])

    await verloopcontrole(client, harness, "2026-03-01")
    await verloopcontrole(client, harness, "2026-03-02")
    flags = await signaleringen(client, harness, agb)
    assert {(f["segmentId"], f["isBlokkerend"]) for f in flags} == {
        (None, False),
        (str(blokkerend), True),
    }
    assert len(flags) == 2
    assert all(f["isOpen"] for f in flags)

    await add_vog(client, harness, agb, afgiftedatum="2026-03-01", vervaldatum="2029-03-01")
    assert [f["isOpen"] for f in await signaleringen(client, harness, agb)] == [False, False]


async def test_a_newer_strategy_without_the_blocking_policy_stops_new_blocking_flags(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    agb: str,
    publish: Publish,
    drained: Drained,
) -> None:
    segment_id = uuid.uuid4()
    await register(client, harness, agb)
    await add_vog(client, harness, agb)
    for event in (
        beleid(segment_id, blokkeert=True),
        beleid(segment_id, blokkeert=False, versie=2),
        contract(segment_id, agb),
    ):
        await publish(event)
    await drained("contracten", [CONTRACTEN])
    await verloopcontrole(client, harness, "2026-03-01")
    [flag] = await signaleringen(client, harness, agb)
    assert flag["isBlokkerend"] is False

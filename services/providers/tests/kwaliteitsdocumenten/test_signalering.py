from typing import Any

import httpx

from wmo_providers.settings import Settings
from wmo_testing.harness import ServiceHarness


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

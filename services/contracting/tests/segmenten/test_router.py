from typing import Any

import httpx

from wmo_contracting.settings import Settings
from wmo_testing.harness import ServiceHarness


async def create(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], **overrides: Any
) -> httpx.Response:
    body: dict[str, Any] = {
        "naam": "Volwassenen stabiliteit",
        "wet": "wmo",
        "doelgroep": "Volwassenen die structureel ondersteuning nodig hebben.",
        "gebieden": ["West", "Tilburg"],
    }
    return await client.post(
        "/api/v1/segmenten", json=body | overrides, headers=harness.headers("contract-manager")
    )


async def test_a_contract_manager_creates_a_segment_and_reads_it_back(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    created = await create(client, harness)
    assert created.status_code == 201
    segment_id = created.json()["id"]
    assert created.headers["Location"] == f"/api/v1/segmenten/{segment_id}"
    read = await client.get(
        f"/api/v1/segmenten/{segment_id}", headers=harness.headers("consultant")
    )
    assert read.status_code == 200
    assert read.json() == {
        "id": segment_id,
        "naam": "Volwassenen stabiliteit",
        "wet": "wmo",
        "doelgroep": "Volwassenen die structureel ondersteuning nodig hebben.",
        "gebieden": ["West", "Tilburg"],
        "createdAt": created.json()["createdAt"],
    }


async def test_a_segment_name_is_used_once(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    assert (await create(client, harness)).status_code == 201
    again = await create(client, harness, wet="jeugdwet")
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["type"].endswith("/segment-bestaat-al")


async def test_every_invalid_field_is_reported_at_once(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    response = await client.post(
        "/api/v1/segmenten",
        json={"naam": "", "wet": "zvw"},
        headers=harness.headers("contract-manager"),
    )
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"naam", "wet", "doelgroep"}


async def test_the_list_is_ordered_by_name_and_paged_with_a_link_header(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    for naam in ("Ouderen", "Crisis", "Ambulant"):
        await create(client, harness, naam=naam)
    first = await client.get("/api/v1/segmenten?pageSize=2", headers=harness.headers("auditor"))
    assert first.status_code == 200
    assert first.json()["count"] == 3
    assert [s["naam"] for s in first.json()["results"]] == ["Ambulant", "Crisis"]
    assert 'rel="next"' in first.headers["Link"]
    second = await client.get(
        "/api/v1/segmenten?page=2&pageSize=2", headers=harness.headers("controller")
    )
    assert [s["naam"] for s in second.json()["results"]] == ["Ouderen"]


async def test_an_unknown_segment_is_a_404_and_a_malformed_id_a_400(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    unknown = await client.get(
        "/api/v1/segmenten/00000000-0000-4000-8000-000000000000",
        headers=harness.headers("operations"),
    )
    assert unknown.status_code == 404
    assert unknown.json()["type"].endswith("/segment-niet-gevonden")
    malformed = await client.get(
        "/api/v1/segmenten/volwassenen", headers=harness.headers("operations")
    )
    assert malformed.status_code == 400
    assert [p["name"] for p in malformed.json()["invalidParams"]] == ["segmentId"]


async def test_providers_do_not_read_segments_and_only_contract_managers_create_them(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    segment_id = (await create(client, harness)).json()["id"]
    provider = harness.headers("provider", agb="12345678")
    assert (await client.get("/api/v1/segmenten", headers=provider)).status_code == 403
    assert (
        await client.get(f"/api/v1/segmenten/{segment_id}", headers=provider)
    ).status_code == 403
    created = await client.post(
        "/api/v1/segmenten",
        json={"naam": "X", "wet": "wmo", "doelgroep": "Y"},
        headers=harness.headers("consultant"),
    )
    assert created.status_code == 403


async def test_without_a_token_segments_are_not_readable(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/segmenten")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"

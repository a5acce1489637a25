"""Every list of aanbiederbeheer filters on what a screen has (aanbieder, segment, status, a
period) and sorts with the NLGov `sort` parameter; an unknown sort field is a 400 that names the
allowed ones. An aanbieder still sees only its own."""

import uuid
from typing import Any

import httpx
import pytest

from wmo_providers.settings import Settings
from wmo_testing.harness import ServiceHarness


async def registered(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    created = await client.post(
        "/api/v1/aanbieders",
        json={"agb": agb, "naam": f"Aanbieder {agb}"},
        headers=harness.headers("contract-manager"),
    )
    assert created.status_code == 201, created.text


def gesprek(agb: str, datum: str) -> dict[str, Any]:
    return {
        "agb": agb,
        "datum": datum,
        "deelnemers": [{"naam": "A. de Vries", "organisatie": "Gemeente Tilburg"}],
        "onderwerpen": [{"omschrijving": "Wachttijden"}],
        "afspraken": [],
    }


async def test_signaleringen_filter_on_the_segment_and_sort_oldest_first_on_request(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    manager = harness.headers("contract-manager")
    await registered(client, harness, agb)
    segment_id = str(uuid.uuid4())
    ids = []
    for segment in (segment_id, None):
        created = await client.post(
            "/api/v1/signaleringen",
            json={"agb": agb, "segmentId": segment, "reden": "Klachten"},
            headers=manager,
        )
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])

    oudste = await client.get(
        "/api/v1/signaleringen", params={"agb": agb, "sort": "createdAt"}, headers=manager
    )
    assert [s["id"] for s in oudste.json()["results"]] == ids
    nieuwste = await client.get("/api/v1/signaleringen", params={"agb": agb}, headers=manager)
    assert [s["id"] for s in nieuwste.json()["results"]] == ids[::-1]
    in_segment = await client.get(
        "/api/v1/signaleringen", params={"agb": agb, "segmentId": segment_id}, headers=manager
    )
    assert [s["id"] for s in in_segment.json()["results"]] == ids[:1]
    als_aanbieder = await client.get(
        "/api/v1/signaleringen",
        params={"sort": "createdAt"},
        headers=harness.headers("provider", agb=agb),
    )
    assert [s["id"] for s in als_aanbieder.json()["results"]] == ids


async def test_leveranciersgesprekken_filter_on_a_period_and_sort_on_the_datum(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    manager = harness.headers("contract-manager")
    await registered(client, harness, agb)
    ids = {}
    for datum in ("2026-03-02", "2026-05-04"):
        created = await client.post(
            "/api/v1/leveranciersgesprekken", json=gesprek(agb, datum), headers=manager
        )
        assert created.status_code == 201, created.text
        ids[datum] = created.json()["id"]

    oudste = await client.get(
        "/api/v1/leveranciersgesprekken", params={"agb": agb, "sort": "datum"}, headers=manager
    )
    assert [g["id"] for g in oudste.json()["results"]] == [ids["2026-03-02"], ids["2026-05-04"]]
    in_mei = await client.get(
        "/api/v1/leveranciersgesprekken",
        params={"agb": agb, "vanaf": "2026-05-01", "totEnMet": "2026-05-31"},
        headers=manager,
    )
    assert [g["id"] for g in in_mei.json()["results"]] == [ids["2026-05-04"]]


@pytest.mark.parametrize(
    ("lijst", "toegestaan"),
    [
        ("aanbieders", "naam"),
        ("signaleringen", "createdAt"),
        ("leveranciersgesprekken", "datum"),
        ("leveranciersgesprekken/verlopen-afspraken", "deadline"),
    ],
)
async def test_an_unknown_sort_field_is_a_400_that_names_the_allowed_ones(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], lijst: str, toegestaan: str
) -> None:
    response = await client.get(
        f"/api/v1/{lijst}", params={"sort": "-bsn"}, headers=harness.headers("contract-manager")
    )
    assert response.status_code == 400, response.text
    [finding] = response.json()["invalidParams"]
    assert (finding["name"], finding["code"]) == ("sort", "onbekend-sorteerveld")
    assert toegestaan in finding["reason"]


async def test_kwaliteitsdocumenten_refuse_an_unknown_sort_field(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await registered(client, harness, agb)
    response = await client.get(
        f"/api/v1/aanbieders/{agb}/kwaliteitsdocumenten",
        params={"sort": "bsn"},
        headers=harness.headers("contract-manager"),
    )
    assert response.status_code == 400
    assert "afgiftedatum" in response.json()["invalidParams"][0]["reason"]
    leeg = await client.get(
        f"/api/v1/aanbieders/{agb}/kwaliteitsdocumenten",
        params={"soort": "vog", "sort": "-vervaldatum"},
        headers=harness.headers("contract-manager"),
    )
    assert leeg.json()["count"] == 0

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


def gesprek(agb: str, **body: Any) -> dict[str, Any]:
    defaults: dict[str, Any] = {
        "agb": agb,
        "datum": "2026-03-02",
        "deelnemers": [
            {"naam": "A. de Vries", "organisatie": "Gemeente Tilburg", "functie": "inkoper"},
            {"naam": "B. Jansen", "organisatie": f"Aanbieder {agb}"},
        ],
        "onderwerpen": [
            {"omschrijving": "Wachttijden", "indicator": "gemiddeldeWachttijdDagen"},
            {"omschrijving": "Bereikbaarheid"},
        ],
        "verslag": "Wachttijd loopt op door personeelstekort.",
        "afspraken": [
            {"omschrijving": "Plan wachttijd", "eigenaar": "B. Jansen", "deadline": "2026-03-16"},
            {"omschrijving": "Cijfers Q1", "eigenaar": "A. de Vries", "deadline": "2026-04-15"},
        ],
    }
    return defaults | body


async def test_a_contract_manager_records_a_review_with_topics_and_afspraken_and_reads_it_back(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    created = await client.post(
        "/api/v1/leveranciersgesprekken",
        json=gesprek(agb),
        headers=harness.headers("contract-manager"),
    )
    assert created.status_code == 201
    body = created.json()
    assert created.headers["Location"] == f"/api/v1/leveranciersgesprekken/{body['id']}"
    read = await client.get(created.headers["Location"], headers=harness.headers("auditor"))
    assert read.status_code == 200
    assert read.json() == body
    assert body["agb"] == agb
    assert body["onderwerpen"][0] == {
        "omschrijving": "Wachttijden",
        "indicator": "gemiddeldeWachttijdDagen",
    }
    assert body["deelnemers"][1]["functie"] is None
    assert [(a["eigenaar"], a["deadline"], a["status"]) for a in body["afspraken"]] == [
        ("B. Jansen", "2026-03-16", "open"),
        ("A. de Vries", "2026-04-15", "open"),
    ]


async def test_an_afspraak_without_owner_or_due_before_the_review_is_a_400_with_every_finding(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    manager = harness.headers("contract-manager")
    without_owner = await client.post(
        "/api/v1/leveranciersgesprekken",
        json=gesprek(
            agb,
            afspraken=[
                {"omschrijving": "Plan", "deadline": "2026-03-16"},
                {"omschrijving": "Plan", "eigenaar": "  ", "deadline": "2026-03-16"},
            ],
            deelnemers=[],
        ),
        headers=manager,
    )
    assert without_owner.status_code == 400
    assert without_owner.headers["content-type"] == "application/problem+json"
    assert sorted(p["name"] for p in without_owner.json()["invalidParams"]) == [
        "afspraken.0.eigenaar",
        "afspraken.1.eigenaar",
        "deelnemers",
    ]
    too_early = await client.post(
        "/api/v1/leveranciersgesprekken",
        json=gesprek(
            agb,
            afspraken=[
                {"omschrijving": "A", "eigenaar": "X", "deadline": "2026-03-01"},
                {"omschrijving": "B", "eigenaar": "X", "deadline": "2026-03-02"},
                {"omschrijving": "C", "eigenaar": "X", "deadline": "2026-02-01"},
            ],
        ),
        headers=manager,
    )
    assert too_early.status_code == 400
    assert [p["name"] for p in too_early.json()["invalidParams"]] == [
        "afspraken.0.deadline",
        "afspraken.2.deadline",
    ]
    listed = await client.get(f"/api/v1/leveranciersgesprekken?agb={agb}", headers=manager)
    assert listed.json()["results"] == []  # nothing of a rejected review was kept
    unknown = await client.post(
        "/api/v1/leveranciersgesprekken", json=gesprek("11111111"), headers=manager
    )
    assert unknown.status_code == 404
    assert unknown.json()["type"].endswith("/aanbieder-niet-gevonden")


async def test_following_up_an_afspraak_closes_it_and_takes_it_off_the_overdue_list(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    manager = harness.headers("contract-manager")
    created = (
        await client.post("/api/v1/leveranciersgesprekken", json=gesprek(agb), headers=manager)
    ).json()
    added = await client.post(
        f"/api/v1/leveranciersgesprekken/{created['id']}/afspraken",
        json={"omschrijving": "Evaluatie", "eigenaar": "A. de Vries", "deadline": "2026-03-31"},
        headers=manager,
    )
    assert added.status_code == 201

    async def overdue(peildatum: str) -> list[str]:
        response = await client.get(
            f"/api/v1/leveranciersgesprekken/verlopen-afspraken?agb={agb}&peildatum={peildatum}",
            headers=harness.headers("controller"),
        )
        assert response.status_code == 200
        assert all(a["isVerlopen"] for a in response.json()["results"])
        return [a["omschrijving"] for a in response.json()["results"]]

    assert await overdue("2026-03-16") == []  # due that day: not yet overdue
    assert await overdue("2026-04-01") == ["Plan wachttijd", "Evaluatie"]  # longest overdue first
    plan = created["afspraken"][0]
    url = f"/api/v1/leveranciersgesprekken/{created['id']}/afspraken/{plan['id']}"
    emptied = await client.patch(url, json={"eigenaar": None, "deadline": None}, headers=manager)
    assert emptied.status_code == 400
    assert sorted(p["name"] for p in emptied.json()["invalidParams"]) == ["deadline", "eigenaar"]
    done = await client.patch(url, json={"status": "afgerond"}, headers=manager)
    assert done.status_code == 200
    assert done.json()["status"] == "afgerond"
    assert done.json()["afgerondOp"] is not None
    assert done.json()["eigenaar"] == "B. Jansen"
    assert await overdue("2026-04-01") == ["Evaluatie"]
    moved = await client.patch(
        f"/api/v1/leveranciersgesprekken/{created['id']}/afspraken/{added.json()['id']}",
        json={"deadline": "2026-05-01", "eigenaar": "C. Bakker"},
        headers=manager,
    )
    assert (moved.json()["deadline"], moved.json()["eigenaar"]) == ("2026-05-01", "C. Bakker")
    assert await overdue("2026-04-01") == []
    reopened = await client.patch(url, json={"status": "open"}, headers=manager)
    assert reopened.json()["afgerondOp"] is None
    assert await overdue("2026-04-01") == ["Plan wachttijd"]


async def test_a_provider_sees_only_its_own_reviews_and_afspraken_and_cannot_write(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    other = f"{int(agb) + 1:08d}"
    manager = harness.headers("contract-manager")
    ids = {}
    for code in (agb, other):
        await register(client, harness, code)
        created = await client.post(
            "/api/v1/leveranciersgesprekken", json=gesprek(code), headers=manager
        )
        ids[code] = created.json()["id"]
    own = harness.headers("provider", agb=agb)
    listed = await client.get(f"/api/v1/leveranciersgesprekken?agb={other}", headers=own)
    assert [g["agb"] for g in listed.json()["results"]] == [agb]
    overdue = await client.get(
        "/api/v1/leveranciersgesprekken/verlopen-afspraken?peildatum=2026-05-01", headers=own
    )
    assert {a["agb"] for a in overdue.json()["results"]} == {agb}
    assert overdue.json()["results"]  # its own are there
    foreign = await client.get(f"/api/v1/leveranciersgesprekken/{ids[other]}", headers=own)
    assert foreign.status_code == 403
    write = await client.post("/api/v1/leveranciersgesprekken", json=gesprek(agb), headers=own)
    assert write.status_code == 403
    missing = await client.get(
        "/api/v1/leveranciersgesprekken/00000000-0000-0000-0000-000000000000", headers=manager
    )
    assert missing.status_code == 404
    assert missing.json()["type"].endswith("/leveranciersgesprek-niet-gevonden")

from typing import Any

import httpx
from sqlalchemy import select

from wmo_access.settings import Settings
from wmo_common.audit import AuditRecord
from wmo_testing.access import Toegang, random_agb
from wmo_testing.harness import ServiceHarness


def dossier(client_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "clientId": client_id,
        "situatie": "client-onderaannemer",
        "moment": "herindicatie-voor-overgang",
        "overgangsdatum": "2023-01-01",
        "ingangsdatum": "2022-11-01",
        "huidigeAanbiederAgb": random_agb(),
    }
    return body | overrides


def problem_type(response: httpx.Response) -> str:
    slug: str = response.json()["type"].rsplit("/", 1)[-1]
    return slug


async def test_a_herindicatie_before_the_date_gets_the_current_way_and_its_end_date_limits(
    toegang: Toegang, harness: ServiceHarness[Settings]
) -> None:
    klant = await toegang.register_client()
    created = await toegang.post("overgangsdossiers", dossier(klant["id"], einddatum="2023-07-01"))
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["Location"] == f"/api/v1/overgangsdossiers/{body['id']}"
    assert body["route"] == "huidige-werkwijze"
    assert body["voorkeurEinddatum"] == "2023-07-01"
    assert body["uiterlijkeEinddatum"] == "2023-10-31"
    assert body["status"] == "afgerond"
    assert body["gemeentecode"] == "0855"
    assert body["gebied"] == "Tilburg"
    async with harness.sessionmaker() as session:
        resources = (await session.execute(select(AuditRecord.resource))).scalars().all()
    assert f"overgangsdossiers/{body['id']}" in resources


async def test_an_end_date_past_the_transition_limit_is_refused(toegang: Toegang) -> None:
    klant = await toegang.register_client()
    too_late = await toegang.post("overgangsdossiers", dossier(klant["id"], einddatum="2023-11-01"))
    assert too_late.status_code == 409
    assert problem_type(too_late) == "einddatum-buiten-overgangsregeling"
    assert "2023-10-31" in too_late.json()["detail"]
    coalitie = await toegang.post(
        "overgangsdossiers",
        dossier(klant["id"], situatie="client-coalitie", einddatum="2023-11-01"),
    )
    assert coalitie.status_code == 201, coalitie.text


async def test_a_moment_that_contradicts_the_dates_is_invalid_input(toegang: Toegang) -> None:
    klant = await toegang.register_client()
    response = await toegang.post(
        "overgangsdossiers", dossier(klant["id"], moment="herindicatie-na-overgang")
    )
    assert response.status_code == 400
    missing = dossier(klant["id"])
    del missing["huidigeAanbiederAgb"]
    assert (await toegang.post("overgangsdossiers", missing)).status_code == 400


async def test_an_unknown_subcontracting_status_stays_open_until_the_outcome_is_chosen(
    toegang: Toegang,
) -> None:
    klant = await toegang.register_client()
    created = await toegang.ok(
        "overgangsdossiers",
        dossier(
            klant["id"],
            situatie="client-aanbieder-onbekend",
            moment="herindicatie-na-overgang",
            ingangsdatum="2023-02-01",
        ),
    )
    assert created["route"] == "keuze-onderaanneming"
    assert created["status"] == "open"
    assert created["uiterlijkeEinddatum"] is None
    assert set(created["mogelijkeUitkomsten"]) == {
        "wordt-onderaannemer",
        "maatwerkafspraak",
        "coalitie-neemt-over",
        "pgb-via-toegang",
    }
    listed = await toegang.client.get(
        "/api/v1/overgangsdossiers", params={"status": "open"}, headers=toegang.consultant
    )
    assert [d["id"] for d in listed.json()["results"]] == [created["id"]]

    path = f"overgangsdossiers/{created['id']}/uitkomsten"
    chosen = await toegang.ok(path, {"uitkomst": "pgb-via-toegang"})
    assert chosen["uitkomst"] == "pgb-via-toegang"
    assert chosen["status"] == "afgerond"
    assert (await toegang.ok(path, {"uitkomst": "pgb-via-toegang"})) == chosen
    other = await toegang.post(path, {"uitkomst": "maatwerkafspraak"})
    assert other.status_code == 409
    assert problem_type(other) == "uitkomst-al-gekozen"


async def test_a_route_without_a_choice_takes_no_outcome(toegang: Toegang) -> None:
    klant = await toegang.register_client()
    created = await toegang.ok(
        "overgangsdossiers",
        {
            "clientId": klant["id"],
            "situatie": "client-coalitie",
            "moment": "nieuwe-client-na-overgang",
            "overgangsdatum": "2023-01-01",
        },
    )
    assert created["route"] == "toegang-naar-coalitie"
    response = await toegang.post(
        f"overgangsdossiers/{created['id']}/uitkomsten", {"uitkomst": "maatwerkafspraak"}
    )
    assert response.status_code == 409
    assert problem_type(response) == "geen-keuze-in-route"


async def test_only_a_consultant_records_and_a_provider_reads_no_dossier(
    toegang: Toegang, harness: ServiceHarness[Settings]
) -> None:
    klant = await toegang.register_client()
    for role in ("auditor", "provider"):
        response = await toegang.client.post(
            "/api/v1/overgangsdossiers",
            json=dossier(klant["id"]),
            headers=harness.headers(role, agb="12345678"),
        )
        assert response.status_code == 403
    created = await toegang.ok("overgangsdossiers", dossier(klant["id"]))
    provider = await toegang.client.get(
        f"/api/v1/overgangsdossiers/{created['id']}",
        headers=harness.headers("provider", agb="12345678"),
    )
    assert provider.status_code == 403
    auditor = await toegang.client.get(
        f"/api/v1/overgangsdossiers/{created['id']}", headers=harness.headers("auditor")
    )
    assert auditor.json()["pgb"] is False

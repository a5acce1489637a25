"""The Logboek Dataverwerkingen read side: an auditor finds who processed a client's data."""

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from wmo_access.main import create_app
from wmo_access.settings import Settings
from wmo_common.privacy import pseudonymise
from wmo_testing.access import TODAY, Markt, Toegang, indicatie
from wmo_testing.harness import ServiceHarness
from wmo_testing.serving import free_port


@pytest.fixture(scope="module")
async def alleen(harness: ServiceHarness[Settings]) -> AsyncIterator[ServiceHarness[Settings]]:
    """Access on the same database, with a suite whose finance service does not answer."""
    suite = {"access": "http://testserver", "finance": f"http://127.0.0.1:{free_port()}"}
    async with ServiceHarness.start(
        "access", Settings, create_app, consumers_enabled=False, suite_urls=suite
    ) as started:
        yield started


async def test_an_auditor_lists_the_records_of_one_client_by_pseudonym_actor_and_period(
    toegang: Toegang, harness: ServiceHarness[Settings]
) -> None:
    client = await toegang.register_client()
    await toegang.register_client()
    await toegang.client.get(
        f"/api/v1/clienten/{client['id']}", headers=harness.headers("consultant", subject="lezer")
    )
    pseudonym = pseudonymise(client["bsn"], harness.settings.pseudonym_key)
    auditor = harness.headers("auditor", subject="auditor-1")

    found = await toegang.client.get(
        "/api/v1/verwerkingen", params={"clientPseudonym": pseudonym}, headers=auditor
    )
    assert found.status_code == 200, found.text
    assert [(v["actor"], v["handeling"]) for v in found.json()["results"]] == [
        ("test-user", "aanmaken"),
        ("lezer", "lezen"),
    ]
    [read] = [v for v in found.json()["results"] if v["actor"] == "lezer"]
    assert read["service"] == "access"
    assert read["roles"] == ["consultant"]
    assert read["resource"] == f"clienten/{client['id']}"
    assert client["bsn"] not in found.text

    by_actor = await toegang.client.get(
        "/api/v1/verwerkingen", params={"actor": "lezer"}, headers=auditor
    )
    assert [v["clientPseudonym"] for v in by_actor.json()["results"]] == [pseudonym]
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    before = await toegang.client.get(
        "/api/v1/verwerkingen",
        params={"clientPseudonym": pseudonym, "van": yesterday, "tot": yesterday},
        headers=auditor,
    )
    assert before.json()["count"] == 0
    today = await toegang.client.get(
        "/api/v1/verwerkingen",
        params={"clientPseudonym": pseudonym, "van": yesterday, "tot": TODAY.isoformat()},
        headers=auditor,
    )
    # Two reads of the log since the first one were themselves recorded under this client.
    assert [v["actor"] for v in today.json()["results"]] == [
        "test-user",
        "lezer",
        "auditor-1",
        "auditor-1",
    ]

    # The auditor's reads are processing too, recorded under the same client.
    own = await toegang.client.get(
        "/api/v1/verwerkingen", params={"actor": "auditor-1"}, headers=auditor
    )
    assert [v["verwerkingsactiviteit"] for v in own.json()["results"]] == [
        "verantwoording-verwerkingen"
    ] * 4
    assert [v["clientPseudonym"] for v in own.json()["results"]] == [
        pseudonym,
        None,
        pseudonym,
        pseudonym,
    ]


async def test_only_an_auditor_reads_the_log_and_bad_filters_are_400(
    toegang: Toegang, harness: ServiceHarness[Settings]
) -> None:
    for role in ("consultant", "operations", "controller"):
        refused = await toegang.client.get("/api/v1/verwerkingen", headers=harness.headers(role))
        assert refused.status_code == 403
    refused = await toegang.client.post(
        "/api/v1/verwerkingen/_zoek", json={"bsn": "999993653"}, headers=toegang.consultant
    )
    assert refused.status_code == 403
    auditor = harness.headers("auditor")
    for params in (
        {"clientPseudonym": "999993653"},
        {"van": "0"},
        {"van": "2026-03-02", "tot": "2026-03-01"},
    ):
        bad = await toegang.client.get("/api/v1/verwerkingen", params=params, headers=auditor)
        assert bad.status_code == 400, params
    bad_bsn = await toegang.client.post(
        "/api/v1/verwerkingen/_zoek", json={"bsn": "123456789"}, headers=auditor
    )
    assert bad_bsn.status_code == 400
    assert "123456789" not in bad_bsn.text


async def test_a_search_by_bsn_answers_with_what_it_read_and_names_the_services_it_could_not(
    alleen: ServiceHarness[Settings], harness: ServiceHarness[Settings]
) -> None:
    async with alleen.client() as http:
        toegang = Toegang(http, alleen)
        client = await toegang.register_client()
        auditor = alleen.headers("auditor", subject="auditor-2")
        found = await http.post(
            "/api/v1/verwerkingen/_zoek", json={"bsn": client["bsn"]}, headers=auditor
        )
        assert found.status_code == 200, found.text
        body = found.json()
        assert [(v["service"], v["handeling"]) for v in body["results"]] == [("access", "aanmaken")]
        assert body["count"] == 1
        assert body["onvolledig"] == ["finance"]
        again = await http.get(
            "/api/v1/verwerkingen", params={"actor": "auditor-2"}, headers=auditor
        )
        [search] = again.json()["results"]
        assert search["handeling"] == "zoeken"
        assert search["resource"] == "verwerkingen/_zoek"
        assert search["clientPseudonym"] == pseudonymise(
            client["bsn"], alleen.settings.pseudonym_key
        )
    await harness.reset()


async def test_a_list_and_a_read_record_each_item_under_that_items_client(
    toegang: Toegang, markt: Markt, harness: ServiceHarness[Settings]
) -> None:
    """One read record per melding, aanvraag and toewijzing on a page, and one per toewijzing
    read by its id, each with the pseudonym of its own client."""
    clienten = [await toegang.register_client() for _ in range(2)]
    lezer = harness.headers("consultant", subject="lijstlezer")
    shown: list[tuple[str, str]] = []
    for client in clienten:
        pseudonym = pseudonymise(client["bsn"], harness.settings.pseudonym_key)
        beschikking = await toegang.beschikking(client["id"], [indicatie(markt.segment_id)])
        toewijzing = await toegang.toewijzing(beschikking["indicaties"][0]["id"], markt.agb)
        assert toewijzing.status_code == 201, toewijzing.text
        read = await toegang.client.get(
            f"/api/v1/toewijzingen/{toewijzing.json()['id']}", headers=lezer
        )
        assert read.json() == toewijzing.json() | {"waarschuwingen": read.json()["waarschuwingen"]}
        shown.append((f"toewijzingen/{toewijzing.json()['id']}", pseudonym))
    for lijst in ("meldingen", "aanvragen", "toewijzingen"):
        for client in clienten:
            page = await toegang.client.get(
                f"/api/v1/{lijst}", params={"clientId": client["id"]}, headers=lezer
            )
            assert page.status_code == 200, page.text
            pseudonym = pseudonymise(client["bsn"], harness.settings.pseudonym_key)
            shown += [(f"{lijst}/{item['id']}", pseudonym) for item in page.json()["results"]]

    records = await toegang.client.get(
        "/api/v1/verwerkingen",
        params={"actor": "lijstlezer", "pageSize": 100},
        headers=harness.headers("auditor", subject="auditor-1"),
    )
    assert records.status_code == 200, records.text
    recorded = [(v["resource"], v["clientPseudonym"]) for v in records.json()["results"]]
    assert len([r for r, _ in shown if r.startswith("toewijzingen/")]) == 4
    assert sorted(recorded) == sorted(shown)

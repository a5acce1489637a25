import json

import httpx
from aiokafka import AIOKafkaConsumer

from wmo_common.events.providers import AANBIEDERS
from wmo_providers.settings import Settings
from wmo_testing.harness import ServiceHarness, eventually, kafka_bootstrap

CONTRACT_MANAGER = ("contract-manager",)


async def register(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    agb: str,
    naam: str = "Zorg Samen B.V.",
) -> httpx.Response:
    return await client.post(
        "/api/v1/aanbieders",
        json={"agb": agb, "naam": naam, "gebieden": ["Tilburg"]},
        headers=harness.headers(*CONTRACT_MANAGER),
    )


async def test_a_contract_manager_registers_an_aanbieder_and_reads_it_back(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    created = await register(client, harness, "12345678")
    assert created.status_code == 201
    assert created.headers["Location"] == "/api/v1/aanbieders/12345678"
    read = await client.get("/api/v1/aanbieders/12345678", headers=harness.headers("consultant"))
    assert read.status_code == 200
    assert read.json()["naam"] == "Zorg Samen B.V."
    assert read.json()["kvkNummer"] is None


async def test_registering_an_aanbieder_publishes_aanbieder_geregistreerd_on_kafka(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    consumer = AIOKafkaConsumer(
        AANBIEDERS, bootstrap_servers=kafka_bootstrap(), auto_offset_reset="latest", group_id=None
    )
    await consumer.start()
    try:
        await consumer.seek_to_end()
        created = await register(client, harness, "87654321")
        aanbieder_id = created.json()["id"]

        async def published() -> dict[str, object] | None:
            batch = await consumer.getmany(timeout_ms=200)
            for record in (r for records in batch.values() for r in records):
                envelope = json.loads(record.value)
                if envelope["subject"] == aanbieder_id:
                    return dict(envelope)
            return None

        envelope = await eventually(published)
    finally:
        await consumer.stop()
    assert envelope["type"] == "nl.wmo.aanbieders.aanbieder-geregistreerd.v1"
    assert envelope["source"] == harness.settings.source
    assert envelope["data"] == {
        "aanbiederId": aanbieder_id,
        "agb": "87654321",
        "kvkNummer": None,
        "naam": "Zorg Samen B.V.",
        "gebieden": ["Tilburg"],
        "capaciteit": [],
    }


async def test_registering_the_same_agb_twice_is_a_409_problem(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    assert (await register(client, harness, "12345678")).status_code == 201
    again = await register(client, harness, "12345678")
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["type"].endswith("/aanbieder-bestaat-al")


async def test_a_provider_reads_its_own_aanbieder_but_not_another(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    await register(client, harness, "12345678")
    await register(client, harness, "87654321", naam="Anders B.V.")
    own = harness.headers("provider", agb="12345678")
    assert (await client.get("/api/v1/aanbieders/12345678", headers=own)).status_code == 200
    other = await client.get("/api/v1/aanbieders/87654321", headers=own)
    assert other.status_code == 403
    listed = await client.get("/api/v1/aanbieders", headers=own)
    assert [a["agb"] for a in listed.json()["results"]] == ["12345678"]


async def test_the_list_is_paged_with_a_link_header(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    for n in range(3):
        await register(client, harness, f"1000000{n}", naam=f"Aanbieder {n}")
    page = await client.get(
        "/api/v1/aanbieders?page=2&pageSize=2", headers=harness.headers("controller")
    )
    assert page.status_code == 200
    assert page.json()["count"] == 3
    assert [a["naam"] for a in page.json()["results"]] == ["Aanbieder 2"]
    assert 'rel="prev"' in page.headers["Link"]
    assert 'rel="next"' not in page.headers["Link"]


FULL = {
    "kvkNummer": "87654321",
    "naam": "Thuiszorg West B.V.",
    "gebieden": ["West", "Tilburg"],
    "adres": {
        "straat": "Stationsstraat",
        "huisnummer": "12a",
        "postcode": "5038EA",
        "plaats": "Tilburg",
    },
    "capaciteit": [
        {"product": {"categorie": "02", "code": "02A01"}, "plaatsen": 40},
        {"product": {"categorie": "04"}, "plaatsen": 12},
    ],
    "contactpersonen": [{"naam": "J. de Vries", "functie": "contractmanager", "email": "j@tw.nl"}],
}


async def test_an_aanbieder_is_registered_with_kvk_adres_capaciteit_and_contactpersonen(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    created = await client.post(
        "/api/v1/aanbieders", json={"agb": agb, **FULL}, headers=harness.headers(*CONTRACT_MANAGER)
    )
    assert created.status_code == 201
    read = (
        await client.get(f"/api/v1/aanbieders/{agb}", headers=harness.headers("auditor"))
    ).json()
    assert read["kvkNummer"] == "87654321"
    assert read["adres"] == FULL["adres"]
    assert read["capaciteit"] == [
        {"product": {"categorie": "02", "code": "02A01"}, "plaatsen": 40},
        {"product": {"categorie": "04", "code": None}, "plaatsen": 12},
    ]
    assert read["contactpersonen"][0]["naam"] == "J. de Vries"
    assert read["contracten"] == []


async def test_invalid_agb_negative_capaciteit_and_bad_kvk_are_all_reported_in_one_400(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    response = await client.post(
        "/api/v1/aanbieders",
        json={
            "agb": "1234",
            "kvkNummer": "12",
            "naam": "X",
            "capaciteit": [{"product": {"categorie": "02"}, "plaatsen": -1}],
        },
        headers=harness.headers(*CONTRACT_MANAGER),
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"agb", "kvkNummer", "capaciteit.0.plaatsen"}


async def test_changing_capaciteit_publishes_aanbieder_gewijzigd_with_the_new_state(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    consumer = AIOKafkaConsumer(
        AANBIEDERS, bootstrap_servers=kafka_bootstrap(), auto_offset_reset="latest", group_id=None
    )
    await consumer.start()
    try:
        await consumer.seek_to_end()
        changed = await client.patch(
            f"/api/v1/aanbieders/{agb}",
            json={"capaciteit": [{"product": {"categorie": "02"}, "plaatsen": 7}]},
            headers=harness.headers(*CONTRACT_MANAGER),
        )
        assert changed.status_code == 200
        assert changed.json()["naam"] == "Zorg Samen B.V."

        async def published() -> dict[str, object] | None:
            batch = await consumer.getmany(timeout_ms=200)
            for record in (r for records in batch.values() for r in records):
                envelope = json.loads(record.value)
                if envelope["data"].get("agb") == agb and envelope["type"].endswith(
                    "aanbieder-gewijzigd.v1"
                ):
                    return dict(envelope["data"])
            return None

        data = await eventually(published)
    finally:
        await consumer.stop()
    assert data["capaciteit"] == [{"product": {"categorie": "02", "code": None}, "plaatsen": 7}]
    assert data["gebieden"] == ["Tilburg"]


async def test_only_a_contract_manager_changes_an_aanbieder_and_an_unknown_one_is_404(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    own = harness.headers("provider", agb=agb)
    forbidden = await client.patch(f"/api/v1/aanbieders/{agb}", json={"naam": "Y"}, headers=own)
    assert forbidden.status_code == 403
    missing = await client.patch(
        "/api/v1/aanbieders/99999999",
        json={"naam": "Y"},
        headers=harness.headers(*CONTRACT_MANAGER),
    )
    assert missing.status_code == 404
    negative = await client.patch(
        f"/api/v1/aanbieders/{agb}",
        json={"capaciteit": [{"product": {"categorie": "02"}, "plaatsen": -3}]},
        headers=harness.headers(*CONTRACT_MANAGER),
    )
    assert negative.status_code == 400

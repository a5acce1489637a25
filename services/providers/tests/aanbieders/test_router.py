import json

import httpx
from aiokafka import AIOKafkaConsumer

from wmo_common.events.providers import AANBIEDERS
from wmo_common.testing import ServiceHarness, eventually, kafka_bootstrap
from wmo_providers.settings import Settings

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

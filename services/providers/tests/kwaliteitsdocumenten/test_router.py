import json
from datetime import date, timedelta
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer

from wmo_common.events.providers import AANBIEDERS
from wmo_providers.scheduler import run as run_scheduler
from wmo_providers.settings import Settings
from wmo_testing.harness import ServiceHarness, eventually, kafka_bootstrap

PEILDATUM = date(2026, 3, 1)


async def register(client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str) -> None:
    created = await client.post(
        "/api/v1/aanbieders",
        json={"agb": agb, "naam": f"Aanbieder {agb}"},
        headers=harness.headers("contract-manager"),
    )
    assert created.status_code == 201


async def add_document(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str, **body: Any
) -> httpx.Response:
    defaults: dict[str, Any] = {
        "soort": "vog",
        "naam": "VOG rechtspersonen",
        "afgiftedatum": "2025-01-01",
        "vervaldatum": "2027-01-01",
        "bewijsReferentie": "DMS-1",
    }
    return await client.post(
        f"/api/v1/aanbieders/{agb}/kwaliteitsdocumenten",
        json=defaults | body,
        headers=harness.headers("contract-manager"),
    )


async def test_a_kwaliteitsstatuut_keeps_big_registration_staff_mix_and_experience(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    statuut = {
        "isBigGeregistreerd": True,
        "personeelsmix": {"hbo": 40, "mbo": 60},
        "gemiddeldeJarenErvaring": 7,
    }
    created = await add_document(
        client,
        harness,
        agb,
        soort="kwaliteitsstatuut",
        naam="Statuut 2026",
        kwaliteitsstatuut=statuut,
    )
    assert created.status_code == 201
    listed = await client.get(
        f"/api/v1/aanbieders/{agb}/kwaliteitsdocumenten", headers=harness.headers("auditor")
    )
    [document] = listed.json()["results"]
    assert document["kwaliteitsstatuut"] == statuut
    assert document["bewijsReferentie"] == "DMS-1"
    assert document["vervaldatum"] == "2027-01-01"


async def test_a_document_that_expires_before_it_is_issued_is_a_400_naming_vervaldatum(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    response = await add_document(
        client, harness, agb, afgiftedatum="2026-05-01", vervaldatum="2026-04-30"
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["vervaldatum"]
    bad_mix = await add_document(
        client,
        harness,
        agb,
        soort="kwaliteitsstatuut",
        kwaliteitsstatuut={
            "isBigGeregistreerd": False,
            "personeelsmix": {"hbo": 50},
            "gemiddeldeJarenErvaring": 1,
        },
    )
    assert bad_mix.status_code == 400
    assert [p["name"] for p in bad_mix.json()["invalidParams"]] == [
        "kwaliteitsstatuut.personeelsmix"
    ]


async def test_missing_and_expired_documents_are_listed_per_aanbieder_and_scoped_to_a_provider(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    other = f"{int(agb) + 1:08d}"
    await register(client, harness, agb)
    await register(client, harness, other)
    await add_document(client, harness, agb, vervaldatum="2026-02-01")  # expired on the peildatum
    await add_document(
        client, harness, agb, soort="aansprakelijkheidsverzekering", naam="AVB", vervaldatum=None
    )
    await add_document(
        client,
        harness,
        agb,
        soort="certificering",
        naam="HKZ",
        afgiftedatum="2026-06-01",
        vervaldatum="2029-06-01",
    )  # not yet issued
    url = f"/api/v1/kwaliteitsdocumenten/tekortkomingen?peildatum={PEILDATUM}"
    listed = await client.get(url, headers=harness.headers("controller"))
    assert listed.status_code == 200
    by_agb = {t["agb"]: t for t in listed.json()}
    assert by_agb[agb]["ontbrekend"] == ["kwaliteitsstatuut", "certificering"]
    assert by_agb[agb]["verlopen"] == ["vog"]
    assert by_agb[other]["ontbrekend"] == [
        "vog",
        "kwaliteitsstatuut",
        "aansprakelijkheidsverzekering",
        "certificering",
    ]
    own = await client.get(url, headers=harness.headers("provider", agb=agb))
    assert [t["agb"] for t in own.json()] == [agb]
    foreign = await client.get(
        f"/api/v1/aanbieders/{other}/kwaliteitsdocumenten",
        headers=harness.headers("provider", agb=agb),
    )
    assert foreign.status_code == 403


async def test_the_expiry_check_announces_each_document_once_per_threshold(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    expires = PEILDATUM + timedelta(days=80)
    vog = (await add_document(client, harness, agb, vervaldatum=str(expires))).json()
    # A renewed certificate replaces the older one, which is therefore not announced.
    await add_document(
        client, harness, agb, soort="certificering", naam="HKZ", vervaldatum=str(expires)
    )
    await add_document(
        client,
        harness,
        agb,
        soort="certificering",
        naam="HKZ",
        afgiftedatum="2026-02-01",
        vervaldatum="2029-02-01",
    )

    async def check(peildatum: date) -> list[dict[str, Any]]:
        response = await client.post(
            "/api/v1/kwaliteitsdocumenten/_verloopcontrole",
            json={"peildatum": str(peildatum)},
            headers=harness.headers("operations"),
        )
        assert response.status_code == 200
        return [g for g in response.json()["gemeld"] if g["agb"] == agb]

    first = await check(PEILDATUM)
    assert first == [
        {
            "kwaliteitsdocumentId": vog["id"],
            "agb": agb,
            "soort": "vog",
            "vervaldatum": str(expires),
            "dagenResterend": 80,
        }
    ]
    assert await check(PEILDATUM) == []
    assert await check(PEILDATUM + timedelta(days=10)) == []
    closer = await check(expires - timedelta(days=30))
    assert [g["dagenResterend"] for g in closer] == [30]
    assert await check(expires - timedelta(days=5)) == []


async def test_the_scheduler_command_publishes_kwaliteitsdocument_verloopt_on_kafka(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    vog = (await add_document(client, harness, agb, vervaldatum="2026-03-20")).json()
    consumer = AIOKafkaConsumer(
        AANBIEDERS, bootstrap_servers=kafka_bootstrap(), auto_offset_reset="latest", group_id=None
    )
    await consumer.start()
    try:
        await consumer.seek_to_end()
        assert await run_scheduler(harness.settings, PEILDATUM) >= 1

        async def published() -> dict[str, Any] | None:
            batch = await consumer.getmany(timeout_ms=200)
            for record in (r for records in batch.values() for r in records):
                envelope = json.loads(record.value)
                if envelope["data"].get("kwaliteitsdocumentId") == vog["id"]:
                    return dict(envelope)
            return None

        envelope = await eventually(published)
    finally:
        await consumer.stop()
    assert envelope["type"] == "nl.wmo.aanbieders.kwaliteitsdocument-verloopt.v1"
    assert envelope["data"]["dagenResterend"] == 19
    assert envelope["data"]["agb"] == agb

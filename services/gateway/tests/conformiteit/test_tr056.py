"""TR056 (9056): a reused BerichtIdentificatie is answered with the header alone and 9056; a
transport retry with the same Idempotency-Key gets the first answer again."""

import uuid
from pathlib import Path

import httpx
from aiokafka import AIOKafkaProducer

from iwmo import read_message
from iwmo.models import Wmo325
from wmo_gateway.settings import Settings
from wmo_testing.gateway import (
    XML,
    assert_xsd_valid,
    fresh_nummer,
    issue_toewijzing,
    outbox,
    published_events,
    retourcodes,
    wmo305,
    wmo323,
)
from wmo_testing.harness import ServiceHarness
from wmo_testing.nummers import fresh_agb


async def test_the_same_bytes_posted_again_get_a_retour_with_only_the_header_and_9056(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    agb, nummer = fresh_agb(), fresh_nummer()
    await issue_toewijzing(client, harness, producer, agb, nummer)
    headers = XML | harness.headers("provider", agb=agb)
    xml = wmo305(agb, nummer, identificatie="HERHAALD")
    first = await client.post("/api/v1/berichten", content=xml, headers=headers)
    again = await client.post("/api/v1/berichten", content=xml, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["status"] == "geaccepteerd"
    body = again.json()
    assert body["status"] == "dubbel"
    assert body["id"] != first.json()["id"]
    assert [(f["code"], f["rule"]) for f in body["findings"]] == [("9056", "TR056")]
    assert retourcodes(body["retourXml"]) == ["9056"]
    assert "<wmo306:Client>" not in body["retourXml"]
    assert_xsd_valid(body["retourXml"], xsd_dir)
    assert await published_events(harness, body["id"]) == []
    retouren = [b for b in await outbox(client, harness, agb) if b["berichtsoort"] == "WMO306"]
    assert [b["xml"] for b in retouren] == [first.json()["retourXml"], body["retourXml"]]


async def test_the_same_identificatie_with_other_content_gets_9056_and_changes_nothing(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    agb, nummer = fresh_agb(), fresh_nummer()
    await issue_toewijzing(client, harness, producer, agb, nummer)
    headers = XML | harness.headers("provider", agb=agb)
    unknown = await client.post(
        "/api/v1/berichten",
        content=wmo305(agb, fresh_nummer(), identificatie="ID1"),
        headers=headers,
    )
    assert unknown.json()["status"] == "afgekeurd"
    # The same Identificatie, now for the right toewijzing: still a reuse.
    reused = await client.post(
        "/api/v1/berichten", content=wmo305(agb, nummer, identificatie="ID1"), headers=headers
    )
    assert reused.status_code == 201
    assert reused.json()["status"] == "dubbel"
    assert retourcodes(reused.json()["retourXml"]) == ["9056"]
    assert_xsd_valid(reused.json()["retourXml"], xsd_dir)
    assert await published_events(harness, reused.json()["id"]) == []
    # Another berichtsoort may use the same Identificatie.
    other_soort = await client.post(
        "/api/v1/berichten", content=wmo323(agb, [nummer], identificatie="ID1"), headers=headers
    )
    assert other_soort.json()["status"] != "dubbel"


async def test_a_reused_identificatie_on_a_323_gets_a_325_with_the_header_and_9056_only(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    agb, nummer, ander = fresh_agb(), fresh_nummer(), fresh_nummer()
    await issue_toewijzing(client, harness, producer, agb, nummer)
    await issue_toewijzing(client, harness, producer, agb, ander)
    headers = XML | harness.headers("provider", agb=agb)
    await client.post(
        "/api/v1/berichten", content=wmo323(agb, [nummer], identificatie="DX"), headers=headers
    )
    # Other content (a second toewijzing's month), valid in itself, under the same identificatie.
    reused = await client.post(
        "/api/v1/berichten",
        content=wmo323(agb, [nummer, ander], identificatie="DX"),
        headers=headers,
    )
    body = reused.json()
    assert body["status"] == "dubbel"
    antwoord = read_message(body["retourXml"].encode())
    assert isinstance(antwoord, Wmo325)
    assert antwoord.header.retour_codes == ("9056",)
    assert antwoord.declaratie_antwoord is None
    assert_xsd_valid(body["retourXml"], xsd_dir)
    assert await published_events(harness, body["id"]) == []


async def test_a_retry_with_the_same_idempotency_key_gets_the_first_answer_again(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
) -> None:
    agb, nummer = fresh_agb(), fresh_nummer()
    await issue_toewijzing(client, harness, producer, agb, nummer)
    key = str(uuid.uuid4())
    headers = XML | harness.headers("provider", agb=agb) | {"Idempotency-Key": key}
    xml = wmo305(agb, nummer, identificatie="RETRY")
    first = await client.post("/api/v1/berichten", content=xml, headers=headers)
    retry = await client.post("/api/v1/berichten", content=xml, headers=headers)
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["location"] == first.headers["location"]
    assert first.json()["status"] == "geaccepteerd"
    logged = await client.get(
        f"/api/v1/berichten?aanbiederAgb={agb}", headers=harness.headers("operations")
    )
    assert logged.json()["count"] == 1
    assert await published_events(harness, first.json()["id"]) == [
        "nl.wmo.berichten.zorg-gestart.v1"
    ]
    # Without the key the same bytes are a reused Identificatie (TR056), not a retry.
    plain = XML | harness.headers("provider", agb=agb)
    resent = await client.post("/api/v1/berichten", content=xml, headers=plain)
    assert resent.json()["status"] == "dubbel"


async def test_the_same_idempotency_key_with_another_body_is_a_409_problem(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    agb = fresh_agb()
    headers = XML | harness.headers("provider", agb=agb) | {"Idempotency-Key": "sleutel-1"}
    first = await client.post(
        "/api/v1/berichten", content=wmo305(agb, fresh_nummer(), "K1"), headers=headers
    )
    assert first.status_code == 201
    other = await client.post(
        "/api/v1/berichten", content=wmo305(agb, fresh_nummer(), "K2"), headers=headers
    )
    assert other.status_code == 409
    assert other.headers["content-type"] == "application/problem+json"
    assert other.json()["type"].endswith("/idempotency-key-hergebruikt")
    # Keys are the sender's own: another aanbieder may use the same one.
    theirs = fresh_agb()
    own = await client.post(
        "/api/v1/berichten",
        content=wmo305(theirs, fresh_nummer(), "K1"),
        headers=XML | harness.headers("provider", agb=theirs) | {"Idempotency-Key": "sleutel-1"},
    )
    assert own.status_code == 201


async def test_the_idempotency_key_is_declared_in_the_openapi_document(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/api/v1/openapi.json")).json()
    # The served document names paths below its server URL, the committed one in full.
    [path] = [p for p in document["paths"] if p.endswith("/berichten")]
    operation = document["paths"][path]["post"]
    [header] = [p for p in operation["parameters"] if p["name"] == "Idempotency-Key"]
    assert header["in"] == "header"
    assert header["required"] is False
    assert "409" in operation["responses"]

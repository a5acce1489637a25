from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer

from wmo_common.privacy import pseudonymise
from wmo_gateway.settings import Settings
from wmo_testing.gateway import (
    BSN,
    XML,
    assert_xsd_valid,
    fresh_nummer,
    inbound_events,
    issue_toewijzing,
    outbox,
    published_events,
    retourcodes,
    wmo305,
)
from wmo_testing.harness import ServiceHarness, eventually
from wmo_testing.nummers import fresh_agb


async def test_a_providers_305_on_its_toewijzing_is_accepted_and_zorg_gestart_reaches_kafka(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    agb, nummer = fresh_agb(), fresh_nummer()
    wmo301 = await issue_toewijzing(client, harness, producer, agb, nummer)
    assert f"<wmo301:ToewijzingNummer>{int(nummer)}</wmo301:ToewijzingNummer>" in wmo301["xml"]
    assert_xsd_valid(wmo301["xml"], xsd_dir)
    assert wmo301["retourDeadline"] is not None

    posted = await client.post(
        "/api/v1/berichten",
        content=wmo305(agb, nummer),
        headers=XML | harness.headers("provider", agb=agb),
    )
    assert posted.status_code == 201, posted.text
    body = posted.json()
    assert body["status"] == "geaccepteerd"
    assert body["findings"] == []
    assert "WMO306" in body["retourXml"] or "wmo306" in body["retourXml"]
    assert retourcodes(body["retourXml"]) == []
    assert_xsd_valid(body["retourXml"], xsd_dir)
    retour = [b for b in await outbox(client, harness, agb) if b["berichtsoort"] == "WMO306"]
    assert [b["xml"] for b in retour] == [body["retourXml"]]

    async def zorg_gestart() -> list[dict[str, Any]]:
        return await inbound_events(body["id"])

    [event] = await eventually(zorg_gestart)
    assert event["type"] == "nl.wmo.berichten.zorg-gestart.v1"
    assert event["data"]["toewijzingnummer"] == nummer
    assert event["data"]["aanbiederAgb"] == agb
    assert event["data"]["clientPseudonym"] == pseudonymise(BSN, harness.settings.pseudonym_key)
    assert BSN not in str(event)


async def test_a_305_for_an_unknown_toewijzingnummer_gets_9019_and_publishes_nothing(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], xsd_dir: Path
) -> None:
    agb = fresh_agb()
    posted = await client.post(
        "/api/v1/berichten",
        content=wmo305(agb, fresh_nummer()),
        headers=XML | harness.headers("provider", agb=agb),
    )
    assert posted.status_code == 201
    body = posted.json()
    assert body["status"] == "afgekeurd"
    assert [f["code"] for f in body["findings"]] == ["9019"]
    # Header 0200, the StartProduct its own code, the Client above it 0200 (IV028).
    assert retourcodes(body["retourXml"]) == ["0200", "9019", "0200"]
    assert_xsd_valid(body["retourXml"], xsd_dir)
    assert await published_events(harness, body["id"]) == []


async def test_a_provider_cannot_post_in_another_providers_name(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    theirs, mine = fresh_agb(), fresh_agb()
    posted = await client.post(
        "/api/v1/berichten",
        content=wmo305(theirs, fresh_nummer()),
        headers=XML | harness.headers("provider", agb=mine),
    )
    assert posted.status_code == 403
    assert posted.json()["type"].endswith("/afzender-wijkt-af")
    operations = await client.get("/api/v1/berichten", headers=harness.headers("operations"))
    assert operations.json()["count"] == 0
    consultant = await client.post(
        "/api/v1/berichten", content=wmo305(mine, "1"), headers=XML | harness.headers("consultant")
    )
    assert consultant.status_code == 403


async def test_a_body_that_is_not_iwmo_xml_gets_a_clear_problem(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    agb = fresh_agb()
    token = harness.headers("provider", agb=agb)
    as_json = await client.post("/api/v1/berichten", json={"bericht": 1}, headers=token)
    assert as_json.status_code == 415
    assert as_json.headers["content-type"] == "application/problem+json"
    not_xml = await client.post("/api/v1/berichten", content=b"hallo", headers=XML | token)
    assert not_xml.status_code == 400
    assert not_xml.json()["invalidParams"][0]["code"] == "IB001"
    hostile = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    refused = await client.post("/api/v1/berichten", content=hostile, headers=XML | token)
    assert refused.status_code == 400
    too_large = await client.post(
        "/api/v1/berichten", content=b" " * (25 * 1024 * 1024 + 1), headers=XML | token
    )
    assert too_large.status_code == 413
    assert too_large.json()["type"].endswith("/bericht-te-groot")

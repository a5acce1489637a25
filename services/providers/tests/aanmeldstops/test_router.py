from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select

from wmo_common.calendar import today
from wmo_common.events.outbox import OutboxMessage
from wmo_providers.settings import Settings
from wmo_testing.harness import ServiceHarness

AANGEKONDIGD = "nl.wmo.aanbieders.aanmeldstop-aangekondigd.v1"
BEEINDIGD = "nl.wmo.aanbieders.aanmeldstop-beeindigd.v1"


async def register(client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str) -> None:
    created = await client.post(
        "/api/v1/aanbieders",
        json={"agb": agb, "naam": f"Aanbieder {agb}"},
        headers=harness.headers("contract-manager"),
    )
    assert created.status_code == 201


async def announce(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str, **body: Any
) -> httpx.Response:
    defaults: dict[str, Any] = {
        "product": {"categorie": "02", "code": "02A01"},
        "gebied": "Tilburg",
        "reden": "Geen personeel voor nieuwe cliënten",
        "ingangsdatum": (today() + timedelta(days=14)).isoformat(),
    }
    return await client.post(
        f"/api/v1/aanbieders/{agb}/aanmeldstops",
        json=defaults | body,
        headers=harness.headers("provider", agb=agb),
    )


async def queued(harness: ServiceHarness[Settings], event_type: str) -> list[dict[str, Any]]:
    async with harness.sessionmaker() as session:
        rows = await session.execute(
            select(OutboxMessage.envelope).where(OutboxMessage.event_type == event_type)
        )
        return list(rows.scalars().all())


async def test_an_aanbieder_announces_an_aanmeldstop_14_days_ahead_with_its_reason(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    created = await announce(client, harness, agb)
    assert created.status_code == 201, created.text
    stop = created.json()
    assert stop["product"] == {"categorie": "02", "code": "02A01"}
    assert stop["gebied"] == "Tilburg"
    assert stop["isActief"] is False
    assert created.headers["Location"].endswith(f"/aanmeldstops/{stop['id']}")
    [event] = [e for e in await queued(harness, AANGEKONDIGD) if e["data"]["agb"] == agb]
    assert event["data"]["aanmeldstopId"] == stop["id"]
    assert event["data"]["reden"] == "Geen personeel voor nieuwe cliënten"
    assert event["data"]["ingangsdatum"] == stop["ingangsdatum"]
    listed = await client.get(
        f"/api/v1/aanbieders/{agb}/aanmeldstops", headers=harness.headers("consultant")
    )
    assert [s["id"] for s in listed.json()] == [stop["id"]]


async def test_an_aanmeldstop_with_less_than_14_days_notice_is_a_409(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    late = await announce(
        client, harness, agb, ingangsdatum=(today() + timedelta(days=13)).isoformat()
    )
    assert late.status_code == 409
    assert late.json()["type"].endswith("/aanmeldstop-termijn-te-kort")
    assert all(e["data"]["agb"] != agb for e in await queued(harness, AANGEKONDIGD))


async def test_an_aanmeldstop_without_a_reason_or_ending_before_it_starts_is_a_400(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    start = today() + timedelta(days=20)
    bad = await announce(
        client,
        harness,
        agb,
        reden="",
        ingangsdatum=start.isoformat(),
        einddatum=(start - timedelta(days=1)).isoformat(),
    )
    assert bad.status_code == 400
    assert sorted(p["name"] for p in bad.json()["invalidParams"]) == ["einddatum", "reden"]


async def test_an_aanbieder_cannot_announce_a_stop_for_another_aanbieder(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    other = await client.post(
        f"/api/v1/aanbieders/{agb}/aanmeldstops",
        json={"reden": "x", "ingangsdatum": (today() + timedelta(days=30)).isoformat()},
        headers=harness.headers("provider", agb="12345678"),
    )
    assert other.status_code == 403


async def test_ending_an_aanmeldstop_on_request_announces_its_last_day_once(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    start = today() + timedelta(days=14)
    stop = (await announce(client, harness, agb, ingangsdatum=start.isoformat())).json()
    path = f"/api/v1/aanbieders/{agb}/aanmeldstops/{stop['id']}/beeindigingen"
    headers = harness.headers("provider", agb=agb)
    in_past = await client.post(
        path, json={"einddatum": (today() - timedelta(days=1)).isoformat()}, headers=headers
    )
    assert in_past.status_code == 400
    last_day = start + timedelta(days=30)
    ended = await client.post(
        path,
        json={"einddatum": last_day.isoformat(), "reden": "Personeel aangenomen"},
        headers=headers,
    )
    assert ended.status_code == 200, ended.text
    assert ended.json()["einddatum"] == last_day.isoformat()
    [event] = [e for e in await queued(harness, BEEINDIGD) if e["data"]["agb"] == agb]
    assert event["data"]["einddatum"] == last_day.isoformat()
    again = await client.post(path, json={}, headers=headers)
    assert again.status_code == 409
    assert again.json()["type"].endswith("/aanmeldstop-al-beeindigd")


async def test_ending_an_aanmeldstop_before_it_starts_withdraws_it(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    await register(client, harness, agb)
    start = today() + timedelta(days=20)
    stop = (await announce(client, harness, agb, ingangsdatum=start.isoformat())).json()
    ended = await client.post(
        f"/api/v1/aanbieders/{agb}/aanmeldstops/{stop['id']}/beeindigingen",
        json={},
        headers=harness.headers("contract-manager"),
    )
    assert ended.status_code == 200
    assert ended.json()["einddatum"] == (start - timedelta(days=1)).isoformat()
    assert ended.json()["isActief"] is False

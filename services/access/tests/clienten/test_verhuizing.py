"""A client moves: within the region the toewijzingen continue and their Wmo301 goes out again,
leaving the region ends them with reden 07; one client record, the change recorded."""

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select

from wmo_access.settings import Settings
from wmo_common.audit import AuditRecord
from wmo_testing.access import (
    START,
    TODAY,
    Markt,
    Toegang,
    issued,
    problem_type,
    queued,
)
from wmo_testing.harness import ServiceHarness

VERHUISD = "nl.wmo.toewijzingen.client-verhuisd.v1"
BEEINDIGD = "nl.wmo.toewijzingen.toewijzing-beeindigd.v1"
GOIRLE = {
    "straatnaam": "Tilburgseweg",
    "huisnummer": 7,
    "postcode": "5051AB",
    "plaatsnaam": "Goirle",
}


def verhuizing(gemeentecode: str, adres: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "adres": adres,
        "gemeentecode": gemeentecode,
        "verhuisdatum": (START + timedelta(days=30)).isoformat(),
    }
    return body | overrides


async def move(
    toegang: Toegang, client_id: str, body: dict[str, Any], role: str = "consultant"
) -> httpx.Response:
    read = await toegang.client.get(f"/api/v1/clienten/{client_id}", headers=toegang.consultant)
    return await toegang.client.post(
        f"/api/v1/clienten/{client_id}/verhuizingen",
        json=body,
        headers=toegang.harness.headers(role) | {"If-Match": read.headers["ETag"]},
    )


async def toegewezen(toegang: Toegang, markt: Markt) -> tuple[str, dict[str, Any]]:
    client_id, indicatie = await issued(toegang, markt)
    created = await toegang.toewijzing(indicatie["id"], markt.agb)
    assert created.status_code == 201, created.text
    return client_id, created.json()


async def test_a_move_within_the_region_keeps_the_toewijzing_and_resends_its_wmo301(
    toegang: Toegang, markt: Markt, harness: ServiceHarness[Settings]
) -> None:
    client_id, toewijzing = await toegewezen(toegang, markt)
    moved = await move(toegang, client_id, verhuizing("0785", GOIRLE, gebied="West"))
    assert moved.status_code == 200, moved.text
    assert moved.headers["ETag"]
    body = moved.json()
    assert (body["gemeentecode"], body["gebied"]) == ("0785", "West")
    assert body["adres"]["postcode"] == "5051AB"

    # The toewijzing runs on under the gemeente that issued it; no end is announced.
    read = await toegang.client.get(
        f"/api/v1/toewijzingen/{toewijzing['id']}", headers=toegang.consultant
    )
    assert (read.json()["status"], read.json()["gemeentecode"]) == ("actief", "0855")
    assert [e for e in await queued(harness, BEEINDIGD) if e["subject"] == toewijzing["id"]] == []
    # The gateway is asked to send the Wmo301 again with the new (sealed) address.
    [event] = [e for e in await queued(harness, VERHUISD) if e["subject"] == client_id]
    assert event["data"]["gemeentecode"] == "0785"
    assert event["data"]["verhuisdatum"] == (START + timedelta(days=30)).isoformat()
    assert "5051AB" not in str(event["data"])  # personal data only in the encrypted field

    # The change is recorded in the verwerkingenlogboek like every change of the client.
    async with harness.sessionmaker() as session:
        resources = (
            await session.execute(
                select(AuditRecord.resource).where(AuditRecord.handeling == "wijzigen")
            )
        ).scalars()
        assert f"clienten/{client_id}" in set(resources)


async def test_leaving_the_region_ends_each_running_toewijzing_on_the_move_with_reden_07(
    toegang: Toegang, markt: Markt, harness: ServiceHarness[Settings]
) -> None:
    client_id, toewijzing = await toegewezen(toegang, markt)
    verhuisdatum = START + timedelta(days=30)
    adres = {"straatnaam": "Damrak", "huisnummer": 1, "postcode": "1012LG"}
    moved = await move(toegang, client_id, verhuizing("0363", adres, gebied="Centrum"))
    assert moved.status_code == 200, moved.text
    # Outside the region the client has no gebied of ours.
    assert (moved.json()["gemeentecode"], moved.json()["gebied"]) == ("0363", None)

    read = await toegang.client.get(
        f"/api/v1/toewijzingen/{toewijzing['id']}", headers=toegang.consultant
    )
    assert read.json()["status"] == "beeindigd"
    assert read.json()["redenWijziging"] == "07"
    assert read.json()["einddatum"] == verhuisdatum.isoformat()
    [ended] = [e for e in await queued(harness, BEEINDIGD) if e["subject"] == toewijzing["id"]]
    assert (ended["data"]["redenWijziging"], ended["data"]["einddatum"]) == (
        "07",
        verhuisdatum.isoformat(),
    )
    assert [e for e in await queued(harness, VERHUISD) if e["subject"] == client_id] == []


async def test_a_toewijzing_that_would_start_after_leaving_ends_on_its_first_day(
    toegang: Toegang, markt: Markt
) -> None:
    client_id, toewijzing = await toegewezen(toegang, markt)
    adres = {"straatnaam": "Damrak", "huisnummer": 1, "postcode": "1012LG"}
    moved = await move(
        toegang, client_id, verhuizing("0363", adres, verhuisdatum=TODAY.isoformat())
    )
    assert moved.status_code == 200, moved.text
    read = await toegang.client.get(
        f"/api/v1/toewijzingen/{toewijzing['id']}", headers=toegang.consultant
    )
    assert (read.json()["status"], read.json()["einddatum"]) == ("beeindigd", START.isoformat())


async def test_a_move_needs_a_consultant_the_version_read_and_a_new_address(
    toegang: Toegang, markt: Markt
) -> None:
    client_id, _ = await issued(toegang, markt)
    pad = f"/api/v1/clienten/{client_id}/verhuizingen"
    body = verhuizing("0785", GOIRLE)
    without = await toegang.client.post(pad, json=body, headers=toegang.consultant)
    assert without.status_code == 428
    assert (await move(toegang, client_id, body, role="auditor")).status_code == 403
    assert (await move(toegang, client_id, body)).status_code == 200
    stale = await toegang.client.post(
        pad, json=body, headers=toegang.consultant | {"If-Match": '"1"'}
    )
    assert stale.status_code == 412
    again = await move(toegang, client_id, body)
    assert again.status_code == 409
    assert problem_type(again) == "geen-verhuizing"
    invalid = await move(toegang, client_id, verhuizing("855", GOIRLE))
    assert invalid.status_code == 400

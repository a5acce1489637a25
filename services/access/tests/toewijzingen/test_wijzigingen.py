"""Changing, ending and extending a toewijzing, and who may see it."""

import uuid
from datetime import timedelta

from wmo_access.settings import Settings
from wmo_testing.access import (
    START,
    Markt,
    Toegang,
    indicatie,
    issued,
    problem_type,
    queued,
    random_agb,
)
from wmo_testing.harness import ServiceHarness

AFGEGEVEN = "nl.wmo.toewijzingen.toewijzing-afgegeven.v1"
GEWIJZIGD = "nl.wmo.toewijzingen.toewijzing-gewijzigd.v1"
BEEINDIGD = "nl.wmo.toewijzingen.toewijzing-beeindigd.v1"


async def test_an_afgegeven_beschikking_is_not_edited_and_a_stale_etag_is_refused(
    toegang: Toegang, markt: Markt
) -> None:
    client = await toegang.register_client()
    aanvraag = await toegang.aanvraag(client["id"])
    body = {"aanvraagId": aanvraag["id"], "indicaties": [indicatie(markt.segment_id)]}
    created = await toegang.post("beschikkingen", body)
    path = f"beschikkingen/{created.json()['id']}"
    update = {"indicaties": [indicatie(markt.segment_id, intensiteit="3")]}
    without = await toegang.client.put(f"/api/v1/{path}", json=update, headers=toegang.consultant)
    assert without.status_code == 428
    first = await toegang.client.put(
        f"/api/v1/{path}",
        json=update,
        headers=toegang.consultant | {"If-Match": created.headers["ETag"]},
    )
    assert first.status_code == 200
    # Intensiteit 3 is zwaar: kept by its name.
    assert first.json()["indicaties"][0]["intensiteit"] == "zwaar"
    stale = await toegang.client.put(
        f"/api/v1/{path}",
        json=update,
        headers=toegang.consultant | {"If-Match": created.headers["ETag"]},
    )
    assert stale.status_code == 412
    assert problem_type(stale) == "versie-verouderd"
    await toegang.ok(f"{path}/afgifte", {}, **{"If-Match": first.headers["ETag"]})
    read = await toegang.client.get(f"/api/v1/{path}", headers=toegang.consultant)
    edit = await toegang.client.put(
        f"/api/v1/{path}",
        json=update,
        headers=toegang.consultant | {"If-Match": read.headers["ETag"]},
    )
    assert edit.status_code == 409
    assert problem_type(edit) == "beschikking-al-afgegeven"


async def test_ending_before_the_start_is_refused_and_an_end_is_announced(
    toegang: Toegang, harness: ServiceHarness[Settings], markt: Markt
) -> None:
    _, ind = await issued(toegang, markt)
    created = await toegang.toewijzing(ind["id"], markt.agb)
    path = f"toewijzingen/{created.json()['id']}/beeindigingen"
    etag = {"If-Match": created.headers["ETag"]}
    early = await toegang.post(
        path, {"einddatum": (START - timedelta(days=1)).isoformat(), "redenWijziging": "05"}, **etag
    )
    assert early.status_code == 409
    assert problem_type(early) == "einddatum-voor-ingangsdatum"
    einde = START + timedelta(days=60)
    ended = await toegang.ok(path, {"einddatum": einde.isoformat(), "redenWijziging": "05"}, **etag)
    assert ended["status"] == "beeindigd"
    assert ended["einddatum"] == einde.isoformat()
    [event] = await queued(harness, BEEINDIGD)
    assert event["data"]["redenWijziging"] == "05"
    assert event["data"]["einddatum"] == einde.isoformat()
    assert event["data"]["toewijzingnummer"] == ended["toewijzingnummer"]
    again = await toegang.post(path, {"einddatum": einde.isoformat(), "redenWijziging": "05"})
    assert again.status_code == 428


async def test_an_extension_after_herindicatie_keeps_the_toewijzingnummer(
    toegang: Toegang, harness: ServiceHarness[Settings], markt: Markt
) -> None:
    client = await toegang.register_client()
    first = await toegang.beschikking(client["id"], [indicatie(markt.segment_id)])
    created = (await toegang.toewijzing(first["indicaties"][0]["id"], markt.agb)).json()
    nieuw_einde = START + timedelta(days=300)
    herindicatie = await toegang.beschikking(
        client["id"],
        [indicatie(markt.segment_id, einddatum=nieuw_einde.isoformat())],
        vervangt=first["id"],
    )
    read = await toegang.client.get(
        f"/api/v1/toewijzingen/{created['id']}", headers=toegang.consultant
    )
    path = f"toewijzingen/{created['id']}/wijzigingen"
    change = {
        "redenWijziging": "03",
        "einddatum": nieuw_einde.isoformat(),
        "indicatieId": herindicatie["indicaties"][0]["id"],
    }
    wrong = await toegang.post(path, change, **{"If-Match": read.headers["ETag"]})
    assert wrong.status_code == 409
    assert problem_type(wrong) == "verkeerde-reden-wijziging"
    extended = await toegang.ok(
        path, change | {"redenWijziging": "04"}, **{"If-Match": read.headers["ETag"]}
    )
    assert extended["toewijzingnummer"] == created["toewijzingnummer"]
    assert extended["einddatum"] == nieuw_einde.isoformat()
    assert extended["redenWijziging"] == "04"
    [event] = await queued(harness, GEWIJZIGD)
    assert event["data"]["toewijzingnummer"] == created["toewijzingnummer"]
    assert event["data"]["beschikkingId"] == herindicatie["id"]
    assert event["data"]["einddatum"] == nieuw_einde.isoformat()
    old = await toegang.client.get(
        f"/api/v1/beschikkingen/{first['id']}", headers=toegang.consultant
    )
    assert old.json()["status"] == "vervangen"


async def test_a_different_weekly_omvang_needs_a_new_toewijzing(
    toegang: Toegang, markt: Markt
) -> None:
    _, ind = await issued(toegang, markt)
    created = await toegang.toewijzing(ind["id"], markt.agb)
    response = await toegang.post(
        f"toewijzingen/{created.json()['id']}/wijzigingen",
        {"redenWijziging": "14", "omvang": {"volume": 6, "eenheid": "04", "frequentie": "2"}},
        **{"If-Match": created.headers["ETag"]},
    )
    assert response.status_code == 409
    assert problem_type(response) == "nieuwe-toewijzing-nodig"


async def test_a_provider_sees_only_its_own_toewijzingen_and_their_clients(
    toegang: Toegang, harness: ServiceHarness[Settings], markt: Markt
) -> None:
    client_id, ind = await issued(toegang, markt)
    other_client_id, _ = await issued(toegang, markt)
    toewijzing = (await toegang.toewijzing(ind["id"], markt.agb)).json()
    own = harness.headers("provider", agb=markt.agb)
    other = harness.headers("provider", agb=random_agb())
    path = f"/api/v1/toewijzingen/{toewijzing['id']}"
    assert (await toegang.client.get(path, headers=own)).status_code == 200
    # Another aanbieder's toewijzing is as unknown to it as an id that does not exist.
    theirs = await toegang.client.get(path, headers=other)
    unknown = await toegang.client.get(f"/api/v1/toewijzingen/{uuid.uuid4()}", headers=other)
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json()["type"] == unknown.json()["type"]
    listed = await toegang.client.get("/api/v1/toewijzingen", headers=other)
    assert listed.json() == {"results": [], "count": 0}
    mine = await toegang.client.get("/api/v1/toewijzingen", headers=own)
    assert [t["id"] for t in mine.json()["results"]] == [toewijzing["id"]]
    assert (
        await toegang.client.get(f"/api/v1/clienten/{client_id}", headers=own)
    ).status_code == 200
    for headers, cid in ((other, client_id), (own, other_client_id)):
        hidden = await toegang.client.get(f"/api/v1/clienten/{cid}", headers=headers)
        assert hidden.status_code == 404

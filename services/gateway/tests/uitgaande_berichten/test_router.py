import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from wmo_gateway.settings import Settings
from wmo_gateway.uitgaande_berichten.models import UitgaandBericht
from wmo_testing.harness import ServiceHarness

OWN_AGB = "12345678"
OTHER_AGB = "87654321"
T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
_numbers = itertools.count(1)


async def make_bericht(harness: ServiceHarness[Settings], **overrides: Any) -> UitgaandBericht:
    """An outgoing message as the gateway will write it once toewijzingen arrive."""
    n = next(_numbers)
    values: dict[str, Any] = {
        "aanbieder_agb": OWN_AGB,
        "berichtsoort": "WMO301",
        "berichtidentificatie": f"B{n:011d}",
        "xml": "<Bericht/>",
        "created_at": T0 + timedelta(minutes=n),
    }
    bericht = UitgaandBericht(**(values | overrides))
    async with harness.sessionmaker() as session:
        session.add(bericht)
        await session.commit()
    return bericht


def provider(harness: ServiceHarness[Settings], agb: str = OWN_AGB) -> dict[str, str]:
    return harness.headers("provider", agb=agb)


async def test_a_provider_lists_only_its_own_berichten_oldest_first(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    later = await make_bericht(harness, created_at=T0 + timedelta(hours=2))
    earlier = await make_bericht(harness, created_at=T0)
    await make_bericht(harness, aanbieder_agb=OTHER_AGB)
    listed = await client.get("/api/v1/uitgaande-berichten", headers=provider(harness))
    assert listed.status_code == 200
    assert listed.json()["count"] == 2
    assert [b["id"] for b in listed.json()["results"]] == [str(earlier.id), str(later.id)]
    assert listed.json()["results"][0] == {
        "id": str(earlier.id),
        "aanbiederAgb": OWN_AGB,
        "berichtsoort": "WMO301",
        "berichtidentificatie": earlier.berichtidentificatie,
        "xml": "<Bericht/>",
        "createdAt": "2026-11-24T09:00:00Z",
        "acknowledgedAt": None,
        "retourDeadline": None,
        "retourOntvangenAt": None,
        "retourCodes": None,
    }


async def test_a_provider_cannot_list_another_providers_berichten_by_filter(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    await make_bericht(harness, aanbieder_agb=OTHER_AGB)
    other = await client.get(
        f"/api/v1/uitgaande-berichten?aanbiederAgb={OTHER_AGB}", headers=provider(harness)
    )
    assert other.status_code == 403
    own = await client.get(
        f"/api/v1/uitgaande-berichten?aanbiederAgb={OWN_AGB}", headers=provider(harness)
    )
    assert own.json() == {"results": [], "count": 0}


async def test_operations_and_auditors_see_all_berichten_and_may_filter_by_agb(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    await make_bericht(harness)
    await make_bericht(harness, aanbieder_agb=OTHER_AGB)
    everything = await client.get(
        "/api/v1/uitgaande-berichten", headers=harness.headers("operations")
    )
    assert everything.json()["count"] == 2
    filtered = await client.get(
        f"/api/v1/uitgaande-berichten?aanbiederAgb={OTHER_AGB}", headers=harness.headers("auditor")
    )
    assert [b["aanbiederAgb"] for b in filtered.json()["results"]] == [OTHER_AGB]
    malformed = await client.get(
        "/api/v1/uitgaande-berichten?aanbiederAgb=123", headers=harness.headers("auditor")
    )
    assert malformed.status_code == 400
    assert [p["name"] for p in malformed.json()["invalidParams"]] == ["aanbiederAgb"]


async def test_the_feed_is_cursor_paged_with_the_id_breaking_ties_in_time(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    same_time = [await make_bericht(harness, created_at=T0) for _ in range(3)]
    expected = sorted(str(b.id) for b in same_time)
    first = await client.get("/api/v1/uitgaande-berichten?limit=2", headers=provider(harness))
    assert first.json()["count"] == 3
    next_link = first.headers["Link"].split(", ")[1]
    assert next_link.endswith('rel="next"')
    url = next_link[1 : next_link.index(">")]
    # A message written meanwhile lands after the cursor: nothing is skipped or repeated.
    later = await make_bericht(harness, created_at=T0 + timedelta(hours=1))
    second = await client.get(url, headers=provider(harness))
    ids = [b["id"] for p in (first, second) for b in p.json()["results"]]
    assert ids == [*expected, str(later.id)]
    assert 'rel="next"' not in second.headers["Link"]
    broken = await client.get(
        "/api/v1/uitgaande-berichten?cursor=bm9wZQ", headers=provider(harness)
    )
    assert broken.status_code == 400
    assert [p["name"] for p in broken.json()["invalidParams"]] == ["cursor"]


async def test_a_provider_acknowledges_its_bericht_once(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    bericht = await make_bericht(harness)
    url = f"/api/v1/uitgaande-berichten/{bericht.id}/ontvangstbevestigingen"
    acknowledged = await client.post(url, headers=provider(harness))
    assert acknowledged.status_code == 200
    assert acknowledged.json()["acknowledgedAt"] is not None
    listed = await client.get("/api/v1/uitgaande-berichten", headers=provider(harness))
    assert listed.json()["results"][0]["acknowledgedAt"] == acknowledged.json()["acknowledgedAt"]
    again = await client.post(url, headers=provider(harness))
    assert again.status_code == 409
    assert again.json()["type"].endswith("/bericht-al-bevestigd")


async def test_another_providers_bericht_looks_like_it_does_not_exist(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    theirs = await make_bericht(harness, aanbieder_agb=OTHER_AGB)
    foreign = await client.post(
        f"/api/v1/uitgaande-berichten/{theirs.id}/ontvangstbevestigingen", headers=provider(harness)
    )
    missing = await client.post(
        f"/api/v1/uitgaande-berichten/{uuid.uuid4()}/ontvangstbevestigingen",
        headers=provider(harness),
    )
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["type"] == missing.json()["type"]
    assert foreign.json()["detail"] == missing.json()["detail"]
    listed = await client.get("/api/v1/uitgaande-berichten", headers=harness.headers("operations"))
    assert listed.json()["results"][0]["acknowledgedAt"] is None


async def test_only_providers_acknowledge_and_consultants_do_not_read_berichten(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    bericht = await make_bericht(harness)
    url = f"/api/v1/uitgaande-berichten/{bericht.id}/ontvangstbevestigingen"
    assert (await client.post(url, headers=harness.headers("operations"))).status_code == 403
    consultant = await client.get(
        "/api/v1/uitgaande-berichten", headers=harness.headers("consultant")
    )
    assert consultant.status_code == 403
    assert (await client.get("/api/v1/uitgaande-berichten")).status_code == 401
    assert (await client.post(url)).status_code == 401

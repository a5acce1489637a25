import json
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer

from wmo_common.events.access import INDICATIES, TOEWIJZINGEN, ToewijzingAfgegeven
from wmo_common.events.common import Product
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.finance import DECLARATIES
from wmo_common.events.gateway import INBOUND, ZorgGestart
from wmo_common.events.providers import AANBIEDERS
from wmo_providers.scheduler import run as run_scheduler
from wmo_providers.settings import Settings
from wmo_testing.harness import ServiceHarness, eventually, kafka_bootstrap

Publish = Callable[..., Awaitable[CloudEvent]]
Drained = Callable[[str, list[str]], Awaitable[None]]
SOURCE = "urn:nld:oin:00000001234567890000:systeem:proef"
TOPICS = [TOEWIJZINGEN, INBOUND, DECLARATIES, INDICATIES]


async def start_care(
    publish: Publish, agb: str, segment: uuid.UUID, nummer: str, toegewezen: date, begin: date
) -> None:
    """A 301 and its 305, received the day care began."""
    pseudonym = f"{int(uuid.uuid4()):064x}"
    await publish(
        ToewijzingAfgegeven(
            toewijzing_id=uuid.uuid4(),
            toewijzingnummer=nummer,
            beschikking_id=uuid.uuid4(),
            beschikkingnummer="B1",
            client_pseudonym=pseudonym,
            client_gegevens="versleuteld",
            gemeentecode="0855",
            aanbieder_agb=agb,
            product=Product(categorie="02"),
            ingangsdatum=toegewezen,
            toewijzingsdatum=toegewezen,
            segment_id=segment,
        )
    )
    start = ZorgGestart(
        bericht_id=uuid.uuid4(),
        berichtidentificatie=f"305-{nummer}",
        aanbieder_agb=agb,
        gemeentecode="0855",
        toewijzingnummer=nummer,
        client_pseudonym=pseudonym,
        product=Product(categorie="02"),
        begindatum=begin,
        status_aanlevering="1",
    )
    envelope = start.to_envelope(SOURCE).model_copy(
        update={"time": datetime(begin.year, begin.month, begin.day, 11, tzinfo=UTC)}
    )
    await publish(start, envelope)


async def test_an_aanbieder_below_norm_for_two_periods_is_gesignaleerd_and_lifted_when_it_meets_it(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
    agb: str,
) -> None:
    segment = uuid.uuid4()
    await client.post(
        "/api/v1/aanbieders",
        json={"agb": agb, "naam": "Traag B.V."},
        headers=harness.headers("contract-manager"),
    )
    norm = await client.put(
        f"/api/v1/prestatie-indicatoren/normen/{segment}",
        json={
            "normen": [{"indicator": "gemiddeldeWachttijdDagen", "waarde": "14"}],
            "signaleringNaPerioden": 2,
        },
        headers=harness.headers("contract-manager"),
    )
    assert norm.status_code == 200
    await start_care(publish, agb, segment, "Q1", date(2026, 1, 5), date(2026, 1, 25))  # 20 days
    await start_care(publish, agb, segment, "Q2", date(2026, 4, 1), date(2026, 4, 22))  # 21 days
    await start_care(publish, agb, segment, "Q3", date(2026, 7, 1), date(2026, 7, 6))  # 5 days
    await drained("prestatie-indicatoren", TOPICS)
    operations = harness.headers("operations")

    async def evaluate(periode: str) -> dict[str, Any]:
        response = await client.post(
            "/api/v1/prestatie-indicatoren/_evalueer", json={"periode": periode}, headers=operations
        )
        assert response.status_code == 200
        return dict(response.json())

    assert (await evaluate("2026-Q1"))["gesignaleerd"] == []  # one period below is not enough
    consumer = AIOKafkaConsumer(
        AANBIEDERS, bootstrap_servers=kafka_bootstrap(), auto_offset_reset="latest", group_id=None
    )
    await consumer.start()
    try:
        await consumer.seek_to_end()
        [raised] = (await evaluate("2026-Q2"))["gesignaleerd"]
        assert (await evaluate("2026-Q2"))["gesignaleerd"] == []  # repeating changes nothing
        listed = await client.get(
            f"/api/v1/signaleringen?agb={agb}&isOpen=true", headers=harness.headers("controller")
        )
        [open_one] = listed.json()["results"]
        assert open_one["id"] == raised
        assert open_one["indicator"] == "gemiddeldeWachttijdDagen"
        assert open_one["reden"] == (
            "gemiddeldeWachttijdDagen boven de norm van 14 (2026-Q1: 20.0; 2026-Q2: 21.0)."
        )
        assert (await evaluate("2026-Q3"))["opgeheven"] == [raised]

        seen: list[dict[str, Any]] = []

        async def both_published() -> list[dict[str, Any]] | None:
            batch = await consumer.getmany(timeout_ms=200)
            for record in (r for records in batch.values() for r in records):
                envelope = json.loads(record.value)
                if envelope["data"].get("signaleringId") == raised:
                    seen.append(envelope)
            return seen if len(seen) == 2 else None

        published = await eventually(both_published)
    finally:
        await consumer.stop()
    assert [e["type"] for e in published] == [
        "nl.wmo.aanbieders.aanbieder-gesignaleerd.v1",
        "nl.wmo.aanbieders.signalering-opgeheven.v1",
    ]
    assert published[0]["data"]["segmentId"] == str(segment)
    assert (
        published[1]["data"]["reden"] == "gemiddeldeWachttijdDagen haalt de norm weer in 2026-Q3."
    )
    lifted = await client.get(
        f"/api/v1/signaleringen/{raised}", headers=harness.headers("provider", agb=agb)
    )
    assert lifted.json()["isOpen"] is False


async def test_the_daily_scheduler_judges_the_previous_quarter_and_repeating_it_changes_nothing(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
    agb: str,
) -> None:
    segment = uuid.uuid4()
    manager = harness.headers("contract-manager")
    await client.post("/api/v1/aanbieders", json={"agb": agb, "naam": "Traag"}, headers=manager)
    await client.put(
        f"/api/v1/prestatie-indicatoren/normen/{segment}",
        json={
            "normen": [{"indicator": "gemiddeldeWachttijdDagen", "waarde": "14"}],
            "signaleringNaPerioden": 2,
        },
        headers=manager,
    )
    await start_care(publish, agb, segment, "S1", date(2026, 1, 5), date(2026, 1, 25))  # 20 days
    await start_care(publish, agb, segment, "S2", date(2026, 4, 1), date(2026, 4, 22))  # 21 days
    await drained("prestatie-indicatoren", TOPICS)

    # In the middle of Q2 the quarter before (Q1) is judged: one period below is not enough.
    assert await run_scheduler(harness.settings, date(2026, 5, 15)) == 0
    # From the first of July, Q2 is the previous quarter: the second period below the norm.
    assert await run_scheduler(harness.settings, date(2026, 7, 1)) == 1
    assert await run_scheduler(harness.settings, date(2026, 7, 2)) == 0
    listed = await client.get(
        f"/api/v1/signaleringen?agb={agb}&isOpen=true", headers=harness.headers("controller")
    )
    [signalering] = listed.json()["results"]
    assert (signalering["indicator"], signalering["periode"]) == (
        "gemiddeldeWachttijdDagen",
        "2026-Q2",
    )

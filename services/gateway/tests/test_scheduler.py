"""The deadline watch keeps the overdue gauges on /metrics current; its command line counts the
same once for a peildatum. Retention removes Idempotency-Keys and answered GGk receipts past their
term."""

from datetime import timedelta

import httpx
from aiokafka import AIOKafkaProducer
from prometheus_client import REGISTRY
from sqlalchemy import text

from wmo_common.calendar import today
from wmo_common.db import utcnow
from wmo_common.retention import apply_retention
from wmo_gateway import scheduler
from wmo_gateway.ggk.models import GgkOntvangst
from wmo_gateway.settings import Settings
from wmo_testing.gateway import XML, fresh_nummer, issue_toewijzing, wmo305
from wmo_testing.harness import ServiceHarness
from wmo_testing.nummers import fresh_agb


async def test_a_301_past_its_retour_term_shows_in_the_gauge_and_in_the_count(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
) -> None:
    agb, nummer = fresh_agb(), fresh_nummer()
    wmo301 = await issue_toewijzing(client, harness, producer, agb, nummer)
    async with harness.sessionmaker() as session, session.begin():
        await session.execute(
            text("UPDATE uitgaand_bericht SET retour_deadline = :d WHERE id = :i"),
            {"d": today() - timedelta(days=2), "i": wmo301["id"]},
        )

    await scheduler.measure(harness.sessionmaker)

    assert REGISTRY.get_sample_value("wmo_berichten_retour_overdue", {"aanbieder": agb}) == 1
    assert REGISTRY.get_sample_value("wmo_berichten_antwoord_overdue", {"aanbieder": agb}) is None
    counted = await scheduler.run(harness.settings, today())
    assert counted.verlopen_retouren[agb] == 1
    on_time = await scheduler.run(harness.settings, today() - timedelta(days=3))
    assert on_time.verlopen_retouren[agb] == 0


async def test_an_idempotency_key_answers_retries_for_its_term_and_then_retention_removes_it(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    agb = fresh_agb()
    headers = XML | harness.headers("provider", agb=agb) | {"Idempotency-Key": "sleutel-oud"}
    first = await client.post(
        "/api/v1/berichten", content=wmo305(agb, fresh_nummer(), "OUD1"), headers=headers
    )
    assert first.status_code == 201
    settings = harness.settings.model_copy(update={"idempotency_key_retention_days": 1})

    # Within its term the key stays: other content under it is still a 409.
    await apply_retention(harness.sessionmaker, settings, utcnow() + timedelta(hours=12))
    other = wmo305(agb, fresh_nummer(), "OUD2")
    refused = await client.post("/api/v1/berichten", content=other, headers=headers)
    assert refused.status_code == 409

    # Past its term the key is gone: the same key now posts a new bericht.
    past = await apply_retention(harness.sessionmaker, settings, utcnow() + timedelta(days=2))
    assert past.overig["transportsleutel"] >= 1
    fresh = await client.post("/api/v1/berichten", content=other, headers=headers)
    assert fresh.status_code == 201
    assert fresh.json()["id"] != first.json()["id"]


async def test_retention_removes_a_ggk_receipt_its_term_after_its_du01_and_keeps_an_unanswered_one(
    harness: ServiceHarness[Settings],
) -> None:
    def ontvangst(referentienummer: str, beantwoord: bool) -> GgkOntvangst:
        return GgkOntvangst(
            referentienummer=referentienummer,
            functie="Di01",
            zender_organisatie=fresh_agb(),
            zender_applicatie="zorgsysteem",
            ontvanger_organisatie="0855",
            ontvanger_applicatie="wmo-suite",
            beantwoord_at=utcnow() if beantwoord else None,
        )

    answered, owed = ontvangst("ONTV-BEANTW", True), ontvangst("ONTV-OPEN", False)
    async with harness.sessionmaker() as session, session.begin():
        session.add_all([answered, owed])
    settings = harness.settings.model_copy(update={"idempotency_key_retention_days": 1})

    async def kept() -> set[str]:
        async with harness.sessionmaker() as session:
            found = [await session.get(GgkOntvangst, row.id) for row in (answered, owed)]
        return {row.referentienummer for row in found if row is not None}

    await apply_retention(harness.sessionmaker, settings, utcnow() + timedelta(hours=12))
    assert await kept() == {"ONTV-BEANTW", "ONTV-OPEN"}
    past = await apply_retention(harness.sessionmaker, settings, utcnow() + timedelta(days=2))
    assert past.overig["ggk_ontvangst"] >= 1
    assert await kept() == {"ONTV-OPEN"}


def test_idempotency_keys_are_kept_30_days_by_default() -> None:
    assert Settings().idempotency_key_retention_days == 30

"""The deadline watch keeps the overdue gauges on /metrics current; its command line counts the
same once for a peildatum."""

from datetime import timedelta

import httpx
from aiokafka import AIOKafkaProducer
from prometheus_client import REGISTRY
from sqlalchemy import text

from wmo_common.calendar import today
from wmo_gateway import scheduler
from wmo_gateway.settings import Settings
from wmo_testing.gateway import fresh_nummer, issue_toewijzing
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

"""The Wmo301 that answers a provider's 315/317 names the verzoek (IV093), once only (TR379)."""

import random
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer

from iwmo import validate
from iwmo.models import ToegewezenProduct, Wmo301
from wmo_common.calendar import today
from wmo_common.events.access import ToewijzingAfgegeven, ToewijzingGewijzigd
from wmo_common.events.envelope import CloudEvent
from wmo_gateway.leesmodellen.toewijzingen.repository import ToewijzingEvent
from wmo_gateway.settings import Settings
from wmo_testing.gateway import (
    OTHER_SERVICE,
    assert_xsd_valid,
    fresh_nummer,
    outbox,
    publish,
    toewijzing_afgegeven,
)
from wmo_testing.harness import ServiceHarness, eventually
from wmo_testing.nummers import fresh_agb


def fresh_referentie() -> str:
    return f"VOT-{random.randrange(10**9, 10**10)}"


def gewijzigd(afgegeven: ToewijzingAfgegeven, **overrides: Any) -> ToewijzingGewijzigd:
    """A later version of the toewijzing: shortened by the municipality, naming no verzoek."""
    assert afgegeven.einddatum is not None
    values = afgegeven.model_dump() | {
        "einddatum": afgegeven.einddatum - timedelta(days=30),
        "reden_wijziging": "03",
        "referentie_aanbieder": None,
    }
    return ToewijzingGewijzigd(**(values | overrides))


async def send(producer: AIOKafkaProducer, envelope: CloudEvent, event: ToewijzingEvent) -> None:
    """Publish an envelope made earlier: its time, not the moment of sending, names the version."""
    await producer.send_and_wait(
        event.topic, value=envelope.to_bytes(), key=envelope.subject.encode()
    )


async def wmo301s(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str, count: int
) -> list[dict[str, Any]]:
    """The first `count` Wmo301s in the provider's outbox, oldest first, once they are there."""

    async def found() -> list[dict[str, Any]] | None:
        rows = [b for b in await outbox(client, harness, agb) if b["berichtsoort"] == "WMO301"]
        return rows if len(rows) >= count else None

    return await eventually(found)


def product_of(row: dict[str, Any], xsd_dir: Path, nummer: str) -> ToegewezenProduct:
    """The toewijzing's line in a Wmo301 that passes the official XSD and every codec layer."""
    assert_xsd_valid(row["xml"], xsd_dir)
    result = validate(row["xml"].encode(), expected=Wmo301, today=today())
    assert result.findings == (), [f.as_json() for f in result.findings]
    assert isinstance(result.message, Wmo301)
    (product,) = [
        p for p in result.message.client.toegewezen_producten if str(p.toewijzing_nummer) == nummer
    ]
    return product


async def test_a_toewijzing_that_honours_a_verzoek_reaches_the_provider_with_its_referentie(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    agb, nummer, referentie = fresh_agb(), fresh_nummer(), fresh_referentie()
    await publish(
        producer,
        toewijzing_afgegeven(harness.settings, agb, nummer, referentie_aanbieder=referentie),
    )

    (row,) = await wmo301s(client, harness, agb, 1)
    product = product_of(row, xsd_dir, nummer)
    assert product.referentie_aanbieder == referentie
    assert product.reden_wijziging is None


async def test_a_later_change_of_that_toewijzing_leaves_the_referentie_out(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    agb, nummer, referentie = fresh_agb(), fresh_nummer(), fresh_referentie()
    afgegeven = toewijzing_afgegeven(harness.settings, agb, nummer, referentie_aanbieder=referentie)
    await publish(producer, afgegeven)
    await wmo301s(client, harness, agb, 1)

    await publish(producer, gewijzigd(afgegeven))

    eerste, tweede = await wmo301s(client, harness, agb, 2)
    assert product_of(eerste, xsd_dir, nummer).referentie_aanbieder == referentie
    later = product_of(tweede, xsd_dir, nummer)
    # TR379 (9379): only the first 301 after the honouring names the verzoek.
    assert later.referentie_aanbieder is None
    assert later.reden_wijziging == "03"


async def test_a_honouring_that_arrives_after_a_newer_change_still_answers_the_verzoek_once(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    agb, nummer, referentie = fresh_agb(), fresh_nummer(), fresh_referentie()
    afgegeven = toewijzing_afgegeven(harness.settings, agb, nummer, referentie_aanbieder=referentie)
    honouring = afgegeven.to_envelope(OTHER_SERVICE)
    change = gewijzigd(afgegeven)
    await send(producer, change.to_envelope(OTHER_SERVICE), change)
    await wmo301s(client, harness, agb, 1)

    await send(producer, honouring, afgegeven)
    # The same version published again (a new event id, so the inbox lets it through) is no new
    # answer; the 301 of the next change shows the copy was handled before it.
    await send(producer, honouring.model_copy(update={"id": uuid.uuid4()}), afgegeven)
    next_change = gewijzigd(afgegeven, reden_wijziging="04", einddatum=afgegeven.einddatum)
    await publish(producer, next_change)

    async def through_next_change() -> list[dict[str, Any]] | None:
        rows = await wmo301s(client, harness, agb, 1)
        last = product_of(rows[-1], xsd_dir, nummer)
        return rows if last.reden_wijziging == "04" else None

    rows = await eventually(through_next_change)
    assert [product_of(r, xsd_dir, nummer).referentie_aanbieder for r in rows] == [
        None,
        referentie,
        None,
    ]
    # The answer carries the version the gateway holds: the newer change, not the outdated one.
    answer = product_of(rows[1], xsd_dir, nummer)
    assert answer.einddatum == change.einddatum
    assert answer.reden_wijziging == "03"

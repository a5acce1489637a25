"""Level-3 rules of the Wmo305 (start) and Wmo307 (stop): each start or stop is judged against
the toewijzing (from access) and the starts and stops the aanbieder sent before, and a rejected
message is recorded nowhere (no zorg-gestart / zorg-gestopt for access)."""

import dataclasses
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer

from iwmo import write_message
from iwmo.models import Product, StartProduct, StopProduct, Wmo305, Wmo307
from wmo_common.calendar import today
from wmo_common.events.common import Product as EventProduct
from wmo_gateway.settings import Settings
from wmo_testing import aanbieder
from wmo_testing.aanbieder import Clientgegevens
from wmo_testing.gateway import (
    BSN,
    GEMEENTE,
    XML,
    assert_xsd_valid,
    fresh_nummer,
    outbox,
    publish,
    published_events,
    retourcodes,
    toewijzing_afgegeven,
)
from wmo_testing.harness import ServiceHarness, eventually
from wmo_testing.nummers import fresh_agb

CLIENT = Clientgegevens(BSN, date(1950, 5, 17), "2", "Jansen", "M")
PRODUCT = Product(categorie="02", code="02A01")
# A second toewijzing of one client has another product (TR302: no overlapping same product).
DAGBESTEDING = Product(categorie="07", code="07A01")
# wmo_testing.gateway.toewijzing_afgegeven: the toewijzing runs from 1 January last year.
INGANG = date(today().year - 1, 1, 1)
START = today() - timedelta(days=20)
LATER_START = today() - timedelta(days=10)


def kop(agb: str, code: str, identificatie: str) -> Any:
    return aanbieder.header(code, agb, GEMEENTE, identificatie, today())


def start(
    nummer: str, begindatum: date = START, status: str = "1", product: Product = PRODUCT
) -> StartProduct:
    return StartProduct(
        toewijzing_nummer=int(nummer),
        product=product,
        toewijzing_ingangsdatum=INGANG,
        begindatum=begindatum,
        status_aanlevering=status,
    )


def stop(
    nummer: str,
    begindatum: date = START,
    einddatum: date | None = None,
    reden: str = "19",
    status: str = "1",
    product: Product = PRODUCT,
) -> StopProduct:
    return StopProduct(
        toewijzing_nummer=int(nummer),
        product=product,
        toewijzing_ingangsdatum=INGANG,
        begindatum=begindatum,
        reden_beeindiging=reden,
        einddatum=einddatum or today() - timedelta(days=2),
        status_aanlevering=status,
    )


def wmo305(agb: str, identificatie: str, *lines: StartProduct) -> bytes:
    base = aanbieder.wmo305(
        kop(agb, aanbieder.WMO305, identificatie),
        CLIENT,
        toewijzing_nummer=1,
        product=PRODUCT,
        toewijzing_ingangsdatum=INGANG,
        begindatum=START,
    )
    client = dataclasses.replace(base.client, start_producten=lines)
    return write_message(Wmo305(header=base.header, client=client))


def wmo307(agb: str, identificatie: str, *lines: StopProduct) -> bytes:
    base = aanbieder.wmo307(
        kop(agb, aanbieder.WMO307, identificatie),
        CLIENT,
        toewijzing_nummer=1,
        product=PRODUCT,
        toewijzing_ingangsdatum=INGANG,
        begindatum=START,
        einddatum=today(),
        reden_beeindiging="19",
    )
    client = dataclasses.replace(base.client, stop_producten=lines)
    return write_message(Wmo307(header=base.header, client=client))


class Aanbieder:
    """One aanbieder posting to the gateway's HTTP inbox, each bericht its own Identificatie."""

    def __init__(self, client: httpx.AsyncClient, harness: ServiceHarness[Settings]) -> None:
        self.client = client
        self.harness = harness
        self.agb = fresh_agb()
        self.volgnummer = 0

    def ident(self) -> str:
        self.volgnummer += 1
        return f"B{self.volgnummer}"

    async def post(self, xml: bytes) -> dict[str, Any]:
        posted = await self.client.post(
            "/api/v1/berichten",
            content=xml,
            headers=XML | self.harness.headers("provider", agb=self.agb),
        )
        assert posted.status_code == 201, posted.text
        body: dict[str, Any] = posted.json()
        return body

    async def starts(self, *lines: StartProduct) -> dict[str, Any]:
        return await self.post(wmo305(self.agb, self.ident(), *lines))

    async def stops(self, *lines: StopProduct) -> dict[str, Any]:
        return await self.post(wmo307(self.agb, self.ident(), *lines))


async def with_toewijzingen(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    count: int = 1,
) -> tuple[Aanbieder, list[str]]:
    """An aanbieder with `count` toewijzingen from access (PRODUCT, then DAGBESTEDING), each
    sent to it in a Wmo301."""
    sender = Aanbieder(client, harness)
    nummers = [fresh_nummer() for _ in range(count)]
    for nummer, product in zip(nummers, (PRODUCT, DAGBESTEDING), strict=False):
        event = toewijzing_afgegeven(
            harness.settings,
            sender.agb,
            nummer,
            product=EventProduct(categorie=product.categorie, code=product.code),
        )
        await publish(producer, event)

    async def all_sent() -> bool:
        sent = "".join(b["xml"] for b in await outbox(client, harness, sender.agb))
        return all(f"ToewijzingNummer>{int(n)}<" in sent for n in nummers)

    await eventually(all_sent)
    return sender, nummers


async def assert_rejected(
    harness: ServiceHarness[Settings], body: dict[str, Any], codes: list[str], xsd_dir: Path
) -> None:
    """Rejected as a whole: the retour's codes in document order, valid, and nothing published."""
    assert body["status"] == "afgekeurd", body["findings"]
    assert retourcodes(body["retourXml"]) == codes
    assert_xsd_valid(body["retourXml"], xsd_dir)
    assert await published_events(harness, body["id"]) == []


async def test_a_stop_whose_begindatum_is_not_the_starts_gets_9069_and_nothing_is_stopped(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    """TR382: both deliveries started on their own day; the stop names the second one's day
    wrongly, so the whole 307 is rejected and access hears of neither stop."""
    sender, (eerste, tweede) = await with_toewijzingen(client, harness, producer, 2)
    tweede_start = START + timedelta(days=5)
    started = await sender.starts(
        start(eerste, START), start(tweede, tweede_start, product=DAGBESTEDING)
    )
    assert started["status"] == "geaccepteerd", started["findings"]

    wrong_day = tweede_start + timedelta(days=6)
    body = await sender.stops(stop(eerste, START), stop(tweede, wrong_day, product=DAGBESTEDING))

    # Header 0200, Client 0200, the good StopProduct 0200, the other 9069 (IV028).
    await assert_rejected(harness, body, ["0200", "0200", "9069", "0200"], xsd_dir)
    assert [(f["code"], f["rule"]) for f in body["findings"]] == [("9069", "TR382")]
    again = await sender.stops(
        stop(eerste, START), stop(tweede, tweede_start, product=DAGBESTEDING)
    )
    assert again["status"] == "geaccepteerd", again["findings"]


async def test_a_stop_without_any_start_gets_9069(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    body = await sender.stops(stop(nummer))
    await assert_rejected(harness, body, ["0200", "9069", "0200"], xsd_dir)


async def test_a_second_start_with_the_same_key_gets_9074(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    assert (await sender.starts(start(nummer)))["status"] == "geaccepteerd"
    body = await sender.starts(start(nummer))
    await assert_rejected(harness, body, ["0200", "9074", "0200"], xsd_dir)
    assert body["findings"][0]["rule"] == "TR074"


async def test_a_new_start_while_the_current_one_is_not_stopped_gets_9326(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    assert (await sender.starts(start(nummer, START)))["status"] == "geaccepteerd"
    body = await sender.starts(start(nummer, LATER_START))
    await assert_rejected(harness, body, ["0200", "9326", "0200"], xsd_dir)
    # OP379: after a stop (also a temporary one) a new start is allowed.
    stopped = await sender.stops(stop(nummer, START, START + timedelta(days=3), reden="20"))
    assert stopped["status"] == "geaccepteerd", stopped["findings"]
    restarted = await sender.starts(start(nummer, LATER_START))
    assert restarted["status"] == "geaccepteerd", restarted["findings"]


async def test_withdrawing_a_start_that_was_never_sent_gets_9063(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    """IV028's own example: StatusAanlevering 3 for a start that was never sent."""
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    body = await sender.starts(start(nummer, status="3"))
    await assert_rejected(harness, body, ["0200", "9063", "0200"], xsd_dir)


async def test_a_start_is_corrected_with_3_for_the_old_and_1_for_the_new_one_in_one_message(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
) -> None:
    """OP033/IV008: StatusAanlevering 2 is not allowed; a correction withdraws and resends."""
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    assert (await sender.starts(start(nummer, START)))["status"] == "geaccepteerd"
    corrected = await sender.starts(
        start(nummer, START, status="3"), start(nummer, LATER_START, status="1")
    )
    assert corrected["status"] == "geaccepteerd", corrected["findings"]
    assert await published_events(harness, corrected["id"]) == [
        "nl.wmo.berichten.zorg-gestart.v1",
        "nl.wmo.berichten.zorg-gestart.v1",
    ]
    # The withdrawn start no longer counts: a stop must name the corrected one.
    wrong = await sender.stops(stop(nummer, START))
    assert retourcodes(wrong["retourXml"]) == ["0200", "9069", "0200"]
    right = await sender.stops(stop(nummer, LATER_START))
    assert right["status"] == "geaccepteerd", right["findings"]


async def test_status_2_is_refused_as_a_technical_error(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    """CS058: StatusAanlevering 2 (gewijzigd) does not exist in 3.2: header 0001 only."""
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    body = await sender.starts(start(nummer, status="2"))
    await assert_rejected(harness, body, ["0001"], xsd_dir)


async def test_a_stopped_start_cannot_be_withdrawn_9071(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    await sender.starts(start(nummer))
    assert (await sender.stops(stop(nummer)))["status"] == "geaccepteerd"
    body = await sender.starts(start(nummer, status="3"))
    await assert_rejected(harness, body, ["0200", "9071", "0200"], xsd_dir)


async def test_a_stop_sent_twice_gets_9074_and_a_stop_withdrawn_that_was_never_sent_9063(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    await sender.starts(start(nummer))
    assert (await sender.stops(stop(nummer, reden="20")))["status"] == "geaccepteerd"
    twice = await sender.stops(stop(nummer, reden="20"))
    await assert_rejected(harness, twice, ["0200", "9074", "0200"], xsd_dir)
    never = await sender.stops(stop(nummer, reden="23", status="3"))
    await assert_rejected(harness, never, ["0200", "9063", "0200"], xsd_dir)
    withdrawn = await sender.stops(stop(nummer, reden="20", status="3"))
    assert withdrawn["status"] == "geaccepteerd", withdrawn["findings"]


async def test_a_second_temporary_stop_of_one_start_gets_9413(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    await sender.starts(start(nummer))
    first = await sender.stops(stop(nummer, einddatum=START + timedelta(days=3), reden="20"))
    assert first["status"] == "geaccepteerd"
    body = await sender.stops(stop(nummer, einddatum=START + timedelta(days=6), reden="20"))
    await assert_rejected(harness, body, ["0200", "9413", "0200"], xsd_dir)


async def test_a_definitive_stop_after_a_temporary_one_may_not_end_earlier_9414(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    """OP377/OP378: a temporary stop may be followed by a definitive one with the same or a
    later Einddatum, without a new start."""
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    await sender.starts(start(nummer))
    tijdelijk = START + timedelta(days=6)
    assert (await sender.stops(stop(nummer, einddatum=tijdelijk, reden="20")))[
        "status"
    ] == "geaccepteerd"
    earlier = await sender.stops(stop(nummer, einddatum=tijdelijk - timedelta(days=1)))
    await assert_rejected(harness, earlier, ["0200", "9414", "0200"], xsd_dir)
    same_day = await sender.stops(stop(nummer, einddatum=tijdelijk, reden="21"))
    assert same_day["status"] == "geaccepteerd", same_day["findings"]


async def test_no_stop_after_a_definitive_stop_9415(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    await sender.starts(start(nummer))
    assert (await sender.stops(stop(nummer, reden="19")))["status"] == "geaccepteerd"
    body = await sender.stops(stop(nummer, einddatum=today(), reden="23"))
    await assert_rejected(harness, body, ["0200", "9415", "0200"], xsd_dir)


async def test_a_start_on_another_clients_toewijzing_gets_9019(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender, (nummer,) = await with_toewijzingen(client, harness, producer)
    other = Clientgegevens("999900018", date(1960, 1, 2), "1", "Bakker", "P")
    base = aanbieder.wmo305(
        kop(sender.agb, aanbieder.WMO305, "ANDER"),
        other,
        toewijzing_nummer=int(nummer),
        product=PRODUCT,
        toewijzing_ingangsdatum=INGANG,
        begindatum=START,
    )
    body = await sender.post(write_message(base))
    await assert_rejected(harness, body, ["0200", "9019", "0200"], xsd_dir)

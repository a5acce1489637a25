"""Helpers the gateway's tests share (`wmo_testing.gateway`): events as access and finance
publish them, iWmo messages as a provider's system writes them, and the official XSDs to check
what the gateway writes."""

from __future__ import annotations

import os
import random
import re
import uuid
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from lxml import etree  # type: ignore[import-untyped]
from sqlalchemy import text

from iwmo import write_message
from iwmo.models import (
    Achternaam,
    BedragMetDC,
    BerichtIdentificatie,
    Client305,
    Client323,
    Declaratie,
    Geboortedatum,
    GeslotenPeriode,
    HeaderVanAanbieder,
    Prestatie,
    ProductReferentie,
    StartProduct,
    TotaalBedragMetDC,
    VerkorteNaam,
    Wmo305,
    Wmo323,
)
from iwmo.models import Product as IwmoProduct
from wmo_common.calendar import today
from wmo_common.events.access import ToewijzingAfgegeven
from wmo_common.events.common import Omvang, Product
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.registry import Event
from wmo_common.privacy import FieldCipher, pseudonymise
from wmo_gateway.settings import Settings
from wmo_testing.harness import ServiceHarness, eventually, kafka_bootstrap

OTHER_SERVICE = "urn:nld:oin:00000001234567890000:systeem:proef"
GEMEENTE = "0855"  # Tilburg, in the CBS list
BSN = "999900006"
XML = {"Content-Type": "application/xml"}
REPO = Path(__file__).resolve().parents[3]


def fresh_nummer() -> str:
    return str(random.randrange(10**7, 10**8))  # noqa: S311 - not a secret


def client_gegevens(settings: Settings, bsn: str = BSN) -> str:
    """What access encrypts for the gateway (see wmo_gateway.uitgaande_berichten.clientgegevens)."""
    return FieldCipher(settings.field_key_gateway or "", "gateway").encrypt(
        {
            "bsn": bsn,
            "geboortedatum": "1950-05-17",
            "geslacht": "2",
            "voornamen": "Maria",
            "achternaam": "Jansen",
            "adres": {"postcode": "5038AB", "huisnummer": 12, "plaatsnaam": "Tilburg"},
        }
    )


def toewijzing_afgegeven(
    settings: Settings, agb: str, nummer: str, **overrides: Any
) -> ToewijzingAfgegeven:
    dagtekening = today()
    values: dict[str, Any] = {
        "toewijzing_id": uuid.uuid4(),
        "toewijzingnummer": nummer,
        "beschikking_id": uuid.uuid4(),
        "beschikkingnummer": "B-1",
        "client_pseudonym": pseudonymise(BSN, settings.pseudonym_key),
        "client_gegevens": client_gegevens(settings),
        "gemeentecode": GEMEENTE,
        "aanbieder_agb": agb,
        "product": Product(categorie="02", code="02A01"),
        "ingangsdatum": date(dagtekening.year - 1, 1, 1),
        "einddatum": date(dagtekening.year + 1, 12, 31),
        "omvang": Omvang(volume=4, eenheid="04", frequentie="2"),
        "toewijzingsdatum": dagtekening - timedelta(days=3),
    }
    return ToewijzingAfgegeven(**(values | overrides))


async def publish(producer: AIOKafkaProducer, event: Event) -> CloudEvent:
    envelope = event.to_envelope(OTHER_SERVICE)
    await producer.send_and_wait(
        event.topic, value=envelope.to_bytes(), key=envelope.subject.encode()
    )
    return envelope


def header(agb: str, code: str, identificatie: str) -> HeaderVanAanbieder:
    return HeaderVanAanbieder(
        bericht_code=code,
        afzender=agb,
        ontvanger=GEMEENTE,
        bericht_identificatie=BerichtIdentificatie(
            identificatie=identificatie, dagtekening=today()
        ),
    )


def wmo305(agb: str, nummer: str, identificatie: str = "S1", bsn: str = BSN) -> bytes:
    start = StartProduct(
        toewijzing_nummer=int(nummer),
        product=IwmoProduct(categorie="02", code="02A01"),
        toewijzing_ingangsdatum=date(today().year - 1, 1, 1),
        begindatum=today() - timedelta(days=1),
        status_aanlevering="1",
    )
    client = Client305(
        bsn=bsn,
        geboortedatum=Geboortedatum(datum=date(1950, 5, 17)),
        geslacht="2",
        naam=VerkorteNaam(geslachtsnaam=Achternaam(achternaam="Jansen"), voorletters="M"),
        start_producten=(start,),
    )
    return write_message(Wmo305(header=header(agb, "418", identificatie), client=client))


def vorige_maand() -> tuple[date, date]:
    first_this = today().replace(day=1)
    last_prev = first_this - timedelta(days=1)
    return last_prev.replace(day=1), last_prev


def wmo323(agb: str, nummers: list[str], identificatie: str = "D1") -> bytes:
    begin, eind = vorige_maand()
    lines = tuple(
        Prestatie(
            product_referentie=ProductReferentie(referentie_nummer=f"R{i}"),
            toewijzing_nummer=int(nummer),
            product_categorie="02",
            product_code="02A01",
            # TR387/TR388: a whole calendar month per line; each line its own toewijzing.
            product_periode=GeslotenPeriode(begindatum=begin, einddatum=eind),
            geleverd_volume=4,
            eenheid="04",
            product_tarief=2500,
            ingediend_bedrag=BedragMetDC(bedrag=10000, debet_credit="D"),
        )
        for i, nummer in enumerate(nummers, start=1)
    )
    declaratie = Declaratie(
        declaratie_nummer=f"DN{identificatie}",
        declaratie_periode=GeslotenPeriode(begindatum=begin, einddatum=eind),
        declaratie_dagtekening=today(),
        totaal_ingediend_bedrag=TotaalBedragMetDC(
            totaal_bedrag=10000 * len(lines), debet_credit="D"
        ),
        clienten=(Client323(bsn=BSN, prestaties=lines),),
    )
    return write_message(Wmo323(header=header(agb, "484", identificatie), declaratie=declaratie))


async def inbound_events(
    bericht_id: str, topic: str = "gateway.inbound.v1"
) -> list[dict[str, Any]]:
    """Every envelope on `topic` about this bericht (its id is the subject)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=kafka_bootstrap(), auto_offset_reset="earliest", group_id=None
    )
    await consumer.start()
    found: list[dict[str, Any]] = []
    try:
        while True:
            batch = await consumer.getmany(timeout_ms=500)
            if not batch:
                break
            for records in batch.values():
                for record in records:
                    envelope = CloudEvent.model_validate_json(record.value)
                    if envelope.subject == bericht_id:
                        found.append(envelope.model_dump(mode="json"))
    finally:
        await consumer.stop()
    return found


def pack_dir() -> Path | None:
    configured = os.environ.get("IWMO_PACK_DIR")
    candidate = Path(configured) if configured else REPO.parent / "shared" / "iwmo"
    return candidate if (candidate / "xsd" / "iwmo-3.2").is_dir() else None


RETOUR_NUMBERS = {
    "302": "415",
    "306": "419",
    "308": "421",
    "316": "445",
    "318": "481",
    "320": "483",
    "325": "485",
}


def _derived_retour_xsd(jw_xsd: str, number: str, target: Path) -> None:
    """An iWmo retour XSD from its iJw 3.2 twin, as the pack's README prescribes (the pack has no
    official iWmo 302/306/.../325). DERIVED for tests; not official."""
    text = jw_xsd.replace(f"ijw/3_2/jw{number}/schema", f"iwmo/3_2/wmo{number}/schema")
    text = text.replace("ijw/3_2/basisschema/schema", "iwmo/3_2/basisschema/schema")
    text = re.sub(rf"\bjw{number}:", f"wmo{number}:", text)
    text = text.replace(f"xmlns:jw{number}=", f"xmlns:wmo{number}=")
    text = re.sub(r"\bijw:", "iwmo:", text).replace("xmlns:ijw=", "xmlns:iwmo=")
    jw_code = re.search(r'<xs:pattern value="(4\d\d)"/>', text)
    assert jw_code is not None  # noqa: S101 - a test helper's check
    text = text.replace(
        f'<xs:pattern value="{jw_code.group(1)}"/>',
        f'<xs:pattern value="{RETOUR_NUMBERS[number]}"/>',
        1,
    )
    root = etree.fromstring(text.encode("utf-8"))
    for name in ("GezagsdragerBekend", "Woonplaatsbeginsel"):
        for element in root.iter("{http://www.w3.org/2001/XMLSchema}element"):
            if element.get("name") == name:
                element.getparent().remove(element)
                break
    (target / f"WMO{number}.xsd").write_bytes(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    )


@cache
def _xsd_folder(tmp: Path) -> Path:
    pack = pack_dir()
    assert pack is not None  # noqa: S101 - a test helper's check
    for source in (pack / "xsd" / "iwmo-3.2").glob("*.xsd"):
        (tmp / source.name).write_bytes(source.read_bytes())
    for number in RETOUR_NUMBERS:
        jw = (pack / "xsd" / "ijw-3.2" / f"JW{number}.xsd").read_text(encoding="utf-8")
        _derived_retour_xsd(jw, number, tmp)
    return tmp


def assert_xsd_valid(xml: str, tmp: Path) -> None:
    """`xml` is valid against its official XSD (retours: against the derived one)."""
    if pack_dir() is None:
        pytest.skip("iWmo reference pack not found: set IWMO_PACK_DIR or provide ../shared/iwmo")
    document = etree.fromstring(xml.encode("utf-8"))
    bericht = re.search(r"wmo(\d{3})", etree.QName(document).namespace or "")
    assert bericht is not None  # noqa: S101 - a test helper's check
    schema = etree.XMLSchema(etree.parse(str(_xsd_folder(tmp) / f"WMO{bericht.group(1)}.xsd")))
    assert schema.validate(document), [str(e) for e in schema.error_log]  # noqa: S101 - a test helper's check


def retourcodes(xml: str) -> list[str]:
    return [e.text for e in etree.fromstring(xml.encode()).iter() if e.tag.endswith("RetourCode")]


async def outbox(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> list[dict[str, Any]]:
    listed = await client.get(
        "/api/v1/uitgaande-berichten", headers=harness.headers("provider", agb=agb)
    )
    assert listed.status_code == 200  # noqa: S101 - a test helper's check
    results: list[dict[str, Any]] = listed.json()["results"]
    return results


async def issue_toewijzing(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    agb: str,
    nummer: str,
) -> dict[str, Any]:
    """Access issues a toewijzing; returns the Wmo301 that appears in the provider's outbox."""
    await publish(producer, toewijzing_afgegeven(harness.settings, agb, nummer))

    async def wmo301() -> dict[str, Any] | None:
        found = [b for b in await outbox(client, harness, agb) if b["berichtsoort"] == "WMO301"]
        return found[0] if found else None

    return await eventually(wmo301)


async def published_events(harness: ServiceHarness[Settings], bericht_id: str) -> list[str]:
    """The event types the gateway queued about this bericht (its transactional outbox)."""
    async with harness.sessionmaker() as session:
        rows = await session.execute(
            text("SELECT event_type FROM outbox_message WHERE key = :k ORDER BY id"),
            {"k": bericht_id},
        )
        return list(rows.scalars())

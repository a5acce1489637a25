"""Level-3 rules of the Wmo323 the gateway judges (TR333 on the Declaratie; TR338, TR304,
TR384, TR339, TR340, TR307, TR308, TR387, TR388 per Prestatie), and what finance gets."""

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer

from iwmo import read_message, write_message
from iwmo.models import Prestatie, Product, Wmo325
from wmo_common.calendar import today
from wmo_common.events.access import ToewijzingAfgegeven, ToewijzingBeeindigd
from wmo_common.events.common import Product as EventProduct
from wmo_common.events.finance import DeclaratieBeoordeeld, Prestatiebeoordeling
from wmo_common.privacy import pseudonymise
from wmo_gateway.settings import Settings
from wmo_testing import aanbieder
from wmo_testing.gateway import (
    BSN,
    GEMEENTE,
    XML,
    assert_xsd_valid,
    client_gegevens,
    fresh_nummer,
    inbound_events,
    outbox,
    publish,
    published_events,
    retourcodes,
    toewijzing_afgegeven,
    vorige_maand,
)
from wmo_testing.harness import ServiceHarness, eventually
from wmo_testing.nummers import fresh_agb

ANDERE_BSN = "999900018"
BEGELEIDING = Product(categorie="02", code="02A01")
DAGBESTEDING = Product(categorie="07", code="07A01")
VERZORGING = Product(categorie="03", code="03A01")
TARIEF = 2500
MAAND_BEGIN, MAAND_EIND = vorige_maand()


class Aanbieder:
    def __init__(
        self,
        client: httpx.AsyncClient,
        harness: ServiceHarness[Settings],
        producer: AIOKafkaProducer,
    ) -> None:
        self.client = client
        self.harness = harness
        self.producer = producer
        self.agb = fresh_agb()
        self.volgnummer = 0
        self.afgegeven: dict[int, ToewijzingAfgegeven] = {}

    async def toewijzing(
        self, product: Product = BEGELEIDING, bsn: str = BSN, **overrides: Any
    ) -> tuple[int, Product]:
        nummer = fresh_nummer()
        event = toewijzing_afgegeven(
            self.harness.settings,
            self.agb,
            nummer,
            product=EventProduct(categorie=product.categorie, code=product.code),
            client_pseudonym=pseudonymise(bsn, self.harness.settings.pseudonym_key),
            client_gegevens=client_gegevens(self.harness.settings, bsn),
            **overrides,
        )
        await publish(self.producer, event)
        await self.wait_for_301(f"ToewijzingNummer>{int(nummer)}<")
        self.afgegeven[int(nummer)] = event
        return int(nummer), product

    async def withdraw(self, nummer: int) -> None:
        """Access withdraws the toewijzing (reden 13: Einddatum = Ingangsdatum, CS335)."""
        afgegeven = self.afgegeven[nummer]
        values = afgegeven.model_dump() | {
            "einddatum": afgegeven.ingangsdatum,
            "reden_wijziging": "13",
        }
        await publish(self.producer, ToewijzingBeeindigd(**values))
        await self.wait_for_301("RedenWijziging>13<")

    async def wait_for_301(self, fragment: str) -> None:
        async def sent() -> bool:
            rows = await outbox(self.client, self.harness, self.agb)
            return any(fragment in b["xml"] for b in rows if b["berichtsoort"] == "WMO301")

        await eventually(sent)

    async def wmo323(
        self, regels: list[tuple[str, Prestatie]], nummer: str | None = None
    ) -> dict[str, Any]:
        self.volgnummer += 1
        kop = aanbieder.header(aanbieder.WMO323, self.agb, GEMEENTE, f"D{self.volgnummer}", today())
        message = aanbieder.wmo323(
            kop,
            declaratienummer=nummer or f"DN{uuid.uuid4().hex[:10]}",
            periode=(MAAND_BEGIN, MAAND_EIND),
            dagtekening=today(),
            regels=regels,
        )
        posted = await self.client.post(
            "/api/v1/berichten",
            content=write_message(message),
            headers=XML | self.harness.headers("provider", agb=self.agb),
        )
        assert posted.status_code == 201, posted.text
        body: dict[str, Any] = posted.json()
        return body


def regel(
    referentie: str,
    toewijzing: tuple[int, Product],
    *,
    product: Product | None = None,
    begin: date = MAAND_BEGIN,
    eind: date = MAAND_EIND,
) -> Prestatie:
    nummer, assigned = toewijzing
    declared = product or assigned
    return aanbieder.prestatie(
        referentie=referentie,
        toewijzing_nummer=nummer,
        categorie=declared.categorie,
        code=declared.code or "",
        periode=(begin, eind),
        volume=4,
        eenheid="04",
        tarief=TARIEF,
    )


def codes_per_line(findings: list[dict[str, Any]]) -> dict[int, list[str]]:
    """Finding codes per Prestatie position (all lines are the first client's here)."""
    found: dict[int, list[str]] = {}
    for f in findings:
        position = int(f["path"].rsplit("[", 1)[1].rstrip("]"))
        found.setdefault(position, []).append(f["code"])
    return found


async def test_each_line_is_judged_against_its_toewijzing_and_only_good_lines_reach_finance(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    begeleiding = await sender.toewijzing(BEGELEIDING)
    halverwege = MAAND_BEGIN + timedelta(days=9)
    dagbesteding = await sender.toewijzing(DAGBESTEDING, ingangsdatum=halverwege)
    verzorging = await sender.toewijzing(VERZORGING, einddatum=MAAND_BEGIN + timedelta(days=14))
    van_ander = await sender.toewijzing(BEGELEIDING, bsn=ANDERE_BSN)
    onbekend = (int(fresh_nummer()), BEGELEIDING)
    lines = [
        regel("GOED", begeleiding),
        regel("ONBEKEND", onbekend),  # TR338
        regel("CATEGORIE", begeleiding, product=DAGBESTEDING),  # TR339 and TR340
        regel("CODE", begeleiding, product=Product(categorie="02", code="02A99")),  # TR340
        regel("VOOR-INGANG", dagbesteding),  # TR307: the month begins before the toewijzing
        regel("VANAF-INGANG", dagbesteding, begin=halverwege),
        regel("NA-EINDE", verzorging),  # TR308: the toewijzing ended halfway
        regel("HALF-BEGIN", begeleiding, begin=MAAND_BEGIN + timedelta(days=4)),  # TR387
        regel("HALF-EIND", begeleiding, eind=MAAND_BEGIN + timedelta(days=19)),  # TR388
        regel("ANDERE-CLIENT", van_ander),  # TR304
    ]
    body = await sender.wmo323([(BSN, line) for line in lines])

    assert body["status"] == "geaccepteerd", body["findings"]
    assert body["retourXml"] is None
    assert codes_per_line(body["findings"]) == {
        2: ["9338"],
        3: ["9339", "9340"],
        4: ["9340"],
        5: ["9307"],
        7: ["9308"],
        8: ["9387"],
        9: ["9388"],
        10: ["8187"],
    }
    [event] = await eventually(lambda: inbound_events(body["id"]))
    data = event["data"]
    assert [p["referentie"] for p in data["prestaties"]] == ["GOED", "VANAF-INGANG"]
    assert data["totaalBedragCents"] == 2 * 4 * TARIEF
    # What the aanbieder declared travels too, so finance keeps it (not only what passed).
    assert data["totaalIngediendCents"] == len(lines) * 4 * TARIEF

    await publish(
        producer,
        DeclaratieBeoordeeld(
            declaratie_id=uuid.uuid4(),
            bericht_id=uuid.UUID(body["id"]),
            declaratienummer=data["declaratienummer"],
            aanbieder_agb=sender.agb,
            prestaties=[
                Prestatiebeoordeling(
                    referentie=p["referentie"],
                    goedgekeurd=True,
                    ingediend_bedrag_cents=4 * TARIEF,
                    toegekend_bedrag_cents=4 * TARIEF,
                )
                for p in data["prestaties"]
            ],
            totaal_ingediend_cents=len(lines) * 4 * TARIEF,
            totaal_toegekend_cents=2 * 4 * TARIEF,
        ),
    )

    async def wmo325() -> Wmo325 | None:
        rows = [
            b for b in await outbox(client, harness, sender.agb) if b["berichtsoort"] == "WMO325"
        ]
        if not rows:
            return None
        assert_xsd_valid(rows[0]["xml"], xsd_dir)
        message = read_message(rows[0]["xml"].encode())
        return message if isinstance(message, Wmo325) else None

    antwoord = await eventually(wmo325)
    assert antwoord.header.retour_codes == ("0200",)
    assert antwoord.declaratie_antwoord is not None
    assert antwoord.declaratie_antwoord.retour_codes == ("0200",)
    assert antwoord.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag == 2 * 4 * TARIEF
    [klant] = antwoord.declaratie_antwoord.clienten
    assert klant.retour_codes == ("0200",)
    assert {p.product_referentie.referentie_nummer: p.retour_codes for p in klant.prestaties} == {
        "ONBEKEND": ("9338",),
        "CATEGORIE": ("9339", "9340"),
        "CODE": ("9340",),
        "VOOR-INGANG": ("9307",),
        "NA-EINDE": ("9308",),
        "HALF-BEGIN": ("9387",),
        "HALF-EIND": ("9388",),
        "ANDERE-CLIENT": ("8187",),
    }


async def test_a_reused_declaratienummer_rejects_the_whole_declaratie_with_9333(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    begeleiding = await sender.toewijzing()
    first = await sender.wmo323([(BSN, regel("EERSTE", begeleiding))], nummer="DNVAST01")
    assert first["status"] == "geaccepteerd", first["findings"]
    again = await sender.wmo323([(BSN, regel("TWEEDE", begeleiding))], nummer="DNVAST01")

    assert again["status"] == "afgekeurd"
    assert [(f["code"], f["rule"]) for f in again["findings"]] == [("9333", "TR333")]
    # Answered at once: Header 0200, DeclaratieAntwoord 9333 with nothing granted, no clients.
    assert retourcodes(again["retourXml"]) == ["0200", "9333"]
    assert_xsd_valid(again["retourXml"], xsd_dir)
    antwoord = read_message(again["retourXml"].encode())
    assert isinstance(antwoord, Wmo325)
    assert antwoord.declaratie_antwoord is not None
    assert antwoord.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag == 0
    assert antwoord.declaratie_antwoord.clienten == ()
    assert await published_events(harness, again["id"]) == []


async def test_a_line_on_a_withdrawn_toewijzing_gets_9384_and_the_325_follows_at_once(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    nummer, product = await sender.toewijzing()
    await sender.withdraw(nummer)
    body = await sender.wmo323([(BSN, regel("VERWIJDERD", (nummer, product)))])

    # Every line rejected by the gateway: nothing for finance, the 325 goes out now.
    assert body["status"] == "afgekeurd"
    assert "9384" in [f["code"] for f in body["findings"]]
    assert_xsd_valid(body["retourXml"], xsd_dir)
    antwoord = read_message(body["retourXml"].encode())
    assert isinstance(antwoord, Wmo325)
    assert antwoord.declaratie_antwoord is not None
    [klant] = antwoord.declaratie_antwoord.clienten
    assert "9384" in klant.prestaties[0].retour_codes
    assert await published_events(harness, body["id"]) == []


async def test_a_line_on_another_aanbieders_toewijzing_gets_9338_and_never_reaches_finance(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    eigenaar = Aanbieder(client, harness, producer)
    ander = Aanbieder(client, harness, producer)
    van_eigenaar = await eigenaar.toewijzing()
    eigen = await ander.toewijzing()
    body = await ander.wmo323(
        [(BSN, regel("VAN-EIGENAAR", van_eigenaar)), (BSN, regel("EIGEN", eigen))]
    )

    # A ToewijzingNummer means something only within the aanbieder it was given to (TR338).
    assert body["status"] == "geaccepteerd", body["findings"]
    assert codes_per_line(body["findings"]) == {1: ["9338"]}
    [event] = await eventually(lambda: inbound_events(body["id"]))
    assert [p["referentie"] for p in event["data"]["prestaties"]] == ["EIGEN"]
    assert event["data"]["afgewezenReferenties"] == ["VAN-EIGENAAR"]

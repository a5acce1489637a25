"""Level-3 rules of the Wmo315 (verzoek om toewijzing) and Wmo317 (verzoek om wijziging): the
references used before, verzoeken still open and the client's current toewijzingen."""

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer

from iwmo import read_message, write_message
from iwmo.models import (
    Antwoord,
    Client317,
    NieuwProduct,
    Omvang,
    OngewijzigdProduct,
    Product,
    TeWijzigenProduct,
    Verzoek,
    Wmo317,
    Wmo319,
)
from wmo_common.calendar import today
from wmo_common.events.access import VerzoekBeantwoord, VerzoekInOnderzoek
from wmo_common.events.common import Product as EventProduct
from wmo_common.privacy import pseudonymise
from wmo_gateway.settings import Settings
from wmo_testing import aanbieder
from wmo_testing.aanbieder import Clientgegevens
from wmo_testing.gateway import (
    BSN,
    GEMEENTE,
    XML,
    assert_xsd_valid,
    client_gegevens,
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
ANDERE_BSN = "999900018"
PRODUCT = Product(categorie="02", code="02A01")
DAGBESTEDING = Product(categorie="07", code="07A01")
# wmo_testing.gateway.toewijzing_afgegeven: 1 January last year to 31 December next year.
INGANG = date(today().year - 1, 1, 1)
EINDE = date(today().year + 1, 12, 31)
VIER_UUR = Omvang(volume=4, eenheid="04", frequentie="2")


class Aanbieder:
    """One aanbieder with toewijzingen from access, posting to the gateway's HTTP inbox."""

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

    def kop(self, code: str) -> Any:
        self.volgnummer += 1
        return aanbieder.header(code, self.agb, GEMEENTE, f"V{self.volgnummer}", today())

    async def toewijzing(self, product: Product = PRODUCT, bsn: str = BSN, **overrides: Any) -> int:
        """Access issues a toewijzing of `product`; its number once the Wmo301 is out."""
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

        async def sent() -> bool:
            xml = "".join(b["xml"] for b in await outbox(self.client, self.harness, self.agb))
            return f"ToewijzingNummer>{int(nummer)}<" in xml

        await eventually(sent)
        return int(nummer)

    async def post(self, xml: bytes) -> dict[str, Any]:
        posted = await self.client.post(
            "/api/v1/berichten",
            content=xml,
            headers=XML | self.harness.headers("provider", agb=self.agb),
        )
        assert posted.status_code == 201, posted.text
        body: dict[str, Any] = posted.json()
        return body

    async def wmo315(self, referentie: str) -> dict[str, Any]:
        return await self.post(
            write_message(
                aanbieder.wmo315(
                    self.kop(aanbieder.WMO315),
                    CLIENT,
                    referentie=referentie,
                    product=DAGBESTEDING,
                    ingangsdatum=today() + timedelta(days=14),
                    einddatum=EINDE,
                    omvang=VIER_UUR,
                )
            )
        )

    async def wmo317(
        self,
        *,
        referentie: str | None = None,
        ongewijzigd: tuple[int, ...] = (),
        te_wijzigen: tuple[TeWijzigenProduct, ...] = (),
        nieuw: tuple[NieuwProduct, ...] = (),
    ) -> dict[str, Any]:
        verzoek = Verzoek(
            referentie_aanbieder=referentie or f"VOW-{uuid.uuid4().hex[:12]}",
            reden_verzoek="1",
            ongewijzigde_producten=tuple(
                OngewijzigdProduct(toewijzing_nummer=n) for n in ongewijzigd
            ),
            te_wijzigen_producten=te_wijzigen,
            nieuwe_producten=nieuw,
        )
        return await self.post(
            write_message(
                Wmo317(
                    header=self.kop(aanbieder.WMO317), client=Client317(bsn=BSN, verzoek=verzoek)
                )
            )
        )

    async def answer(self, referentie: str) -> None:
        """Access refuses the verzoek for good; the gateway sends its Wmo319."""
        await publish(
            self.producer,
            VerzoekBeantwoord(
                verzoek_id=uuid.uuid4(),
                soort="toewijzing",
                bericht_referentie=referentie,
                client_pseudonym=pseudonymise(BSN, self.harness.settings.pseudonym_key),
                client_gegevens=client_gegevens(self.harness.settings),
                gemeentecode=GEMEENTE,
                aanbieder_agb=self.agb,
                toegekend=False,
                reden_afwijzing="03",
            ),
        )

        async def wmo319() -> bool:
            found = await outbox(self.client, self.harness, self.agb)
            return any(b["berichtsoort"] == "WMO319" and referentie in b["xml"] for b in found)

        await eventually(wmo319)


def langer(nummer: int, **changes: Any) -> TeWijzigenProduct:
    """Change a toewijzing from a later day on: 6 instead of 4 hours a week."""
    values: dict[str, Any] = {
        "toewijzing_nummer": nummer,
        "gewenste_ingangsdatum": today() + timedelta(days=14),
        "einddatum": EINDE,
        "omvang": Omvang(volume=6, eenheid="04", frequentie="2"),
    }
    return TeWijzigenProduct(**(values | changes))


async def assert_rejected(
    harness: ServiceHarness[Settings], body: dict[str, Any], codes: list[str], xsd_dir: Path
) -> None:
    assert body["status"] == "afgekeurd", body["findings"]
    assert retourcodes(body["retourXml"]) == codes
    assert_xsd_valid(body["retourXml"], xsd_dir)
    assert await published_events(harness, body["id"]) == []


async def test_a_new_315_while_the_clients_verzoek_is_open_gets_9374_until_it_is_answered(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    first = await sender.wmo315("VOT-EEN")
    assert first["status"] == "geaccepteerd", first["findings"]
    body = await sender.wmo315("VOT-TWEE")
    # Header 0200; the Client 9374, so its AangevraagdProduct is not assessed (0233).
    await assert_rejected(harness, body, ["0200", "0233", "9374"], xsd_dir)
    assert [(f["code"], f["rule"]) for f in body["findings"]] == [("9374", "TR374")]
    await sender.answer("VOT-EEN")
    later = await sender.wmo315("VOT-DRIE")
    assert later["status"] == "geaccepteerd", later["findings"]


async def test_a_referentie_used_before_gets_9347(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    nummer = await sender.toewijzing()
    assert (await sender.wmo315("REF-1"))["status"] == "geaccepteerd"
    await sender.answer("REF-1")
    again = await sender.wmo315("REF-1")
    await assert_rejected(harness, again, ["0200", "9347", "0200"], xsd_dir)
    vow = await sender.wmo317(referentie="REF-1", te_wijzigen=(langer(nummer),))
    # Header 0200; TeWijzigenProduct 0233 below the Verzoek's 9347; Client 0200.
    await assert_rejected(harness, vow, ["0200", "0233", "9347", "0200"], xsd_dir)


async def test_a_317_must_name_every_current_toewijzing_9349(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    begeleiding = await sender.toewijzing(PRODUCT)
    dagbesteding = await sender.toewijzing(DAGBESTEDING)
    body = await sender.wmo317(te_wijzigen=(langer(begeleiding),))
    await assert_rejected(harness, body, ["0200", "0233", "9349", "0200"], xsd_dir)
    complete = await sender.wmo317(ongewijzigd=(dagbesteding,), te_wijzigen=(langer(begeleiding),))
    assert complete["status"] == "geaccepteerd", complete["findings"]
    assert await published_events(harness, complete["id"]) == [
        "nl.wmo.berichten.verzoek-wijziging-ontvangen.v1"
    ]


async def test_a_317_naming_no_current_toewijzing_gets_9350_or_9351(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    nummer = await sender.toewijzing()
    ended = await sender.toewijzing(
        DAGBESTEDING, ingangsdatum=INGANG, einddatum=today() - timedelta(days=1)
    )
    body = await sender.wmo317(ongewijzigd=(ended,), te_wijzigen=(langer(nummer),))
    await assert_rejected(harness, body, ["0200", "9350", "0200", "0200", "0200"], xsd_dir)
    body = await sender.wmo317(ongewijzigd=(nummer,), te_wijzigen=(langer(ended),))
    await assert_rejected(harness, body, ["0200", "0200", "9351", "0200", "0200"], xsd_dir)


async def test_a_317_on_another_clients_toewijzing_gets_8187_on_the_client(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    theirs = await sender.toewijzing(bsn=ANDERE_BSN)
    body = await sender.wmo317(te_wijzigen=(langer(theirs),))
    await assert_rejected(harness, body, ["0200", "0233", "0233", "8187"], xsd_dir)


async def test_a_change_from_the_past_must_start_on_the_original_ingangsdatum_9357(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    nummer = await sender.toewijzing()
    past = langer(nummer, gewenste_ingangsdatum=today() - timedelta(days=7))
    body = await sender.wmo317(te_wijzigen=(past,))
    await assert_rejected(harness, body, ["0200", "9357", "0200", "0200"], xsd_dir)
    from_start = await sender.wmo317(te_wijzigen=(langer(nummer, gewenste_ingangsdatum=INGANG),))
    assert from_start["status"] == "geaccepteerd", from_start["findings"]


async def test_a_new_total_volume_must_start_on_the_original_ingangsdatum_9373(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    nummer = await sender.toewijzing()
    totaal = langer(nummer, omvang=Omvang(volume=300, eenheid="04", frequentie="6"))
    body = await sender.wmo317(te_wijzigen=(totaal,))
    await assert_rejected(harness, body, ["0200", "9373", "0200", "0200"], xsd_dir)


async def test_omvang_follows_the_toewijzings_product_code_9411_and_9412(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    specifiek = await sender.toewijzing(PRODUCT)
    aspecifiek = await sender.toewijzing(Product(categorie="07"), omvang=None)
    zonder_omvang = langer(specifiek, omvang=None, einddatum=date(today().year, 12, 31))
    body = await sender.wmo317(ongewijzigd=(aspecifiek,), te_wijzigen=(zonder_omvang,))
    await assert_rejected(harness, body, ["0200", "0200", "9411", "0200", "0200"], xsd_dir)
    met_omvang = langer(aspecifiek)
    body = await sender.wmo317(ongewijzigd=(specifiek,), te_wijzigen=(met_omvang,))
    await assert_rejected(harness, body, ["0200", "0200", "9412", "0200", "0200"], xsd_dir)


async def test_a_new_product_overlapping_a_current_one_gets_9361(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    nummer = await sender.toewijzing(PRODUCT)
    nieuw = NieuwProduct(
        product=PRODUCT,
        gewenste_ingangsdatum=today() + timedelta(days=14),
        einddatum=EINDE,
        omvang=VIER_UUR,
    )
    body = await sender.wmo317(te_wijzigen=(langer(nummer),), nieuw=(nieuw,))
    await assert_rejected(harness, body, ["0200", "0200", "9361", "0200", "0200"], xsd_dir)
    other = NieuwProduct(
        product=DAGBESTEDING,
        gewenste_ingangsdatum=today() + timedelta(days=14),
        einddatum=EINDE,
        omvang=VIER_UUR,
    )
    accepted = await sender.wmo317(te_wijzigen=(langer(nummer),), nieuw=(other,))
    assert accepted["status"] == "geaccepteerd", accepted["findings"]


async def test_a_317_while_a_315_of_the_client_is_open_gets_9374(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    nummer = await sender.toewijzing()
    assert (await sender.wmo315("OPEN-1"))["status"] == "geaccepteerd"
    body = await sender.wmo317(te_wijzigen=(langer(nummer),))
    await assert_rejected(harness, body, ["0200", "0233", "0233", "9374"], xsd_dir)


def antwoord_van(row: dict[str, Any]) -> Antwoord:
    message = read_message(row["xml"].encode(), expected=Wmo319)
    assert isinstance(message, Wmo319)
    return message.antwoord


async def test_a_verzoek_in_onderzoek_gets_a_wmo319_answer_2_once_and_stays_open_until_decided(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    sender = Aanbieder(client, harness, producer)
    first = await sender.wmo315("VOT-ONDERZOEK")
    assert first["status"] == "geaccepteerd", first["findings"]
    termijn = today() + timedelta(weeks=8)
    onderzoek = VerzoekInOnderzoek(
        verzoek_id=uuid.uuid4(),
        soort="toewijzing",
        bericht_referentie="VOT-ONDERZOEK",
        client_pseudonym=pseudonymise(BSN, harness.settings.pseudonym_key),
        gemeentecode=GEMEENTE,
        aanbieder_agb=sender.agb,
        deadline=termijn,
    )
    await publish(producer, onderzoek)

    async def wmo319s() -> list[dict[str, Any]]:
        return [
            b for b in await outbox(client, harness, sender.agb) if b["berichtsoort"] == "WMO319"
        ]

    [in_onderzoek] = await eventually(wmo319s)
    assert_xsd_valid(in_onderzoek["xml"], xsd_dir)
    antwoord = antwoord_van(in_onderzoek)
    assert (antwoord.verzoek_antwoord, antwoord.referentie_aanbieder) == ("2", "VOT-ONDERZOEK")
    assert antwoord.reden_afwijzing_verzoek is None  # CD086
    # The answer is now owed by the end of the investigation.
    read = await client.get(f"/api/v1/berichten/{first['id']}", headers=harness.headers("auditor"))
    assert read.json()["antwoordDeadline"] == termijn.isoformat()
    assert read.json()["beantwoordAt"] is None

    # "In onderzoek" is no answer for good: the client's next 315 still gets 9374 (TR374).
    tweede = await sender.wmo315("VOT-TWEEDE")
    await assert_rejected(harness, tweede, ["0200", "0233", "9374"], xsd_dir)
    # Told once (TR360): a repeated event sends no second 319.
    await publish(producer, onderzoek)
    await sender.answer("VOT-ONDERZOEK")

    async def both() -> list[dict[str, Any]] | None:
        found = await wmo319s()
        return found if len(found) == 2 else None

    antwoorden = [antwoord_van(b) for b in await eventually(both)]
    assert [(a.verzoek_antwoord, a.reden_afwijzing_verzoek) for a in antwoorden] == [
        ("2", None),
        ("1", "3"),
    ]
    later = await sender.wmo315("VOT-DERDE")
    assert later["status"] == "geaccepteerd", later["findings"]

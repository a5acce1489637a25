"""Test support for the access service: events from the other services, a client's path
through toegang via the API, and what the service published."""

from __future__ import annotations

import contextlib
import random
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy import select

from wmo_access.settings import Settings
from wmo_common.calendar import today
from wmo_common.events.common import Product
from wmo_common.events.contracting import (
    Bekostiging,
    ContractGeactiveerd,
    Partij,
    Tarief,
    Toegangsregels,
    VerwervingsstrategieGepubliceerd,
)
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.outbox import OutboxMessage
from wmo_testing.harness import ServiceHarness, eventually, kafka_bootstrap

TODAY = today()  # the Dutch date, as the services count it
START = TODAY + timedelta(days=7)
PRODUCT = {"categorie": "02", "code": "02A01"}
ADRES = {"straatnaam": "Spoorlaan", "huisnummer": 12, "postcode": "5038AB", "plaatsnaam": "Tilburg"}


def random_bsn() -> str:
    """A fresh BSN that passes the 11-check."""
    while True:
        digits = [random.randrange(10) for _ in range(8)]  # noqa: S311 - test data, not a secret
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10 and any(digits):
            return "".join(map(str, digits)) + str(last)


def random_agb() -> str:
    return f"{random.randrange(10**7, 10**8)}"  # noqa: S311 - test data, not a secret


def strategie(
    segment_id: uuid.UUID,
    *,
    max_maanden: int | None = 12,
    individueel: bool = True,
    model: str = "inspanningsgericht",
    doorlooptijd: int = 56,
    versie: int = 1,
) -> VerwervingsstrategieGepubliceerd:
    return VerwervingsstrategieGepubliceerd.model_validate(
        {
            "verwervingsstrategie_id": uuid.uuid4(),
            "segment_id": segment_id,
            "segment_naam": "Begeleiding",
            "wet": "wmo",
            "versie": versie,
            "gebieden": ["Tilburg"],
            "toegang": Toegangsregels(
                max_indicatie_maanden=max_maanden,
                individuele_beschikking=individueel,
                herindicatie_doorlooptijd_dagen=doorlooptijd,
            ),
            "bekostiging": Bekostiging.model_validate({"model": model}),
            "leveranciersbeleid": "beperkt",
        }
    )


def contract(
    segment_id: uuid.UUID,
    partijen: list[tuple[str, str]],
    *,
    gebieden: tuple[str, ...] = ("Tilburg",),
    product: dict[str, str] = PRODUCT,
    ingangsdatum: date = TODAY - timedelta(days=30),
    einddatum: date = TODAY + timedelta(days=3 * 365),
) -> ContractGeactiveerd:
    return ContractGeactiveerd(
        contract_id=uuid.uuid4(),
        contractnummer="HVB-2026-01",
        segment_id=segment_id,
        partijen=[Partij.model_validate({"aanbieder_agb": a, "rol": r}) for a, r in partijen],
        gebieden=list(gebieden),
        tarieven=[
            Tarief(
                product=Product.model_validate(product),
                eenheid="04",
                bedrag_cents=6500,
                geldig_vanaf=ingangsdatum,
            )
        ],
        bekostiging=Bekostiging(model="inspanningsgericht"),
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
    )


def indicatie(segment_id: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "segmentId": str(segment_id),
        "product": PRODUCT,
        "intensiteit": "2",
        "omvang": {"volume": 4, "eenheid": "04", "frequentie": "2"},
        "ingangsdatum": START.isoformat(),
        "einddatum": (START + timedelta(days=180)).isoformat(),
        "leveringsvorm": "zin",
    }
    return body | overrides


class Toegang:
    """A consultant taking a client through toegang over the real API."""

    def __init__(self, client: httpx.AsyncClient, harness: ServiceHarness[Settings]) -> None:
        self.client = client
        self.harness = harness
        self.consultant = harness.headers("consultant")

    async def post(self, path: str, body: dict[str, Any], **headers: str) -> httpx.Response:
        return await self.client.post(
            f"/api/v1/{path}", json=body, headers=self.consultant | headers
        )

    async def ok(self, path: str, body: dict[str, Any], **headers: str) -> dict[str, Any]:
        response = await self.post(path, body, **headers)
        assert response.status_code in (200, 201), response.text  # noqa: S101 - a test helper's check
        result: dict[str, Any] = response.json()
        return result

    async def register_client(self, **overrides: Any) -> dict[str, Any]:
        body = {
            "bsn": random_bsn(),
            "voornamen": "Johanna Maria",
            "achternaam": "de Vries",
            "geboortedatum": "1948-03-12",
            "geslacht": "2",
            "gemeentecode": "0855",
            "gebied": "Tilburg",
            "adres": ADRES,
        }
        return await self.ok("clienten", body | overrides)

    async def aanvraag(self, client_id: str, meldingsdatum: date = TODAY) -> dict[str, Any]:
        """Melding, onderzoek (afgerond), ondersteuningsplan and aanvraag for a client."""
        melding = await self.ok(
            "meldingen",
            {
                "clientId": client_id,
                "meldingsdatum": meldingsdatum.isoformat(),
                "omschrijving": "x",
            },
        )
        onderzoek = await self.ok(
            "onderzoeken", {"meldingId": melding["id"], "startdatum": meldingsdatum.isoformat()}
        )
        await self.ok(
            f"onderzoeken/{onderzoek['id']}/afronding",
            {
                "afgerondOp": meldingsdatum.isoformat(),
                "eigenNetwerk": "Dochter doet de boodschappen",
                "algemeneVoorzieningen": "Buurthuis overwogen",
                "conclusie": "Begeleiding individueel nodig",
            },
        )
        plan = await self.ok(
            "ondersteuningsplannen",
            {
                "onderzoekId": onderzoek["id"],
                "vastgesteldOp": meldingsdatum.isoformat(),
                "resultaten": [
                    {
                        "omschrijving": "Houdt de eigen administratie bij",
                        "meetcriterium": "Geen achterstallige rekeningen",
                        "streefdatum": (meldingsdatum + timedelta(days=180)).isoformat(),
                    }
                ],
                "evaluatiemomenten": [(meldingsdatum + timedelta(days=90)).isoformat()],
            },
        )
        return await self.ok(
            "aanvragen",
            {
                "clientId": client_id,
                "ondersteuningsplanId": plan["id"],
                "aanvraagdatum": meldingsdatum.isoformat(),
            },
        )

    async def beschikking(
        self, client_id: str, indicaties: list[dict[str, Any]], vervangt: str | None = None
    ) -> dict[str, Any]:
        """An afgegeven beschikking with these indicaties."""
        aanvraag = await self.aanvraag(client_id)
        body: dict[str, Any] = {"aanvraagId": aanvraag["id"], "indicaties": indicaties}
        if vervangt:
            body["vervangtId"] = vervangt
        created = await self.post("beschikkingen", body)
        assert created.status_code == 201, created.text  # noqa: S101 - a test helper's check
        return await self.ok(
            f"beschikkingen/{created.json()['id']}/afgifte",
            {},
            **{"If-Match": created.headers["ETag"]},
        )

    async def toewijzing(self, indicatie_id: str, agb: str, **overrides: Any) -> httpx.Response:
        return await self.post(
            "toewijzingen", {"indicatieId": indicatie_id, "aanbiederAgb": agb} | overrides
        )


async def queued(harness: ServiceHarness[Settings], event_type: str) -> list[dict[str, Any]]:
    """The envelopes of `event_type` this service queued in its outbox (sent or not)."""
    async with harness.sessionmaker() as session:
        rows = await session.execute(
            select(OutboxMessage.envelope)
            .where(OutboxMessage.event_type == event_type)
            .order_by(OutboxMessage.id)
        )
        return list(rows.scalars().all())


@contextlib.asynccontextmanager
async def kafka_tail(topic: str) -> AsyncIterator[KafkaTail]:
    """Read `topic` from its current end: only what is published from now on."""
    # Naming the topic loads its metadata; then the partitions are taken by hand, from the end.
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=kafka_bootstrap(), group_id=None)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        consumer.unsubscribe()
        consumer.assign(partitions)
        await consumer.seek_to_end(*partitions)
        for tp in partitions:
            await consumer.position(tp)
        yield KafkaTail(consumer)
    finally:
        await consumer.stop()


class KafkaTail:
    def __init__(self, consumer: AIOKafkaConsumer) -> None:
        self.consumer = consumer
        self.seen: list[CloudEvent] = []

    async def find(self, subject: str, event_type: str) -> CloudEvent:
        async def arrived() -> CloudEvent | None:
            batch = await self.consumer.getmany(timeout_ms=200)
            self.seen.extend(CloudEvent.from_bytes(r.value) for rs in batch.values() for r in rs)
            return next(
                (e for e in self.seen if e.subject == subject and e.type == event_type), None
            )

        return await eventually(arrived)


@dataclass
class Markt:
    """A segment with one contracted aanbieder, as the `markt` fixture publishes it."""

    segment_id: uuid.UUID
    agb: str
    contract_id: uuid.UUID


def problem_type(response: httpx.Response) -> str:
    assert response.headers["content-type"] == "application/problem+json", response.text  # noqa: S101
    slug: str = response.json()["type"].rsplit("/", 1)[-1]
    return slug


async def issued(toegang: Toegang, markt: Markt, **overrides: Any) -> tuple[str, dict[str, Any]]:
    """A client with an afgegeven beschikking; returns the client id and its one indicatie."""
    client = await toegang.register_client()
    beschikking = await toegang.beschikking(
        client["id"], [indicatie(markt.segment_id, **overrides)]
    )
    [only] = beschikking["indicaties"]
    return client["id"], only

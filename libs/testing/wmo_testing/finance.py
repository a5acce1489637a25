"""Test support of the finance service: one test's own region on the real topics (`Regio`),
the events it publishes and the Wmo323 it declares (`Declaratiebouwer`)."""

import hashlib
import random
import uuid
from datetime import date
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select

from wmo_common.events.access import ToewijzingAfgegeven
from wmo_common.events.common import Omvang, Product
from wmo_common.events.contracting import (
    Bekostiging,
    Bekostigingsmodel,
    ContractGeactiveerd,
    Partij,
    Tarief,
    Toegangsregels,
    VerwervingsstrategieGepubliceerd,
)
from wmo_common.events.gateway import DeclaratieOntvangen, Prestatie
from wmo_common.events.inbox import InboxMessage
from wmo_common.events.outbox import OutboxMessage
from wmo_common.events.registry import Event
from wmo_finance.settings import Settings
from wmo_testing.harness import ServiceHarness, eventually

PRODUCT = Product(categorie="02", code="02A08")

SOURCES = {
    "access": "urn:nld:oin:00000001234567890000:systeem:access",
    "contracting": "urn:nld:oin:00000001234567890000:systeem:contracting",
    "gateway": "urn:nld:oin:00000001234567890000:systeem:gateway",
}


class Regio:
    """One test's own corner of the world: its own aanbieder, segment and gemeente, so that
    events other tests (or earlier runs) left on the shared topics never meet its assertions.
    Publishes real events to the real topics the service consumes."""

    def __init__(
        self,
        harness: ServiceHarness[Settings],
        client: httpx.AsyncClient,
        producer: AIOKafkaProducer,
    ) -> None:
        self.harness = harness
        self.client = client
        self.producer = producer
        self.agb = f"{random.randrange(10**8):08d}"  # noqa: S311 (test data, not a secret)
        self.segment_id = uuid.uuid4()
        self.gemeentecode = "0855"
        self._nummers = 0

    async def publish(self, *events: Event) -> list[uuid.UUID]:
        """Send each event to its real topic, keyed by its subject; returns the envelope ids."""
        ids = []
        for event in events:
            service = event.topic.split(".")[0]
            envelope = event.to_envelope(SOURCES[service])
            await self.producer.send_and_wait(
                event.topic, value=envelope.to_bytes(), key=event.subject.encode()
            )
            ids.append(envelope.id)
        return ids

    async def consumed(self, *event_ids: uuid.UUID) -> None:
        """Wait until the service has applied (or skipped as a duplicate) these events."""

        async def check() -> bool:
            async with self.harness.sessionmaker() as session:
                found = await session.execute(
                    select(func.count()).where(InboxMessage.event_id.in_(event_ids))
                )
                return found.scalar_one() == len(event_ids)

        await eventually(check)

    def headers(self, *roles: str, agb: str | None = None) -> dict[str, str]:
        return self.harness.headers(*roles, agb=agb)

    def strategie(
        self, bekostiging: Bekostiging, versie: int = 1
    ) -> VerwervingsstrategieGepubliceerd:
        return VerwervingsstrategieGepubliceerd(
            verwervingsstrategie_id=uuid.uuid4(),
            segment_id=self.segment_id,
            segment_naam="Begeleiding",
            wet="wmo",
            versie=versie,
            toegang=Toegangsregels(),
            bekostiging=bekostiging,
            leveranciersbeleid="beperkt",
        )

    def contract(
        self,
        model: Bekostigingsmodel,
        tarieven: list[Tarief],
        *,
        partijen: list[Partij] | None = None,
        **bekostiging: Any,
    ) -> ContractGeactiveerd:
        return ContractGeactiveerd(
            contract_id=uuid.uuid4(),
            contractnummer="HVB-2026-001",
            segment_id=self.segment_id,
            partijen=partijen or [Partij(aanbieder_agb=self.agb, rol="hoofdaannemer")],
            gebieden=[],
            tarieven=tarieven,
            bekostiging=Bekostiging(model=model, **bekostiging),
            ingangsdatum=date(2025, 1, 1),
            einddatum=date(2028, 12, 31),
        )

    def toewijzing(self, **overrides: Any) -> ToewijzingAfgegeven:
        self._nummers += 1
        values: dict[str, Any] = {
            "toewijzing_id": uuid.uuid4(),
            "toewijzingnummer": f"T{self._nummers:07d}",
            "beschikking_id": uuid.uuid4(),
            "beschikkingnummer": "B1",
            "client_pseudonym": hashlib.sha256(uuid.uuid4().bytes).hexdigest(),
            "client_gegevens": "versleuteld",
            "gemeentecode": self.gemeentecode,
            "aanbieder_agb": self.agb,
            "product": PRODUCT,
            "ingangsdatum": date(2026, 1, 5),
            "einddatum": date(2026, 3, 29),
            "omvang": Omvang(volume=3, eenheid="04", frequentie="2"),
            "toewijzingsdatum": date(2026, 1, 2),
            "segment_id": self.segment_id,
        }
        return ToewijzingAfgegeven(**(values | overrides))

    def tarief(self, bedrag_cents: int, vanaf: date = date(2025, 1, 1), **extra: Any) -> Tarief:
        values: dict[str, Any] = {
            "product": PRODUCT,
            "eenheid": "04",
            "bedrag_cents": bedrag_cents,
            "geldig_vanaf": vanaf,
        }
        return Tarief(**(values | extra))

    async def verplichtingen(self, **query: str) -> list[dict[str, Any]]:
        response = await self.client.get(
            "/api/v1/verplichtingen",
            params={"aanbiederAgb": self.agb, "pageSize": "500", **query},
            headers=self.headers("controller"),
        )
        if response.status_code != 200:
            raise AssertionError(f"GET verplichtingen answered {response.status_code}")
        results: list[dict[str, Any]] = response.json()["results"]
        return results

    async def verplichting_van(self, toewijzing_id: uuid.UUID, **expected: Any) -> dict[str, Any]:
        """Wait until the verplichting of a toewijzing shows every `expected` field value."""

        async def check() -> dict[str, Any] | None:
            for row in await self.verplichtingen():
                if row["toewijzingId"] == str(toewijzing_id) and all(
                    row[k] == v for k, v in expected.items()
                ):
                    return row
            return None

        return await eventually(check)

    def declaratie(self, begin: date, end: date) -> "Declaratiebouwer":
        return Declaratiebouwer(self, begin, end)

    async def beoordeeld(self, bericht: DeclaratieOntvangen) -> dict[str, Any]:
        """Publish a Wmo323 and return its judged declaratie with every line, from the API."""
        await self.publish(bericht)

        async def judged() -> dict[str, Any] | None:
            listed = await self.client.get(
                "/api/v1/declaraties",
                params={"aanbiederAgb": self.agb, "pageSize": "500"},
                headers=self.headers("controller"),
            )
            for row in listed.json()["results"]:
                if row["berichtId"] == str(bericht.bericht_id):
                    detail = await self.client.get(
                        f"/api/v1/declaraties/{row['id']}", headers=self.headers("controller")
                    )
                    result: dict[str, Any] = detail.json()
                    return result
            return None

        return await eventually(judged)

    async def outbox(self, event_type: str) -> list[dict[str, Any]]:
        """The events of a type the service has published (committed to its outbox)."""
        async with self.harness.sessionmaker() as session:
            rows = (
                await session.execute(
                    select(OutboxMessage.envelope)
                    .where(OutboxMessage.event_type == event_type)
                    .order_by(OutboxMessage.id)
                )
            ).scalars()
            return [row["data"] for row in rows]


class Declaratiebouwer:
    """Builds the DeclaratieOntvangen the gateway publishes for a Wmo323 of one aanbieder."""

    def __init__(self, regio: Regio, begin: date, end: date) -> None:
        self.regio = regio
        self.begin = begin
        self.end = end
        self.prestaties: list[Prestatie] = []

    def regel(
        self, toewijzing: ToewijzingAfgegeven, referentie: str, **overrides: Any
    ) -> "Declaratiebouwer":
        values: dict[str, Any] = {
            "referentie": referentie,
            "toewijzingnummer": toewijzing.toewijzingnummer,
            "client_pseudonym": toewijzing.client_pseudonym,
            "product": toewijzing.product,
            "begindatum": max(self.begin, toewijzing.ingangsdatum),
            "einddatum": self.end,
            "geleverd_volume": 12,
            "eenheid": "04",
            "product_tarief_cents": 6543,
            "debet_credit": "D",
        }
        values |= overrides
        values.setdefault(
            "ingediend_bedrag_cents", values["geleverd_volume"] * values["product_tarief_cents"]
        )
        self.prestaties.append(Prestatie(**values))
        return self

    def bericht(self, nummer: str, bericht_id: uuid.UUID | None = None) -> DeclaratieOntvangen:
        def signed(p: Prestatie) -> int:
            return -p.ingediend_bedrag_cents if p.debet_credit == "C" else p.ingediend_bedrag_cents

        return DeclaratieOntvangen(
            bericht_id=bericht_id or uuid.uuid4(),
            berichtidentificatie=f"B{nummer}",
            aanbieder_agb=self.regio.agb,
            gemeentecode=self.regio.gemeentecode,
            declaratienummer=nummer,
            declaratiedatum=self.end,
            periode_begin=self.begin,
            periode_eind=self.end,
            totaal_bedrag_cents=sum(signed(p) for p in self.prestaties),
            prestaties=self.prestaties,
        )

"""Test support of the contracting service: request bodies with sensible defaults, and the
contract events as a consuming service receives them from the real topic."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx

from wmo_common.calendar import today
from wmo_common.events.consumer import HandlerContext
from wmo_common.events.contracting import (
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
    ContractVerloopt,
    VerwervingsstrategieGepubliceerd,
)
from wmo_common.events.registry import Event
from wmo_contracting.settings import Settings
from wmo_testing.harness import ServiceHarness, eventually

CONTRACT_EVENTS: tuple[type[Event], ...] = (
    VerwervingsstrategieGepubliceerd,
    ContractGeactiveerd,
    ContractGewijzigd,
    ContractVerloopt,
    ContractBeeindigd,
)

HOOFDAANNEMER = {"aanbiederAgb": "11111111", "naam": "Coalitie Zorg", "rol": "hoofdaannemer"}
COMBINANT = {"aanbiederAgb": "22222222", "naam": "Samen Verder", "rol": "combinant"}


def onderaannemer(agb: str = "33333333") -> dict[str, Any]:
    return {
        "aanbiederAgb": agb,
        "naam": "Niche Zorg",
        "rol": "onderaannemer",
        "toestemmingsdatum": "2026-01-15",
        "reden": "niche-expertise",
        "evaluatiedatum": "2026-12-31",
    }


@dataclass
class Received:
    """Every contract event a consumer applied, as the typed model, by subject."""

    by_subject: dict[str, list[Event]] = field(default_factory=dict)

    async def on_event(self, session: Any, event: Any, context: HandlerContext[Any]) -> None:
        self.by_subject.setdefault(context.envelope.subject, []).append(event)

    def of(self, subject: uuid.UUID | str) -> list[Event]:
        return list(self.by_subject.get(str(subject), []))

    async def wait_for(self, subject: uuid.UUID | str, count: int) -> list[Event]:
        async def arrived() -> list[Event] | None:
            events = self.of(subject)
            return events if len(events) >= count else None

        return await eventually(arrived)


class Regio:
    """One test's calls to the contracting API, as a contract manager unless told otherwise."""

    def __init__(self, client: httpx.AsyncClient, harness: ServiceHarness[Settings]) -> None:
        self.client = client
        self.harness = harness
        self.beheerder = harness.headers("contract-manager", subject="inkoper@regio")

    async def post(
        self, path: str, body: dict[str, Any], role: str | None = None
    ) -> httpx.Response:
        headers = self.harness.headers(role) if role else self.beheerder
        return await self.client.post(f"/api/v1{path}", json=body, headers=headers)

    async def get(self, path: str, role: str = "controller") -> httpx.Response:
        return await self.client.get(f"/api/v1{path}", headers=self.harness.headers(role))

    async def segment(self, naam: str = "Begeleiding", gebieden: list[str] | None = None) -> str:
        body = {
            "naam": naam,
            "wet": "wmo",
            "doelgroep": "Volwassenen met begeleiding.",
            "gebieden": gebieden if gebieden is not None else ["West", "Tilburg", "Oost"],
        }
        response = await self.post("/segmenten", body)
        assert response.status_code == 201, response.text  # noqa: S101 - a test helper's check
        return str(response.json()["id"])

    async def product(self, code: str = "02A01", eenheid: str = "04") -> dict[str, str]:
        body = {
            "categorie": code[:2],
            "code": code,
            "naam": f"Begeleiding {code}",
            "eenheid": eenheid,
            "intensiteit": "midden",
        }
        response = await self.post("/producten", body)
        # Already in the catalogue is as good: tests build on the same few products.
        assert response.status_code in (201, 409), response.text  # noqa: S101 - a test helper's check
        return {"categorie": code[:2], "code": code}

    def contract_body(self, segment_id: str, **overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "contractnummer": "HVB-BEG-2026",
            "segmentId": segment_id,
            "ingangsdatum": "2026-01-01",
            "einddatum": "2029-12-31",
            "opzegtermijnMaanden": 6,
            "gebieden": ["Tilburg"],
            "bekostiging": {"model": "inspanningsgericht"},
            "partijen": [HOOFDAANNEMER, COMBINANT],
            "tarieven": [
                {
                    "product": {"categorie": "02", "code": "02A01"},
                    "bedragCents": 6543,
                    "geldigVanaf": "2026-01-01",
                }
            ],
            "verlengingsopties": [{"jaren": 2}, {"jaren": 2}],
        }
        return body | overrides

    async def contract(self, segment_id: str | None = None, **overrides: Any) -> dict[str, Any]:
        """A concept contract; product 02A01 is put in the catalogue first."""
        await self.product()
        segment_id = segment_id or await self.segment()
        response = await self.post("/contracten", self.contract_body(segment_id, **overrides))
        assert response.status_code == 201, response.text  # noqa: S101 - a test helper's check
        created: dict[str, Any] = response.json()
        return created

    async def active_contract(self, **overrides: Any) -> dict[str, Any]:
        contract = await self.contract(**overrides)
        response = await self.post(f"/contracten/{contract['id']}/activeringen", {})
        assert response.status_code == 200, response.text  # noqa: S101 - a test helper's check
        activated: dict[str, Any] = response.json()
        return activated


def relative(days: int) -> str:
    """A date relative to today as the service counts it (in the Netherlands), for rules that
    are measured against the real calendar."""
    return (today() + timedelta(days=days)).isoformat()

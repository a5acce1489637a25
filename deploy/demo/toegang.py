"""The intake of the demo's clienten through access's own service layer, in the demo's process.

Each step of a walk (melding, onderzoek and its afronding, ondersteuningsplan, aanvraag,
beschikking and its afgifte, toewijzing) calls the use case the API's route calls, with the
same body validated by the same schema: every rule, audit record and outbox event is the same,
with the consultant `demo` as the actor. A client's steps up to the afgifte share one
transaction (a consultant would commit each; nothing reads them in between), each attempt at a
toewijzing has its own, as a refusal rolls back. The running access service's relay sends the
events, as it does for contracting's seed (`python -m wmo_contracting.seed`). What this leaves
out is HTTP and the bearer token: a clean run's 1,200 intakes were 9,600 requests, and serving
them (uvicorn, middleware, token, serialisation, the demo's own HTTP client) cost more CPU than
the steps themselves (docs/benchmarks.md).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.aanvragen import service as aanvragen
from wmo_access.aanvragen.models import Aanvraag
from wmo_access.aanvragen.schemas import AanvraagCreate
from wmo_access.beschikkingen import service as beschikkingen
from wmo_access.beschikkingen.schemas import BeschikkingAfgifte, BeschikkingCreate
from wmo_access.clienten import service as clienten
from wmo_access.clienten.models import Client
from wmo_access.meldingen import service as meldingen
from wmo_access.meldingen.models import Melding
from wmo_access.meldingen.schemas import MeldingCreate
from wmo_access.ondersteuningsplannen import service as ondersteuningsplannen
from wmo_access.ondersteuningsplannen.models import Ondersteuningsplan
from wmo_access.ondersteuningsplannen.schemas import OndersteuningsplanCreate
from wmo_access.onderzoeken import service as onderzoeken
from wmo_access.onderzoeken.models import Onderzoek
from wmo_access.onderzoeken.schemas import OnderzoekAfronding, OnderzoekCreate
from wmo_access.settings import Settings
from wmo_access.toewijzingen import service as toewijzingen
from wmo_access.toewijzingen.schemas import ToewijzingCreate
from wmo_common.auth import Principal, Role
from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.problems import Problem

ACTOR = Principal(subject="demo", roles=frozenset({Role.CONSULTANT}))
"""Who the audit records and the logboek name: the demo, as a consultant."""


class Toegang:
    """Access's use cases on its own database (`settings.database_url`)."""

    def __init__(self, settings: Settings, pool_size: int) -> None:
        self.settings = settings
        self._engine = create_engine(settings.database_url, pool_size)
        self._sessions = create_sessionmaker(self._engine, settings.source)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self._engine.dispose()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One transaction for several steps, committed at the end (rolled back on an error)."""
        async with self._sessions() as session, session.begin():
            yield session

    async def find_client(self, bsn: str) -> uuid.UUID | None:
        """`POST /clienten/_zoek`: the search is recorded, as every search is."""
        async with self.transaction() as session:
            found = await clienten.search_clienten(
                session, bsn, pseudonym_key=self.settings.pseudonym_key, actor=ACTOR
            )
        return found[0].id if found else None

    @staticmethod
    async def client(session: AsyncSession, client_id: uuid.UUID) -> Client:
        """The client every step of the intake loads: the caller keeps it, so the session's
        identity map (weak references) answers those loads without a query."""
        return await clienten.load_client(session, client_id)

    @staticmethod
    async def melding(session: AsyncSession, body: dict[str, Any]) -> Melding:
        data = MeldingCreate.model_validate(body)
        return await meldingen.create_melding(session, data, actor=ACTOR)

    @staticmethod
    async def onderzoek(session: AsyncSession, body: dict[str, Any]) -> Onderzoek:
        data = OnderzoekCreate.model_validate(body)
        return await onderzoeken.create_onderzoek(session, data, actor=ACTOR)

    @staticmethod
    async def afronding(
        session: AsyncSession, onderzoek_id: uuid.UUID, body: dict[str, Any]
    ) -> None:
        data = OnderzoekAfronding.model_validate(body)
        await onderzoeken.finish_onderzoek(session, onderzoek_id, data, actor=ACTOR)

    @staticmethod
    async def ondersteuningsplan(session: AsyncSession, body: dict[str, Any]) -> Ondersteuningsplan:
        data = OndersteuningsplanCreate.model_validate(body)
        plan, _ = await ondersteuningsplannen.create_ondersteuningsplan(session, data, actor=ACTOR)
        return plan

    @staticmethod
    async def aanvraag(session: AsyncSession, body: dict[str, Any]) -> Aanvraag:
        data = AanvraagCreate.model_validate(body)
        return await aanvragen.create_aanvraag(session, data, actor=ACTOR)

    @staticmethod
    async def beschikking(
        session: AsyncSession, body: dict[str, Any], afgifte: dict[str, Any]
    ) -> uuid.UUID:
        """A concept beschikking, then its afgifte at the version just written (If-Match);
        returns the id of its one indicatie."""
        data = BeschikkingCreate.model_validate(body)
        concept, _ = await beschikkingen.create_beschikking(session, data, actor=ACTOR)
        afgiftedatum = BeschikkingAfgifte.model_validate(afgifte).afgiftedatum
        _, indicaties = await beschikkingen.issue_beschikking(
            session, concept.id, afgiftedatum, versie=concept.versie, actor=ACTOR
        )
        return indicaties[0].id

    async def toewijzing(self, body: dict[str, Any]) -> Problem | None:
        """Assign, in a transaction of its own; the problem when the rules refuse (full,
        blocked, no contract yet)."""
        data = ToewijzingCreate.model_validate(body)
        try:
            async with self.transaction() as session:
                await toewijzingen.create_toewijzing(
                    session, data, field_key_gateway=self.settings.field_key_gateway, actor=ACTOR
                )
        except Problem as refused:
            return refused
        return None

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal, Role, require_roles
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_finance.cak_meldingen import repository, service
from wmo_finance.cak_meldingen.handlers import TIJDZONE
from wmo_finance.cak_meldingen.models import CakMelding
from wmo_finance.cak_meldingen.schemas import (
    AntwoordCreate,
    Berichtcode,
    CakMeldingRead,
    EigenBijdrageProductCreate,
    EigenBijdrageProductRead,
    Status,
    VerzendingCreate,
)

router = APIRouter(tags=["cak-meldingen"])

VERWERKINGSACTIVITEIT = "eigen-bijdrage-cak"

Controller = Annotated[Principal, Depends(require_roles(Role.CONTROLLER))]
# The eigen bijdrage says something about a person's care: only finance and its auditors.
MeldingLezer = Annotated[Principal, Depends(require_roles(Role.CONTROLLER, Role.AUDITOR))]
RegelLezer = Annotated[
    Principal, Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR))
]
RegelId = Annotated[uuid.UUID, Path(alias="regelId", description="Id van de regel.")]
MeldingId = Annotated[uuid.UUID, Path(alias="cakMeldingId", description="Id van de melding.")]


@router.get("/eigen-bijdrage-producten", response_model=Page[EigenBijdrageProductRead])
async def list_eigen_bijdrage_producten(
    request: Request, response: Response, session: DbSession, paging: Paging, _: RegelLezer
) -> Page[EigenBijdrageProductRead]:
    """Welke producten een eigen bijdrage dragen (abonnementstarief of beschermd wonen)."""
    rules = await repository.list_product_rules(session)
    results = [
        EigenBijdrageProductRead.model_validate(r, from_attributes=True)
        for r in rules[paging.offset : paging.offset + paging.page_size]
    ]
    return paginate(request, response, results, len(rules), paging)


@router.post(
    "/eigen-bijdrage-producten",
    status_code=status.HTTP_201_CREATED,
    response_model=EigenBijdrageProductRead,
)
async def create_eigen_bijdrage_product(
    body: EigenBijdrageProductCreate, session: DbSession, _: Controller, response: Response
) -> EigenBijdrageProductRead:
    """Leg vast dat een productcategorie of -code een eigen bijdrage draagt, en welke soort.
    Lopende zorg in dat product krijgt meteen de CAK-meldingen die daaruit volgen."""
    rule = await service.create_product_rule(session, body, today=_today())
    read = EigenBijdrageProductRead.model_validate(rule, from_attributes=True)
    await session.commit()
    response.headers["Location"] = f"/api/v1/eigen-bijdrage-producten/{rule.id}"
    return read


@router.delete("/eigen-bijdrage-producten/{regelId}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_eigen_bijdrage_product(
    regel_id: RegelId, session: DbSession, _: Controller
) -> Response:
    """Schrap een regel; meldingen die nog niet verzonden zijn vervallen, verzonden worden
    ingetrokken."""
    await service.delete_product_rule(session, regel_id, today=_today())
    await session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/cak-meldingen", response_model=Page[CakMeldingRead])
async def list_cak_meldingen(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MeldingLezer,
    status_: Annotated[
        Status | None, Query(alias="status", description="Alleen deze status.")
    ] = None,
    berichtcode: Annotated[
        Berichtcode | None, Query(description="405 abonnementstarief, 407 beschermd wonen.")
    ] = None,
    gemeentecode: Annotated[
        str | None, Query(pattern=r"^\d{4}$", description="CBS-gemeentecode.")
    ] = None,
) -> Page[CakMeldingRead]:
    """De meldingen voor het CAK per cliënt (pseudoniem), eerst die het eerst verzonden moeten
    zijn. De gateway vult bij verzending BSN en naam aan; financiën kent die niet."""
    rows, count = await repository.list_page(
        session,
        repository.Filter(status=status_, berichtcode=berichtcode, gemeentecode=gemeentecode),
        offset=paging.offset,
        limit=paging.page_size,
    )
    for row in rows:
        await _audit(session, principal, Handeling.LEZEN, row)
    results = [CakMeldingRead.model_validate(r, from_attributes=True) for r in rows]
    await session.commit()
    return paginate(request, response, results, count, paging)


@router.get("/cak-meldingen/{cakMeldingId}", response_model=CakMeldingRead)
async def get_cak_melding(
    melding_id: MeldingId, session: DbSession, principal: MeldingLezer
) -> CakMeldingRead:
    """Eén CAK-melding met haar status en het antwoord van het CAK."""
    melding = await service.get_melding(session, melding_id)
    await _audit(session, principal, Handeling.LEZEN, melding)
    read = CakMeldingRead.model_validate(melding, from_attributes=True)
    await session.commit()
    return read


@router.post(
    "/cak-meldingen/{cakMeldingId}/verzendingen",
    status_code=status.HTTP_201_CREATED,
    response_model=CakMeldingRead,
)
async def create_verzending(
    melding_id: MeldingId, body: VerzendingCreate, session: DbSession, principal: Controller
) -> CakMeldingRead:
    """Leg vast dat de melding (als WMO405/407) naar het CAK is verzonden."""
    melding = await service.record_verzending(session, melding_id, body)
    await _audit(session, principal, Handeling.WIJZIGEN, melding)
    read = CakMeldingRead.model_validate(melding, from_attributes=True)
    await session.commit()
    return read


@router.post(
    "/cak-meldingen/{cakMeldingId}/antwoorden",
    status_code=status.HTTP_201_CREATED,
    response_model=CakMeldingRead,
)
async def create_antwoord(
    melding_id: MeldingId, body: AntwoordCreate, session: DbSession, principal: Controller
) -> CakMeldingRead:
    """Leg het antwoord van het CAK vast (WMO406 op een 405, WMO408 op een 407): bevestigd,
    of afgewezen met de retourcodes."""
    melding = await service.record_antwoord(session, melding_id, body)
    await _audit(session, principal, Handeling.WIJZIGEN, melding)
    read = CakMeldingRead.model_validate(melding, from_attributes=True)
    await session.commit()
    return read


async def _audit(
    session: AsyncSession, principal: Principal, handeling: Handeling, melding: CakMelding
) -> None:
    await audit.record(
        session,
        principal,
        verwerkingsactiviteit=VERWERKINGSACTIVITEIT,
        handeling=handeling,
        client_pseudonym=melding.client_pseudonym,
        resource=f"cak-melding/{melding.id}",
    )


def _today() -> date:
    return datetime.now(TIJDZONE).date()

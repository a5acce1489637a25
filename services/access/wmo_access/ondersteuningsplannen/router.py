from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_access.dependencies import OndersteuningsplanId, ResultaatId
from wmo_access.ondersteuningsplannen import service
from wmo_access.ondersteuningsplannen.schemas import (
    OndersteuningsplanCreate,
    OndersteuningsplanRead,
    ResultaatEvaluatie,
)
from wmo_access.rollen import MagToegangLezen, MagToegangWijzigen
from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/ondersteuningsplannen", tags=["ondersteuningsplannen"])

PlanSortering = Annotated[
    list[Sortering], Depends(sort_parameter(service.SORTEERVELDEN, "-vastgesteldOp"))
]
Planperiode = Annotated[Periode, Depends(period_parameter("vastgesteldOp"))]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=OndersteuningsplanRead)
async def create_ondersteuningsplan(
    body: OndersteuningsplanCreate,
    session: DbSession,
    principal: MagToegangWijzigen,
    response: Response,
) -> OndersteuningsplanRead:
    """Stel het ondersteuningsplan vast met SMART-resultaten en evaluatiemomenten."""
    plan, resultaten = await service.create_ondersteuningsplan(session, body, actor=principal)
    await session.commit()
    response.headers["Location"] = f"/api/v1/ondersteuningsplannen/{plan.id}"
    return service.to_read(plan, resultaten)


@router.get("", response_model=Page[OndersteuningsplanRead])
async def list_ondersteuningsplannen(
    request: Request,
    response: Response,
    session: DbSession,
    principal: MagToegangLezen,
    paging: Paging,
    sortering: PlanSortering,
    periode: Planperiode,
    client_id: Annotated[
        uuid.UUID | None,
        Query(alias="clientId", description="Alleen de plannen van deze cliënt."),
    ] = None,
) -> Page[OndersteuningsplanRead]:
    """Ondersteuningsplannen met hun resultaten en evaluaties, te filteren op cliënt en datum
    van vaststelling, standaard de nieuwste eerst; elk getoond plan wordt in het
    verwerkingenlogboek vastgelegd."""
    rows, count = await service.list_ondersteuningsplannen(
        session,
        client_id=client_id,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
        actor=principal,
    )
    await session.commit()
    results = [service.to_read(plan, resultaten) for plan, resultaten in rows]
    return paginate(request, response, results, count, paging)


@router.get("/{ondersteuningsplanId}", response_model=OndersteuningsplanRead)
async def get_ondersteuningsplan(
    plan_id: OndersteuningsplanId, session: DbSession, principal: MagToegangLezen
) -> OndersteuningsplanRead:
    """Eén ondersteuningsplan met zijn resultaten."""
    plan, resultaten = await service.get_ondersteuningsplan(session, plan_id, actor=principal)
    await session.commit()
    return service.to_read(plan, resultaten)


@router.post(
    "/{ondersteuningsplanId}/resultaten/{resultaatId}/evaluatie",
    response_model=OndersteuningsplanRead,
)
async def evaluate_resultaat(
    plan_id: OndersteuningsplanId,
    resultaat_id: ResultaatId,
    body: ResultaatEvaluatie,
    session: DbSession,
    principal: MagToegangWijzigen,
) -> OndersteuningsplanRead:
    """Leg vast of een resultaat behaald is; dat wordt gemeld met resultaat-geevalueerd."""
    plan, resultaten = await service.evaluate_resultaat(
        session, plan_id, resultaat_id, body, actor=principal
    )
    await session.commit()
    return service.to_read(plan, resultaten)

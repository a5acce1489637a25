from __future__ import annotations

from fastapi import APIRouter, Response, status

from wmo_access.dependencies import OndersteuningsplanId, ResultaatId
from wmo_access.ondersteuningsplannen import service
from wmo_access.ondersteuningsplannen.schemas import (
    OndersteuningsplanCreate,
    OndersteuningsplanRead,
    ResultaatEvaluatie,
)
from wmo_access.rollen import MagToegangLezen, MagToegangWijzigen
from wmo_common.db import DbSession

router = APIRouter(prefix="/ondersteuningsplannen", tags=["ondersteuningsplannen"])


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

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal, Role, require_roles
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_finance.budgetten import repository, service
from wmo_finance.budgetten.models import Budget
from wmo_finance.budgetten.schemas import BudgetCreate, BudgetRead

router = APIRouter(prefix="/budgetten", tags=["budgetten"])

Controller = Annotated[Principal, Depends(require_roles(Role.CONTROLLER))]
Lezer = Annotated[Principal, Depends(require_roles(Role.CONTROLLER, Role.AUDITOR))]
BudgetId = Annotated[uuid.UUID, Path(alias="budgetId", description="Id van de budgetregel.")]
Jaar = Annotated[int | None, Query(ge=2000, le=2100, description="Alleen dit begrotingsjaar.")]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=BudgetRead)
async def create_budget(
    body: BudgetCreate, session: DbSession, _: Controller, response: Response
) -> BudgetRead:
    """Stel een budgetregel vast voor een jaar en segment, regionaal of per gebied (in eurocent)."""
    budget = await service.create_budget(session, body)
    read = await _read(session, budget)
    await session.commit()
    response.headers["Location"] = f"/api/v1/budgetten/{budget.id}"
    return read


@router.get("", response_model=Page[BudgetRead])
async def list_budgetten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: Lezer,
    jaar: Jaar = None,
) -> Page[BudgetRead]:
    """De budgetregels met verplicht en gerealiseerd, op jaar, segment en gebied."""
    rows, count = await repository.list_page(
        session, offset=paging.offset, limit=paging.page_size, jaar=jaar
    )
    results = [await _read(session, r) for r in rows]
    return paginate(request, response, results, count, paging)


@router.get("/{budgetId}", response_model=BudgetRead)
async def get_budget(budget_id: BudgetId, session: DbSession, _: Lezer) -> BudgetRead:
    """Eén budgetregel op id, met wat verplicht en wat gerealiseerd is."""
    return await _read(session, await service.get_budget(session, budget_id))


async def _read(session: AsyncSession, budget: Budget) -> BudgetRead:
    verplicht, gerealiseerd = await service.stand(session, budget)
    return BudgetRead(
        id=budget.id,
        jaar=budget.jaar,
        segment_naam=budget.segment_naam,
        gebied=budget.gebied,
        bedrag_cents=budget.bedrag_cents,
        drempel_percentages=[int(p) for p in budget.drempel_percentages],
        verplicht_cents=verplicht,
        gerealiseerd_cents=gerealiseerd,
        created_at=budget.created_at,
    )

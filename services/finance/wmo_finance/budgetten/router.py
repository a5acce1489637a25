from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from wmo_common.auth import Principal, Role, require_roles
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_finance.budgetten import repository, service
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
    await session.commit()
    response.headers["Location"] = f"/api/v1/budgetten/{budget.id}"
    return BudgetRead.model_validate(budget, from_attributes=True)


@router.get("", response_model=Page[BudgetRead])
async def list_budgetten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: Lezer,
    jaar: Jaar = None,
) -> Page[BudgetRead]:
    """De budgetregels, op jaar, segment en gebied (regionaal eerst)."""
    rows, count = await repository.list_page(
        session, offset=paging.offset, limit=paging.page_size, jaar=jaar
    )
    results = [BudgetRead.model_validate(r, from_attributes=True) for r in rows]
    return paginate(request, response, results, count, paging)


@router.get("/{budgetId}", response_model=BudgetRead)
async def get_budget(budget_id: BudgetId, session: DbSession, _: Lezer) -> BudgetRead:
    """Eén budgetregel op id."""
    return BudgetRead.model_validate(
        await service.get_budget(session, budget_id), from_attributes=True
    )

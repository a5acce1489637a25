from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal, Role, ensure_own_agb, require_roles
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_finance.budgetten import repository, service
from wmo_finance.budgetten.models import Budget, Budgetplafond
from wmo_finance.budgetten.schemas import (
    BudgetCreate,
    BudgetplafondRead,
    BudgetplafondUpdate,
    BudgetRead,
)

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
    stand = await service.stand(session, budget)
    return BudgetRead(
        id=budget.id,
        jaar=budget.jaar,
        segment_naam=budget.segment_naam,
        gebied=budget.gebied,
        bedrag_cents=budget.bedrag_cents,
        drempel_percentages=[int(p) for p in budget.drempel_percentages],
        verplicht_cents=stand.verplicht_cents,
        gerealiseerd_cents=stand.gerealiseerd_cents,
        prognose_cents=stand.prognose_cents,
        prognose_maanden=stand.prognose_maanden,
        created_at=budget.created_at,
    )


plafonds_router = APIRouter(prefix="/budgetplafonds", tags=["budgetten"])

PlafondLezer = Annotated[
    Principal,
    Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR, Role.PROVIDER)),
]
PlafondId = Annotated[
    uuid.UUID, Path(alias="budgetplafondId", description="Id van het budgetplafond.")
]


@plafonds_router.get("", response_model=Page[BudgetplafondRead])
async def list_budgetplafonds(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: PlafondLezer,
    jaar: Jaar = None,
    aanbieder_agb: Annotated[
        str | None, Query(alias="aanbiederAgb", pattern=r"^\d{8}$", description="AGB-code.")
    ] = None,
) -> Page[BudgetplafondRead]:
    """De budgetplafonds per aanbieder, contract en jaar, met wat eronder verplicht is; een
    aanbieder ziet alleen de eigen."""
    if principal.is_provider_only:
        if aanbieder_agb is not None:
            ensure_own_agb(principal, aanbieder_agb)
        aanbieder_agb = principal.agb
    rows, count = await repository.list_plafonds(
        session,
        aanbieder_agb=aanbieder_agb,
        jaar=jaar,
        offset=paging.offset,
        limit=paging.page_size,
    )
    results = [await _read_plafond(session, r) for r in rows]
    return paginate(request, response, results, count, paging)


@plafonds_router.get("/{budgetplafondId}", response_model=BudgetplafondRead)
async def get_budgetplafond(
    plafond_id: PlafondId, session: DbSession, principal: PlafondLezer
) -> BudgetplafondRead:
    """Eén budgetplafond op id."""
    plafond = await service.get_plafond(session, plafond_id)
    ensure_own_agb(principal, plafond.aanbieder_agb)
    return await _read_plafond(session, plafond)


@plafonds_router.patch("/{budgetplafondId}", response_model=BudgetplafondRead)
async def update_budgetplafond(
    plafond_id: PlafondId, body: BudgetplafondUpdate, session: DbSession, _: Controller
) -> BudgetplafondRead:
    """Stel de drempels van een plafond in (standaard 70 %); een drempel die al is
    overschreden geeft meteen, eenmalig, het signaal."""
    plafond = await service.update_plafond(session, plafond_id, body)
    read = await _read_plafond(session, plafond)
    await session.commit()
    return read


async def _read_plafond(session: AsyncSession, plafond: Budgetplafond) -> BudgetplafondRead:
    return BudgetplafondRead(
        id=plafond.id,
        contract_id=plafond.contract_id,
        aanbieder_agb=plafond.aanbieder_agb,
        segment_id=plafond.segment_id,
        jaar=plafond.jaar,
        plafond_cents=plafond.plafond_cents,
        drempel_percentages=[int(p) for p in plafond.drempel_percentages],
        besteed_cents=await service.besteed_onder_plafond(session, plafond),
        created_at=plafond.created_at,
    )

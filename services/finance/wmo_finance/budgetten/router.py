from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_finance.budgetten import repository, service
from wmo_finance.budgetten.schemas import (
    BudgetCreate,
    BudgetplafondCreate,
    BudgetplafondRead,
    BudgetplafondUpdate,
    BudgetRead,
)
from wmo_finance.dependencies import AanbiederAgb, BudgetId, BudgetplafondId, Gemeente, SegmentId
from wmo_finance.rollen import MagBudgetplafondsLezen, MagBudgettenBeheren, MagBudgettenLezen

router = ApiRouter(prefix="/budgetten", tags=["budgetten"])

Jaar = Annotated[int | None, Query(ge=2000, le=2100, description="Alleen dit begrotingsjaar.")]
BudgetSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "jaar,segmentNaam"))
]
PlafondSortering = Annotated[
    list[Sortering],
    Depends(sort_parameter(tuple(repository.SORTEERVELDEN_PLAFONDS), "jaar,aanbiederAgb")),
]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=BudgetRead)
async def create_budget(
    body: BudgetCreate, session: DbSession, _: MagBudgettenBeheren, response: Response
) -> BudgetRead:
    """Stel een budgetregel vast voor een jaar en segment, voor de regio of één gemeente,
    regionaal of per gebied (in eurocent)."""
    budget = await service.create_budget(session, body)
    read = await service.to_read(session, budget)
    await session.commit()
    response.headers["Location"] = f"/api/v1/budgetten/{budget.id}"
    return read


@router.get("", response_model=Page[BudgetRead])
async def list_budgetten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: MagBudgettenLezen,
    sortering: BudgetSortering,
    jaar: Jaar = None,
    gemeente: Gemeente = None,
    segment_id: SegmentId = None,
) -> Page[BudgetRead]:
    """De budgetregels van de regio en per gemeente, met verplicht, gerealiseerd, openstaand
    en de prognose, op jaar, segment, gemeente en gebied."""
    results, count = await service.list_budgetten(
        session,
        jaar=jaar,
        gemeentecode=gemeente,
        segment_id=segment_id,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
    )
    return paginate(request, response, results, count, paging)


@router.get("/{budgetId}", response_model=BudgetRead)
async def get_budget(budget_id: BudgetId, session: DbSession, _: MagBudgettenLezen) -> BudgetRead:
    """Eén budgetregel op id, met wat verplicht en wat gerealiseerd is."""
    return await service.to_read(session, await service.get_budget(session, budget_id))


plafonds_router = ApiRouter(prefix="/budgetplafonds", tags=["budgetten"])


@plafonds_router.post("", status_code=status.HTTP_201_CREATED, response_model=BudgetplafondRead)
async def create_budgetplafond(
    body: BudgetplafondCreate, session: DbSession, _: MagBudgettenBeheren, response: Response
) -> BudgetplafondRead:
    """Stel het plafond van één gemeente in onder een contract in een jaar, naast het regionale
    plafond uit de bekostiging: het telt alleen de verplichtingen voor de cliënten van die
    gemeente, met dezelfde drempels (standaard 70 %)."""
    plafond = await service.create_gemeenteplafond(session, body)
    read = await service.plafond_to_read(session, plafond)
    await session.commit()
    response.headers["Location"] = f"/api/v1/budgetplafonds/{plafond.id}"
    return read


@plafonds_router.get("", response_model=Page[BudgetplafondRead])
async def list_budgetplafonds(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagBudgetplafondsLezen,
    sortering: PlafondSortering,
    jaar: Jaar = None,
    aanbieder_agb: AanbiederAgb = None,
    segment_id: SegmentId = None,
) -> Page[BudgetplafondRead]:
    """De budgetplafonds per aanbieder, contract en jaar, met wat eronder verplicht is; een
    aanbieder ziet alleen de eigen."""
    results, count = await service.list_plafonds(
        session,
        principal,
        aanbieder_agb=aanbieder_agb,
        jaar=jaar,
        segment_id=segment_id,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
    )
    return paginate(request, response, results, count, paging)


@plafonds_router.get("/{budgetplafondId}", response_model=BudgetplafondRead)
async def get_budgetplafond(
    plafond_id: BudgetplafondId, session: DbSession, principal: MagBudgetplafondsLezen
) -> BudgetplafondRead:
    """Eén budgetplafond op id."""
    return await service.read_plafond(session, plafond_id, principal)


@plafonds_router.patch("/{budgetplafondId}", response_model=BudgetplafondRead)
async def update_budgetplafond(
    plafond_id: BudgetplafondId,
    body: BudgetplafondUpdate,
    session: DbSession,
    _: MagBudgettenBeheren,
) -> BudgetplafondRead:
    """Stel de drempels van een plafond in (standaard 70 %); een drempel die al is
    overschreden geeft meteen, eenmalig, het signaal."""
    plafond = await service.update_plafond(session, plafond_id, body)
    read = await service.plafond_to_read(session, plafond)
    await session.commit()
    return read

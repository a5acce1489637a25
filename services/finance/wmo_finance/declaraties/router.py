from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, Response

from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_finance.declaraties import repository, service
from wmo_finance.declaraties.schemas import BetaalbatchRead, DeclaratieDetailRead, DeclaratieRead
from wmo_finance.dependencies import AanbiederAgb, DeclaratieId, Gemeente
from wmo_finance.rollen import MagDeclaratiesLezen

router = ApiRouter(tags=["declaraties"])

DeclaratieSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "-beoordeeldAt"))
]
Declaratieperiode = Annotated[Periode, Depends(period_parameter("declaratiedatum"))]
BetaalbatchSortering = Annotated[
    list[Sortering],
    Depends(
        sort_parameter(
            tuple(repository.SORTEERVELDEN_BETAALBATCHES), "-periode,aanbiederAgb,gemeentecode"
        )
    ),
]
Betaalperiode = Annotated[Periode, Depends(period_parameter("periode (eerste dag van de maand)"))]


@router.get("/declaraties", response_model=Page[DeclaratieRead])
async def list_declaraties(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagDeclaratiesLezen,
    sortering: DeclaratieSortering,
    periode: Declaratieperiode,
    aanbieder_agb: AanbiederAgb = None,
    gemeente: Gemeente = None,
    retourcode: Annotated[
        str | None,
        Query(
            pattern=r"^[0-9]{4}$",
            description="Alleen met dit oordeel: 8001 volledig toegekend, 0200 per regel "
            "beoordeeld.",
        ),
    ] = None,
) -> Page[DeclaratieRead]:
    """De beoordeelde declaraties, standaard nieuwste eerst, te filteren op aanbieder,
    gemeente, oordeel en declaratiedatum; een aanbieder ziet alleen de eigen. Het inzien wordt
    in het verwerkingenlogboek vastgelegd."""
    results, count = await service.list_declaraties(
        session,
        principal,
        aanbieder_agb=aanbieder_agb,
        gemeentecode=gemeente,
        retourcode=retourcode,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
    )
    await session.commit()
    return paginate(request, response, results, count, paging)


@router.get("/declaraties/{declaratieId}", response_model=DeclaratieDetailRead)
async def get_declaratie(
    declaratie_id: DeclaratieId, session: DbSession, principal: MagDeclaratiesLezen
) -> DeclaratieDetailRead:
    """Eén declaratie met het oordeel en de retourcodes per prestatie; het inzien wordt per
    cliënt in het verwerkingenlogboek vastgelegd. De declaratie van een andere aanbieder is voor
    een aanbieder onbekend (404)."""
    declaratie = await service.read_declaratie(session, declaratie_id, principal)
    await session.commit()
    return declaratie


@router.get("/betaalbatches", response_model=Page[BetaalbatchRead])
async def list_betaalbatches(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagDeclaratiesLezen,
    sortering: BetaalbatchSortering,
    periode: Betaalperiode,
    aanbieder_agb: AanbiederAgb = None,
    gemeente: Gemeente = None,
) -> Page[BetaalbatchRead]:
    """Te betalen bedragen per aanbieder, gemeente en maand: goedgekeurde declaraties en wat
    outputgerichte bekostiging betaalbaar stelde; een aanbieder ziet alleen de eigen."""
    results, count = await service.list_betaalbatches(
        session,
        principal,
        aanbieder_agb=aanbieder_agb,
        gemeentecode=gemeente,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
    )
    return paginate(request, response, results, count, paging)

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, Response

from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_gateway.rollen import MagTermijnenLezen
from wmo_gateway.termijnen import repository, service
from wmo_gateway.termijnen.schemas import OpenstaandAntwoord, Termijnstand

router = ApiRouter(tags=["termijnen"])

AanbiederAgb = Annotated[
    str | None,
    Query(alias="aanbiederAgb", pattern=r"^[0-9]{8}$", description="Alleen deze aanbieder."),
]
OpenstaandSortering = Annotated[
    list[Sortering],
    Depends(sort_parameter(tuple(repository.SORTEERVELDEN_OPENSTAAND), "antwoordDeadline")),
]


@router.get("/termijnstanden", response_model=list[Termijnstand])
async def list_termijnstanden(
    session: DbSession, principal: MagTermijnenLezen, aanbieder_agb: AanbiederAgb = None
) -> list[Termijnstand]:
    """Per aanbieder: hoeveel van onze berichten nog op hun retour wachten en hoeveel daarvan
    over de 3 werkdagen zijn, en hoeveel antwoorden wij nog schuldig zijn (en te laat)."""
    return await service.list_termijnstanden(session, principal, aanbieder_agb)


@router.get("/openstaande-antwoorden", response_model=Page[OpenstaandAntwoord])
async def list_openstaande_antwoorden(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagTermijnenLezen,
    sortering: OpenstaandSortering,
    aanbieder_agb: AanbiederAgb = None,
    berichtsoort: Annotated[
        str | None, Query(pattern=r"^WMO[0-9]{3}$", description="Alleen deze berichtsoort.")
    ] = None,
) -> Page[OpenstaandAntwoord]:
    """De ontvangen berichten die nog op ons antwoord wachten, standaard eerste termijn
    eerst."""
    results, count = await service.list_openstaande_antwoorden(
        session,
        principal,
        aanbieder_agb,
        berichtsoort=berichtsoort,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
    )
    return paginate(request, response, results, count, paging)

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_common.auth import ensure_own_agb, scoped_agb
from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.query import Datum
from wmo_common.routing import ApiRouter
from wmo_providers.aanbieders.service import get_aanbieder
from wmo_providers.dependencies import AfspraakId, AgbFilter, GesprekId
from wmo_providers.leveranciersgesprekken import repository, service
from wmo_providers.leveranciersgesprekken.schemas import (
    AfspraakCreate,
    AfspraakRead,
    AfspraakUpdate,
    LeveranciersgesprekCreate,
    LeveranciersgesprekRead,
)
from wmo_providers.rollen import MagAanbiedersBeheren, MagAanbiedersLezen

router = ApiRouter(prefix="/leveranciersgesprekken", tags=["leveranciersgesprekken"])

GesprekSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "-datum"))
]
Gespreksperiode = Annotated[Periode, Depends(period_parameter("datum"))]
AfspraakSortering = Annotated[
    list[Sortering],
    Depends(sort_parameter(tuple(repository.SORTEERVELDEN_AFSPRAKEN), "deadline")),
]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=LeveranciersgesprekRead)
async def record_leveranciersgesprek(
    body: LeveranciersgesprekCreate,
    session: DbSession,
    principal: MagAanbiedersBeheren,
    response: Response,
) -> LeveranciersgesprekRead:
    """Leg een leveranciersgesprek met een aanbieder vast: datum, deelnemers, besproken onderwerpen
    (zoals prestatie-indicatoren), verslag en afspraken, elk met een eigenaar en een deadline."""
    aanbieder = await get_aanbieder(session, body.agb)
    day = today()
    gesprek = await service.record_gesprek(session, aanbieder, body, principal.subject, day)
    await session.commit()
    response.headers["Location"] = f"/api/v1/leveranciersgesprekken/{gesprek.id}"
    return service.to_read(gesprek, aanbieder.agb, day)


@router.get("", response_model=Page[LeveranciersgesprekRead])
async def list_leveranciersgesprekken(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagAanbiedersLezen,
    agb: AgbFilter,
    sortering: GesprekSortering,
    periode: Gespreksperiode,
) -> Page[LeveranciersgesprekRead]:
    """Leveranciersgesprekken met hun afspraken, standaard nieuwste eerst; een aanbieder ziet
    alleen de zijne."""
    rows, count = await repository.list_page(
        session,
        offset=paging.offset,
        limit=paging.page_size,
        agb=scoped_agb(principal, agb),
        periode=periode,
        sortering=sortering,
    )
    day = today()
    results = [service.to_read(g, a, day) for g, a in rows]
    return paginate(request, response, results, count, paging)


@router.get("/verlopen-afspraken", response_model=Page[AfspraakRead])
async def list_verlopen_afspraken(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagAanbiedersLezen,
    agb: AgbFilter,
    sortering: AfspraakSortering,
    peildatum: Annotated[Datum | None, Query(description="Leeg: vandaag.")] = None,
) -> Page[AfspraakRead]:
    """Afspraken die nog open zijn terwijl hun deadline vóór de peildatum ligt, standaard
    langst verlopen eerst; een aanbieder ziet alleen de zijne."""
    day = peildatum or today()
    rows, count = await repository.verlopen_page(
        session,
        day,
        offset=paging.offset,
        limit=paging.page_size,
        agb=scoped_agb(principal, agb),
        sortering=sortering,
    )
    results = [service.afspraak_read(a, code, day) for a, code in rows]
    return paginate(request, response, results, count, paging)


@router.get("/{gesprekId}", response_model=LeveranciersgesprekRead)
async def get_leveranciersgesprek(
    gesprek_id: GesprekId, session: DbSession, principal: MagAanbiedersLezen
) -> LeveranciersgesprekRead:
    """Eén leveranciersgesprek met zijn afspraken; een aanbieder ziet alleen de zijne."""
    gesprek, agb = await service.get_gesprek(session, gesprek_id)
    ensure_own_agb(principal, agb)
    return service.to_read(gesprek, agb, today())


@router.post(
    "/{gesprekId}/afspraken", status_code=status.HTTP_201_CREATED, response_model=AfspraakRead
)
async def add_afspraak(
    gesprek_id: GesprekId, body: AfspraakCreate, session: DbSession, _: MagAanbiedersBeheren
) -> AfspraakRead:
    """Voeg een afspraak toe aan een leveranciersgesprek, met eigenaar en deadline."""
    gesprek, agb = await service.get_gesprek(session, gesprek_id)
    day = today()
    afspraak = await service.add_afspraak(session, gesprek, body, day)
    await session.commit()
    return service.afspraak_read(afspraak, agb, day)


@router.patch("/{gesprekId}/afspraken/{afspraakId}", response_model=AfspraakRead)
async def update_afspraak(
    gesprek_id: GesprekId,
    afspraak_id: AfspraakId,
    body: AfspraakUpdate,
    session: DbSession,
    _: MagAanbiedersBeheren,
) -> AfspraakRead:
    """Volg een afspraak op: zet hem op afgerond (of weer open), of wijzig eigenaar, deadline of
    omschrijving; alleen de meegestuurde velden veranderen en geen ervan kan leeg."""
    gesprek, agb = await service.get_gesprek(session, gesprek_id)
    day = today()
    afspraak = await service.update_afspraak(session, gesprek, afspraak_id, body, day)
    await session.commit()
    return service.afspraak_read(afspraak, agb, day)

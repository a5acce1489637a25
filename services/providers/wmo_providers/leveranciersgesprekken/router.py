from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from wmo_common.auth import ensure_own_agb
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_providers.aanbieders.service import get_aanbieder
from wmo_providers.dependencies import Beheerder, Lezer
from wmo_providers.kalender import vandaag
from wmo_providers.leveranciersgesprekken import repository, service
from wmo_providers.leveranciersgesprekken.schemas import (
    AfspraakCreate,
    AfspraakRead,
    AfspraakUpdate,
    LeveranciersgesprekCreate,
    LeveranciersgesprekRead,
)

router = APIRouter(prefix="/leveranciersgesprekken", tags=["leveranciersgesprekken"])

AgbFilter = Annotated[str | None, Query(pattern=r"^\d{8}$", description="Alleen deze aanbieder.")]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=LeveranciersgesprekRead)
async def record_leveranciersgesprek(
    body: LeveranciersgesprekCreate, session: DbSession, principal: Beheerder, response: Response
) -> LeveranciersgesprekRead:
    """Leg een leveranciersgesprek met een aanbieder vast: datum, deelnemers, besproken onderwerpen
    (zoals prestatie-indicatoren), verslag en afspraken, elk met een eigenaar en een deadline."""
    aanbieder = await get_aanbieder(session, body.agb)
    today = vandaag()
    gesprek = await service.record_gesprek(session, aanbieder, body, principal.subject, today)
    await session.commit()
    response.headers["Location"] = f"/api/v1/leveranciersgesprekken/{gesprek.id}"
    return service.to_read(gesprek, aanbieder.agb, today)


@router.get("", response_model=Page[LeveranciersgesprekRead])
async def list_leveranciersgesprekken(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: Lezer,
    agb: AgbFilter = None,
) -> Page[LeveranciersgesprekRead]:
    """Leveranciersgesprekken met hun afspraken, nieuwste eerst; een aanbieder ziet alleen de
    zijne."""
    if principal.is_provider_only:
        agb = principal.agb
    rows, count = await repository.list_page(
        session, offset=paging.offset, limit=paging.page_size, agb=agb
    )
    today = vandaag()
    results = [service.to_read(g, a, today) for g, a in rows]
    return paginate(request, response, results, count, paging)


@router.get("/verlopen-afspraken", response_model=Page[AfspraakRead])
async def list_verlopen_afspraken(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: Lezer,
    agb: AgbFilter = None,
    peildatum: Annotated[date | None, Query(description="Leeg: vandaag.")] = None,
) -> Page[AfspraakRead]:
    """Afspraken die nog open zijn terwijl hun deadline vóór de peildatum ligt, langst verlopen
    eerst; een aanbieder ziet alleen de zijne."""
    if principal.is_provider_only:
        agb = principal.agb
    today = peildatum or vandaag()
    rows, count = await repository.verlopen_page(
        session, today, offset=paging.offset, limit=paging.page_size, agb=agb
    )
    results = [service.afspraak_read(a, code, today) for a, code in rows]
    return paginate(request, response, results, count, paging)


@router.get("/{gesprek_id}", response_model=LeveranciersgesprekRead)
async def get_leveranciersgesprek(
    gesprek_id: uuid.UUID, session: DbSession, principal: Lezer
) -> LeveranciersgesprekRead:
    """Eén leveranciersgesprek met zijn afspraken; een aanbieder ziet alleen de zijne."""
    gesprek, agb = await service.get_gesprek(session, gesprek_id)
    ensure_own_agb(principal, agb)
    return service.to_read(gesprek, agb, vandaag())


@router.post(
    "/{gesprek_id}/afspraken", status_code=status.HTTP_201_CREATED, response_model=AfspraakRead
)
async def add_afspraak(
    gesprek_id: uuid.UUID, body: AfspraakCreate, session: DbSession, _: Beheerder
) -> AfspraakRead:
    """Voeg een afspraak toe aan een leveranciersgesprek, met eigenaar en deadline."""
    gesprek, agb = await service.get_gesprek(session, gesprek_id)
    today = vandaag()
    afspraak = await service.add_afspraak(session, gesprek, body, today)
    await session.commit()
    return service.afspraak_read(afspraak, agb, today)


@router.patch("/{gesprek_id}/afspraken/{afspraak_id}", response_model=AfspraakRead)
async def update_afspraak(
    gesprek_id: uuid.UUID,
    afspraak_id: uuid.UUID,
    body: AfspraakUpdate,
    session: DbSession,
    _: Beheerder,
) -> AfspraakRead:
    """Volg een afspraak op: zet hem op afgerond (of weer open), of wijzig eigenaar, deadline of
    omschrijving; alleen de meegestuurde velden veranderen en geen ervan kan leeg."""
    gesprek, agb = await service.get_gesprek(session, gesprek_id)
    today = vandaag()
    afspraak = await service.update_afspraak(session, gesprek, afspraak_id, body, today)
    await session.commit()
    return service.afspraak_read(afspraak, agb, today)

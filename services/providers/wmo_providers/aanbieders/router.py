from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response, status

from wmo_common.auth import ensure_own_agb, scoped_agb
from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_providers.aanbieders import repository, service
from wmo_providers.aanbieders.schemas import AanbiederCreate, AanbiederRead, AanbiederUpdate
from wmo_providers.dependencies import Agb
from wmo_providers.rollen import MagAanbiedersBeheren, MagAanbiedersLezen

router = ApiRouter(prefix="/aanbieders", tags=["aanbieders"])

AanbiederSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "naam"))
]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AanbiederRead)
async def register_aanbieder(
    body: AanbiederCreate, session: DbSession, _: MagAanbiedersBeheren, response: Response
) -> AanbiederRead:
    """Registreer een zorgaanbieder op AGB-code; andere diensten horen het via een event."""
    aanbieder = await service.register_aanbieder(session, body)
    await session.commit()
    response.headers["Location"] = f"/api/v1/aanbieders/{aanbieder.agb}"
    return await service.read_aanbieder(session, aanbieder, today())


@router.get("", response_model=Page[AanbiederRead])
async def list_aanbieders(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagAanbiedersLezen,
    sortering: AanbiederSortering,
) -> Page[AanbiederRead]:
    """De geregistreerde aanbieders, standaard op naam; een aanbieder ziet alleen zichzelf."""
    results, count = await service.list_aanbieders(
        session,
        offset=paging.offset,
        limit=paging.page_size,
        agb=scoped_agb(principal, None),
        sortering=sortering,
        today=today(),
    )
    return paginate(request, response, results, count, paging)


@router.get("/{agb}", response_model=AanbiederRead)
async def get_aanbieder(
    agb: Agb, session: DbSession, principal: MagAanbiedersLezen
) -> AanbiederRead:
    """Eén aanbieder op AGB-code, met de contracten waarin hij partij is en zijn rol daarin; een
    aanbieder kan alleen zijn eigen gegevens lezen."""
    ensure_own_agb(principal, agb)
    aanbieder = await service.get_aanbieder(session, agb)
    return await service.read_aanbieder(session, aanbieder, today())


@router.patch("/{agb}", response_model=AanbiederRead)
async def update_aanbieder(
    agb: Agb, body: AanbiederUpdate, session: DbSession, _: MagAanbiedersBeheren
) -> AanbiederRead:
    """Wijzig gegevens van een aanbieder (KvK, naam, adres, gebieden, capaciteit, contactpersonen);
    alleen de meegestuurde velden veranderen. Andere diensten horen het via een event."""
    aanbieder = await service.update_aanbieder(session, agb, body)
    await session.commit()
    return await service.read_aanbieder(session, aanbieder, today())

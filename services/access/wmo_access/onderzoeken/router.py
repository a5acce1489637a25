from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Depends, Query, Request, Response, status

from wmo_access.dependencies import OnderzoekId
from wmo_access.onderzoeken import service
from wmo_access.onderzoeken.schemas import (
    OnderzoekAfronding,
    OnderzoekCreate,
    OnderzoekRead,
    PersoonlijkPlanCreate,
)
from wmo_access.rollen import MagToegangLezen, MagToegangWijzigen
from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/onderzoeken", tags=["onderzoeken"])

OnderzoekSortering = Annotated[
    list[Sortering], Depends(sort_parameter(service.SORTEERVELDEN, "-startdatum"))
]
Onderzoeksperiode = Annotated[Periode, Depends(period_parameter("startdatum"))]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=OnderzoekRead)
async def create_onderzoek(
    body: OnderzoekCreate, session: DbSession, principal: MagToegangWijzigen, response: Response
) -> OnderzoekRead:
    """Start het onderzoek (keukentafelgesprek) naar aanleiding van een melding."""
    onderzoek = await service.create_onderzoek(session, body, actor=principal)
    await session.commit()
    response.headers["Location"] = f"/api/v1/onderzoeken/{onderzoek.id}"
    return service.to_read(onderzoek)


@router.get("", response_model=Page[OnderzoekRead])
async def list_onderzoeken(
    request: Request,
    response: Response,
    session: DbSession,
    principal: MagToegangLezen,
    paging: Paging,
    sortering: OnderzoekSortering,
    periode: Onderzoeksperiode,
    client_id: Annotated[
        uuid.UUID | None,
        Query(alias="clientId", description="Alleen de onderzoeken van deze cliënt."),
    ] = None,
    onderzoekstatus: Annotated[
        Literal["lopend", "afgerond"] | None,
        Query(alias="status", description="lopend: nog niet afgerond; afgerond: met conclusie."),
    ] = None,
) -> Page[OnderzoekRead]:
    """Onderzoeken, te filteren op cliënt, status en startdatum, standaard de nieuwste eerst;
    elk getoond onderzoek wordt in het verwerkingenlogboek vastgelegd."""
    rows, count = await service.list_onderzoeken(
        session,
        client_id=client_id,
        status=onderzoekstatus,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
        actor=principal,
    )
    await session.commit()
    return paginate(request, response, [service.to_read(o) for o in rows], count, paging)


@router.get("/{onderzoekId}", response_model=OnderzoekRead)
async def get_onderzoek(
    onderzoek_id: OnderzoekId, session: DbSession, principal: MagToegangLezen
) -> OnderzoekRead:
    """Eén onderzoek met het persoonlijk plan en de afweging van netwerk en voorliggend veld."""
    onderzoek = await service.get_onderzoek(session, onderzoek_id, actor=principal)
    await session.commit()
    return service.to_read(onderzoek)


@router.post("/{onderzoekId}/persoonlijk-plan", response_model=OnderzoekRead)
async def attach_persoonlijk_plan(
    onderzoek_id: OnderzoekId,
    body: PersoonlijkPlanCreate,
    session: DbSession,
    principal: MagToegangWijzigen,
) -> OnderzoekRead:
    """Voeg het persoonlijk plan van de cliënt toe; dat kan tot zeven dagen na de melding."""
    onderzoek = await service.attach_persoonlijk_plan(session, onderzoek_id, body, actor=principal)
    await session.commit()
    return service.to_read(onderzoek)


@router.post("/{onderzoekId}/afronding", response_model=OnderzoekRead)
async def finish_onderzoek(
    onderzoek_id: OnderzoekId,
    body: OnderzoekAfronding,
    session: DbSession,
    principal: MagToegangWijzigen,
) -> OnderzoekRead:
    """Rond het onderzoek af met de bijdrage van het eigen netwerk en de algemene voorzieningen."""
    onderzoek = await service.finish_onderzoek(session, onderzoek_id, body, actor=principal)
    await session.commit()
    return service.to_read(onderzoek)

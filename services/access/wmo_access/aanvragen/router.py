from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_access.aanvragen import service
from wmo_access.aanvragen.schemas import AanvraagCreate, AanvraagRead
from wmo_access.dependencies import AanvraagId
from wmo_access.rollen import MagToegangLezen, MagToegangWijzigen
from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.query import Datum
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/aanvragen", tags=["aanvragen"])

AanvraagSortering = Annotated[
    list[Sortering], Depends(sort_parameter(service.SORTEERVELDEN, "termijnDatum"))
]
Aanvraagperiode = Annotated[Periode, Depends(period_parameter("aanvraagdatum"))]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AanvraagRead)
async def create_aanvraag(
    body: AanvraagCreate, session: DbSession, principal: MagToegangWijzigen, response: Response
) -> AanvraagRead:
    """Leg een aanvraag vast; de termijn van twee weken voor de beschikking gaat in op de
    aanvraagdatum."""
    aanvraag = await service.create_aanvraag(session, body, actor=principal)
    await session.commit()
    response.headers["Location"] = f"/api/v1/aanvragen/{aanvraag.id}"
    return service.to_read(aanvraag, beschikt=False)


@router.get("", response_model=Page[AanvraagRead])
async def list_aanvragen(
    request: Request,
    response: Response,
    session: DbSession,
    principal: MagToegangLezen,
    paging: Paging,
    sortering: AanvraagSortering,
    periode: Aanvraagperiode,
    gemeentecode: Annotated[str | None, Query(pattern=r"^[0-9]{4}$")] = None,
    client_id: Annotated[
        uuid.UUID | None,
        Query(alias="clientId", description="Alleen de aanvragen van deze cliënt."),
    ] = None,
    termijn_overschreden: Annotated[
        bool,
        Query(
            alias="termijnOverschreden",
            description="Alleen aanvragen waarvan het onderzoek op de peildatum te laat is.",
        ),
    ] = False,
    peildatum: Annotated[Datum | None, Query(description="Leeg: vandaag.")] = None,
) -> Page[AanvraagRead]:
    """Aanvragen per gemeente of per cliënt, eventueel alleen die zonder beschikking na hun
    termijn of uit een periode; elke getoonde aanvraag wordt in het verwerkingenlogboek
    vastgelegd."""
    rows, count = await service.list_aanvragen(
        session,
        gemeentecode=gemeentecode,
        client_id=client_id,
        overschreden_op=(peildatum or today()) if termijn_overschreden else None,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
        actor=principal,
    )
    await session.commit()
    return paginate(request, response, [service.to_read(m, a) for m, a in rows], count, paging)


@router.get("/{aanvraagId}", response_model=AanvraagRead)
async def get_aanvraag(
    aanvraag_id: AanvraagId, session: DbSession, principal: MagToegangLezen
) -> AanvraagRead:
    """Eén aanvraag, met de uiterste datum van de beschikking."""
    aanvraag, beschikt = await service.get_aanvraag(session, aanvraag_id, actor=principal)
    await session.commit()
    return service.to_read(aanvraag, beschikt)

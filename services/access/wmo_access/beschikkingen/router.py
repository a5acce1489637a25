from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_access.beschikkingen import service
from wmo_access.beschikkingen.schemas import (
    BeschikkingAfgifte,
    BeschikkingCreate,
    BeschikkingRead,
    BeschikkingStatus,
    BeschikkingUpdate,
)
from wmo_access.dependencies import VERSIE_RESPONSES, BeschikkingId, IfMatch, set_etag
from wmo_access.dossiers import service as dossiers
from wmo_access.rollen import MagToegangLezen, MagToegangWijzigen
from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.openapi import with_etag
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/beschikkingen", tags=["beschikkingen"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=BeschikkingRead,
    responses=with_etag(201),
)
async def create_beschikking(
    body: BeschikkingCreate, session: DbSession, principal: MagToegangWijzigen, response: Response
) -> BeschikkingRead:
    """Stel een conceptbeschikking op met haar indicaties, getoetst aan de segmentregels."""
    beschikking, indicaties = await service.create_beschikking(session, body, actor=principal)
    await session.commit()
    response.headers["Location"] = f"/api/v1/beschikkingen/{beschikking.id}"
    set_etag(response, beschikking.versie)
    return service.to_read(beschikking, indicaties)


BeschikkingSortering = Annotated[
    list[Sortering], Depends(sort_parameter(dossiers.SORTEERVELDEN_BESCHIKKINGEN, "-createdAt"))
]
Afgifteperiode = Annotated[Periode, Depends(period_parameter("afgiftedatum"))]


@router.get("", response_model=Page[BeschikkingRead])
async def list_beschikkingen(
    request: Request,
    response: Response,
    session: DbSession,
    principal: MagToegangLezen,
    paging: Paging,
    sortering: BeschikkingSortering,
    periode: Afgifteperiode,
    client_id: Annotated[
        uuid.UUID | None,
        Query(alias="clientId", description="Alleen de beschikkingen van deze cliënt."),
    ] = None,
    beschikkingstatus: Annotated[BeschikkingStatus | None, Query(alias="status")] = None,
) -> Page[BeschikkingRead]:
    """Beschikkingen met hun indicaties, te filteren op cliënt, status en afgiftedatum,
    standaard de nieuwste eerst; elke getoonde beschikking wordt in het verwerkingenlogboek
    vastgelegd."""
    rows, count = await dossiers.list_beschikkingen(
        session,
        client_id=client_id,
        status=beschikkingstatus,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
        actor=principal,
    )
    await session.commit()
    results = [service.to_read(b, indicaties) for b, indicaties in rows]
    return paginate(request, response, results, count, paging)


@router.get("/{beschikkingId}", response_model=BeschikkingRead, responses=with_etag(200))
async def get_beschikking(
    beschikking_id: BeschikkingId,
    session: DbSession,
    principal: MagToegangLezen,
    response: Response,
) -> BeschikkingRead:
    """Eén beschikking met haar indicaties; de ETag is nodig om een concept te wijzigen."""
    beschikking, indicaties = await service.get_beschikking(
        session, beschikking_id, actor=principal
    )
    await session.commit()
    set_etag(response, beschikking.versie)
    return service.to_read(beschikking, indicaties)


@router.put(
    "/{beschikkingId}", response_model=BeschikkingRead, responses=with_etag(200, VERSIE_RESPONSES)
)
async def update_beschikking(
    beschikking_id: BeschikkingId,
    body: BeschikkingUpdate,
    principal: MagToegangWijzigen,
    versie: IfMatch,
    session: DbSession,
    response: Response,
) -> BeschikkingRead:
    """Vervang de indicaties van een conceptbeschikking (If-Match verplicht). Een afgegeven
    beschikking wijzigt niet: een nieuwe beschikking met `vervangtId` vervangt haar."""
    beschikking, indicaties = await service.update_beschikking(
        session, beschikking_id, body.indicaties, versie=versie, actor=principal
    )
    await session.commit()
    set_etag(response, beschikking.versie)
    return service.to_read(beschikking, indicaties)


@router.post(
    "/{beschikkingId}/afgifte",
    response_model=BeschikkingRead,
    responses=with_etag(200, VERSIE_RESPONSES),
)
async def issue_beschikking(
    beschikking_id: BeschikkingId,
    body: BeschikkingAfgifte,
    principal: MagToegangWijzigen,
    versie: IfMatch,
    session: DbSession,
    response: Response,
) -> BeschikkingRead:
    """Geef de beschikking af (If-Match verplicht: afgegeven wordt wat gelezen is); dat wordt
    gemeld met beschikking-afgegeven."""
    beschikking, indicaties = await service.issue_beschikking(
        session, beschikking_id, body.afgiftedatum, versie=versie, actor=principal
    )
    await session.commit()
    set_etag(response, beschikking.versie)
    return service.to_read(beschikking, indicaties)

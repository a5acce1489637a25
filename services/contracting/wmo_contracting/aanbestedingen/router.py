from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_contracting.aanbestedingen import repository, service
from wmo_contracting.aanbestedingen.schemas import AanbestedingCreate, AanbestedingRead, Gunning
from wmo_contracting.dependencies import AanbestedingId, PerceelId
from wmo_contracting.rollen import MagInkoopBeheren, MagInkoopLezen

router = ApiRouter(prefix="/aanbestedingen", tags=["aanbestedingen"])

AanbestedingSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "naam"))
]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AanbestedingRead)
async def create_aanbesteding(
    body: AanbestedingCreate, session: DbSession, _: MagInkoopBeheren, response: Response
) -> AanbestedingRead:
    """Leg een aanbesteding van een segment vast: de procedure en de percelen per gebied."""
    aanbesteding = await service.create_aanbesteding(session, body)
    await session.commit()
    response.headers["Location"] = f"/api/v1/aanbestedingen/{aanbesteding.id}"
    return service.to_read(aanbesteding)


@router.get("", response_model=Page[AanbestedingRead])
async def list_aanbestedingen(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: MagInkoopLezen,
    sortering: AanbestedingSortering,
    segment_id: Annotated[
        uuid.UUID | None, Query(alias="segmentId", description="Alleen van dit segment.")
    ] = None,
) -> Page[AanbestedingRead]:
    """De aanbestedingen, standaard op naam, met hun percelen en gunningen."""
    rows, count = await repository.list_page(
        session,
        segment_id=segment_id,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
    )
    return paginate(request, response, [service.to_read(r) for r in rows], count, paging)


@router.get("/{aanbestedingId}", response_model=AanbestedingRead)
async def get_aanbesteding(
    aanbesteding_id: AanbestedingId, session: DbSession, _: MagInkoopLezen
) -> AanbestedingRead:
    """Eén aanbesteding met haar percelen en wie welk perceel won."""
    return service.to_read(await service.get_aanbesteding(session, aanbesteding_id))


@router.post(
    "/{aanbestedingId}/percelen/{perceelId}/gunningen",
    status_code=status.HTTP_201_CREATED,
    response_model=AanbestedingRead,
)
async def award_perceel(
    aanbesteding_id: AanbestedingId,
    perceel_id: PerceelId,
    body: Gunning,
    session: DbSession,
    actor: MagInkoopBeheren,
) -> AanbestedingRead:
    """Gun een perceel aan de winnende aanbieder of combinatie (met haar hoofdaannemer)."""
    aanbesteding = await service.award_perceel(session, aanbesteding_id, perceel_id, body, actor)
    await session.commit()
    return service.to_read(aanbesteding)

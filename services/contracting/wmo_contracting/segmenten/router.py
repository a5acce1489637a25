from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_contracting.dependencies import SegmentId
from wmo_contracting.rollen import MagInkoopBeheren, MagInkoopLezen
from wmo_contracting.segmenten import repository, service
from wmo_contracting.segmenten.schemas import SegmentCreate, SegmentRead, Wet

router = ApiRouter(prefix="/segmenten", tags=["segmenten"])

SegmentSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "naam"))
]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SegmentRead)
async def create_segment(
    body: SegmentCreate, session: DbSession, _: MagInkoopBeheren, response: Response
) -> SegmentRead:
    """Leg een inkoopsegment vast: een deel van het zorglandschap met een eigen markt en aanpak."""
    segment = await service.create_segment(session, body)
    await session.commit()
    response.headers["Location"] = f"/api/v1/segmenten/{segment.id}"
    return service.to_read(segment)


@router.get("", response_model=Page[SegmentRead])
async def list_segmenten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: MagInkoopLezen,
    sortering: SegmentSortering,
    wet: Annotated[Wet | None, Query(description="Alleen de segmenten onder deze wet.")] = None,
) -> Page[SegmentRead]:
    """De inkoopsegmenten, standaard op naam."""
    rows, count = await repository.list_page(
        session, wet=wet, sortering=sortering, offset=paging.offset, limit=paging.page_size
    )
    return paginate(request, response, [service.to_read(r) for r in rows], count, paging)


@router.get("/{segmentId}", response_model=SegmentRead)
async def get_segment(segment_id: SegmentId, session: DbSession, _: MagInkoopLezen) -> SegmentRead:
    """Eén inkoopsegment op id."""
    return service.to_read(await service.get_segment(session, segment_id))

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_contracting.dependencies import Beheerder, Lezer, SegmentId
from wmo_contracting.segmenten import repository, service
from wmo_contracting.segmenten.schemas import SegmentCreate, SegmentRead

router = APIRouter(prefix="/segmenten", tags=["segmenten"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SegmentRead)
async def create_segment(
    body: SegmentCreate, session: DbSession, _: Beheerder, response: Response
) -> SegmentRead:
    """Leg een inkoopsegment vast: een deel van het zorglandschap met een eigen markt en aanpak."""
    segment = await service.create_segment(session, body)
    await session.commit()
    response.headers["Location"] = f"/api/v1/segmenten/{segment.id}"
    return SegmentRead.model_validate(segment, from_attributes=True)


@router.get("", response_model=Page[SegmentRead])
async def list_segmenten(
    request: Request, response: Response, session: DbSession, paging: Paging, _: Lezer
) -> Page[SegmentRead]:
    """De inkoopsegmenten, op naam."""
    rows, count = await repository.list_page(session, offset=paging.offset, limit=paging.page_size)
    results = [SegmentRead.model_validate(r, from_attributes=True) for r in rows]
    return paginate(request, response, results, count, paging)


@router.get("/{segmentId}", response_model=SegmentRead)
async def get_segment(segment_id: SegmentId, session: DbSession, _: Lezer) -> SegmentRead:
    """Eén inkoopsegment op id."""
    return SegmentRead.model_validate(
        await service.get_segment(session, segment_id), from_attributes=True
    )

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_contracting.dependencies import SegmentId, StrategieId
from wmo_contracting.rollen import MagInkoopBeheren, MagInkoopLezen
from wmo_contracting.segmenten.service import get_segment
from wmo_contracting.verwervingsstrategieen import repository, service
from wmo_contracting.verwervingsstrategieen.schemas import (
    Strategiestatus,
    VerwervingsstrategieCreate,
    VerwervingsstrategieRead,
)

router = ApiRouter(tags=["verwervingsstrategieen"])

StrategieSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "-versie"))
]


@router.post(
    "/segmenten/{segmentId}/verwervingsstrategieen",
    status_code=status.HTTP_201_CREATED,
    response_model=VerwervingsstrategieRead,
)
async def create_verwervingsstrategie(
    segment_id: SegmentId,
    body: VerwervingsstrategieCreate,
    session: DbSession,
    actor: MagInkoopBeheren,
    response: Response,
) -> VerwervingsstrategieRead:
    """Leg een nieuwe versie van de verwervingsstrategie van een segment vast, als concept: de
    vier instrumenten toegang, bekostiging, leveranciersmanagement en contract samen."""
    strategie = await service.create_verwervingsstrategie(session, segment_id, body, actor)
    await session.commit()
    response.headers["Location"] = f"/api/v1/verwervingsstrategieen/{strategie.id}"
    return service.to_read(strategie)


@router.get(
    "/segmenten/{segmentId}/verwervingsstrategieen",
    response_model=Page[VerwervingsstrategieRead],
)
async def list_verwervingsstrategieen(
    segment_id: SegmentId,
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: MagInkoopLezen,
    sortering: StrategieSortering,
    strategiestatus: Annotated[
        Strategiestatus | None, Query(alias="status", description="Alleen met deze status.")
    ] = None,
) -> Page[VerwervingsstrategieRead]:
    """De versies van de verwervingsstrategie van een segment, standaard nieuwste eerst."""
    await get_segment(session, segment_id)
    rows, count = await repository.list_page(
        session,
        segment_id,
        status=strategiestatus,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
    )
    return paginate(request, response, [service.to_read(r) for r in rows], count, paging)


@router.get(
    "/verwervingsstrategieen/{verwervingsstrategieId}", response_model=VerwervingsstrategieRead
)
async def get_verwervingsstrategie(
    strategie_id: StrategieId, session: DbSession, _: MagInkoopLezen
) -> VerwervingsstrategieRead:
    """Eén versie van een verwervingsstrategie."""
    return service.to_read(await service.get_verwervingsstrategie(session, strategie_id))


@router.post(
    "/verwervingsstrategieen/{verwervingsstrategieId}/publicaties",
    response_model=VerwervingsstrategieRead,
)
async def publish_verwervingsstrategie(
    strategie_id: StrategieId, session: DbSession, actor: MagInkoopBeheren
) -> VerwervingsstrategieRead:
    """Publiceer een conceptversie: zij vervangt de gepubliceerde versie van het segment en
    toegang en financiën volgen haar regels (event verwervingsstrategie-gepubliceerd)."""
    strategie = await service.publish_verwervingsstrategie(session, strategie_id, actor)
    await session.commit()
    return service.to_read(strategie)

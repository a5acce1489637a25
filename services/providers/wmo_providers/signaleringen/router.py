from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_common.auth import ensure_own_agb, scoped_agb
from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_providers.aanbieders.service import get_aanbieder
from wmo_providers.dependencies import AgbFilter, SignaleringId
from wmo_providers.rollen import MagAanbiedersBeheren, MagAanbiedersLezen
from wmo_providers.signaleringen import repository, service
from wmo_providers.signaleringen.schemas import Opheffing, SignaleringCreate, SignaleringRead

router = ApiRouter(prefix="/signaleringen", tags=["signaleringen"])

SignaleringSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "-createdAt"))
]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SignaleringRead)
async def create_signalering(
    body: SignaleringCreate, session: DbSession, principal: MagAanbiedersBeheren
) -> SignaleringRead:
    """Signaleer een aanbieder handmatig (bijvoorbeeld na een leveranciersgesprek); toegang hoort
    het via het event aanbieder-gesignaleerd."""
    aanbieder = await get_aanbieder(session, body.agb)
    signalering = await service.raise_signalering(
        session,
        aanbieder,
        reden=body.reden,
        actor=principal.subject,
        segment_id=body.segment_id,
        is_blokkerend=body.is_blokkerend,
    )
    await session.commit()
    return service.to_read(signalering, aanbieder.agb)


@router.get("", response_model=Page[SignaleringRead])
async def list_signaleringen(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagAanbiedersLezen,
    agb: AgbFilter,
    sortering: SignaleringSortering,
    is_open: Annotated[
        bool | None, Query(alias="isOpen", description="Alleen open (true) of opgeheven (false).")
    ] = None,
    segment_id: Annotated[
        uuid.UUID | None,
        Query(alias="segmentId", description="Alleen de signaleringen voor dit segment."),
    ] = None,
) -> Page[SignaleringRead]:
    """Signaleringen, standaard nieuwste eerst; een aanbieder ziet alleen de zijne."""
    rows, count = await repository.list_page(
        session,
        offset=paging.offset,
        limit=paging.page_size,
        agb=scoped_agb(principal, agb),
        is_open=is_open,
        segment_id=segment_id,
        sortering=sortering,
    )
    results = [service.to_read(s, a) for s, a in rows]
    return paginate(request, response, results, count, paging)


@router.get("/{signaleringId}", response_model=SignaleringRead)
async def get_signalering(
    signalering_id: SignaleringId, session: DbSession, principal: MagAanbiedersLezen
) -> SignaleringRead:
    """Eén signalering; een aanbieder ziet alleen de zijne."""
    signalering, agb = await service.get_signalering(session, signalering_id)
    ensure_own_agb(principal, agb)
    return service.to_read(signalering, agb)


@router.post("/{signaleringId}/opheffingen", response_model=SignaleringRead)
async def lift_signalering(
    signalering_id: SignaleringId,
    body: Opheffing,
    session: DbSession,
    principal: MagAanbiedersBeheren,
) -> SignaleringRead:
    """Hef een signalering op, met een reden; toegang hoort het via signalering-opgeheven."""
    signalering, agb = await service.get_signalering(session, signalering_id)
    await service.lift(session, signalering, agb, reden=body.reden, actor=principal.subject)
    await session.commit()
    return service.to_read(signalering, agb)

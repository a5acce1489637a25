from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from wmo_common.auth import ensure_own_agb, scoped_agb
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_providers.aanbieders.service import get_aanbieder
from wmo_providers.dependencies import AgbFilter, SignaleringId
from wmo_providers.rollen import MagAanbiedersBeheren, MagAanbiedersLezen
from wmo_providers.signaleringen import repository, service
from wmo_providers.signaleringen.schemas import Opheffing, SignaleringCreate, SignaleringRead

router = APIRouter(prefix="/signaleringen", tags=["signaleringen"])


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
    is_open: Annotated[bool | None, Query(alias="isOpen")] = None,
) -> Page[SignaleringRead]:
    """Signaleringen, nieuwste eerst; een aanbieder ziet alleen de zijne."""
    rows, count = await repository.list_page(
        session,
        offset=paging.offset,
        limit=paging.page_size,
        agb=scoped_agb(principal, agb),
        is_open=is_open,
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

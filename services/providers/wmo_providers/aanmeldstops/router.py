from __future__ import annotations

from fastapi import Response, status

from wmo_common.auth import ensure_own_agb
from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.routing import ApiRouter
from wmo_providers.aanbieders.service import get_aanbieder
from wmo_providers.aanmeldstops import service
from wmo_providers.aanmeldstops.schemas import (
    AanmeldstopBeeindiging,
    AanmeldstopCreate,
    AanmeldstopRead,
)
from wmo_providers.dependencies import AanmeldstopId, Agb
from wmo_providers.rollen import MagAanbiedersLezen, MagAanmeldstopsBeheren

router = ApiRouter(tags=["aanmeldstops"])


@router.post(
    "/aanbieders/{agb}/aanmeldstops",
    status_code=status.HTTP_201_CREATED,
    response_model=AanmeldstopRead,
)
async def announce_aanmeldstop(
    agb: Agb,
    body: AanmeldstopCreate,
    session: DbSession,
    principal: MagAanmeldstopsBeheren,
    response: Response,
) -> AanmeldstopRead:
    """Kondig een aanmeldstop aan (Contractstandaarden Wmo art. 3.6): schriftelijk, met reden,
    voor een product en/of gebied, minstens 14 dagen vooraf. Vanaf de ingangsdatum weigert de
    toegang nieuwe toewijzingen aan deze aanbieder daarvoor; een aanbieder kondigt alleen zijn
    eigen stop aan."""
    ensure_own_agb(principal, agb)
    aanbieder = await get_aanbieder(session, agb)
    stop = await service.announce_aanmeldstop(session, aanbieder, body, today())
    await session.commit()
    response.headers["Location"] = f"/api/v1/aanbieders/{agb}/aanmeldstops/{stop.id}"
    return service.to_read(stop, agb, today())


@router.get("/aanbieders/{agb}/aanmeldstops", response_model=list[AanmeldstopRead])
async def list_aanmeldstops(
    agb: Agb, session: DbSession, principal: MagAanbiedersLezen
) -> list[AanmeldstopRead]:
    """De aanmeldstops van een aanbieder, nieuwste ingangsdatum eerst."""
    ensure_own_agb(principal, agb)
    aanbieder = await get_aanbieder(session, agb)
    return [
        service.to_read(s, agb, today())
        for s in await service.list_aanmeldstops(session, aanbieder)
    ]


@router.get("/aanbieders/{agb}/aanmeldstops/{aanmeldstopId}", response_model=AanmeldstopRead)
async def get_aanmeldstop(
    agb: Agb, aanmeldstop_id: AanmeldstopId, session: DbSession, principal: MagAanbiedersLezen
) -> AanmeldstopRead:
    """Eén aanmeldstop."""
    ensure_own_agb(principal, agb)
    aanbieder = await get_aanbieder(session, agb)
    stop = await service.get_aanmeldstop(session, aanbieder, aanmeldstop_id)
    return service.to_read(stop, agb, today())


@router.post(
    "/aanbieders/{agb}/aanmeldstops/{aanmeldstopId}/beeindigingen",
    response_model=AanmeldstopRead,
)
async def end_aanmeldstop(
    agb: Agb,
    aanmeldstop_id: AanmeldstopId,
    body: AanmeldstopBeeindiging,
    session: DbSession,
    principal: MagAanmeldstopsBeheren,
) -> AanmeldstopRead:
    """Beëindig een aanmeldstop: de laatste dag wordt de einddatum (leeg: vandaag). Beëindigen
    vóór de ingangsdatum trekt de stop in. De toegang hoort het via een event."""
    ensure_own_agb(principal, agb)
    aanbieder = await get_aanbieder(session, agb)
    stop = await service.end_aanmeldstop(session, aanbieder, aanmeldstop_id, body, today())
    await session.commit()
    return service.to_read(stop, agb, today())

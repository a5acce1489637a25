from __future__ import annotations

from fastapi import APIRouter, Response, status

from wmo_access.beschikkingen import service
from wmo_access.beschikkingen.schemas import (
    BeschikkingAfgifte,
    BeschikkingCreate,
    BeschikkingRead,
    BeschikkingUpdate,
)
from wmo_access.dependencies import BeschikkingId, IfMatch, set_etag
from wmo_access.rollen import MagToegangLezen, MagToegangWijzigen
from wmo_common.db import DbSession

router = APIRouter(prefix="/beschikkingen", tags=["beschikkingen"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=BeschikkingRead)
async def create_beschikking(
    body: BeschikkingCreate, session: DbSession, principal: MagToegangWijzigen, response: Response
) -> BeschikkingRead:
    """Stel een conceptbeschikking op met haar indicaties, getoetst aan de segmentregels."""
    beschikking, indicaties = await service.create_beschikking(session, body, actor=principal)
    await session.commit()
    response.headers["Location"] = f"/api/v1/beschikkingen/{beschikking.id}"
    set_etag(response, beschikking.versie)
    return service.to_read(beschikking, indicaties)


@router.get("/{beschikkingId}", response_model=BeschikkingRead)
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


@router.put("/{beschikkingId}", response_model=BeschikkingRead)
async def update_beschikking(
    beschikking_id: BeschikkingId,
    body: BeschikkingUpdate,
    versie: IfMatch,
    session: DbSession,
    principal: MagToegangWijzigen,
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


@router.post("/{beschikkingId}/afgifte", response_model=BeschikkingRead)
async def issue_beschikking(
    beschikking_id: BeschikkingId,
    body: BeschikkingAfgifte,
    versie: IfMatch,
    session: DbSession,
    principal: MagToegangWijzigen,
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

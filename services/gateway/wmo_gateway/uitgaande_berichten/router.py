from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from wmo_common.auth import Principal, Role, ensure_own_agb, require_roles
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.problems import Forbidden
from wmo_gateway.uitgaande_berichten import repository, service
from wmo_gateway.uitgaande_berichten.schemas import UitgaandBerichtRead

router = APIRouter(prefix="/uitgaande-berichten", tags=["uitgaande-berichten"])

Aanbieder = Annotated[Principal, Depends(require_roles(Role.PROVIDER))]
Lezer = Annotated[Principal, Depends(require_roles(Role.PROVIDER, Role.OPERATIONS, Role.AUDITOR))]
BerichtId = Annotated[
    uuid.UUID, Path(alias="berichtId", description="Id van het uitgaande bericht.")
]
AanbiederAgb = Annotated[
    str | None,
    Query(
        alias="aanbiederAgb", pattern=r"^\d{8}$", description="Alleen berichten aan deze AGB-code."
    ),
]


@router.get("", response_model=Page[UitgaandBerichtRead])
async def list_uitgaande_berichten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: Lezer,
    aanbieder_agb: AanbiederAgb = None,
) -> Page[UitgaandBerichtRead]:
    """De uitgaande iWmo-berichten, oudste eerst; een aanbieder ziet alleen die aan zichzelf."""
    if principal.is_provider_only:
        if aanbieder_agb is not None:
            ensure_own_agb(principal, aanbieder_agb)
        # The AGB comes from the token, never from the query, for a provider.
        aanbieder_agb = principal.agb
    rows, count = await repository.list_page(
        session, offset=paging.offset, limit=paging.page_size, aanbieder_agb=aanbieder_agb
    )
    results = [UitgaandBerichtRead.model_validate(r, from_attributes=True) for r in rows]
    return paginate(request, response, results, count, paging)


@router.post("/{berichtId}/ontvangstbevestigingen", response_model=UitgaandBerichtRead)
async def acknowledge_bericht(
    bericht_id: BerichtId, session: DbSession, principal: Aanbieder
) -> UitgaandBerichtRead:
    """Bevestig de ontvangst van een bericht; een aanbieder alleen van zijn eigen berichten."""
    if principal.agb is None:
        # wmo_common.auth refuses provider tokens without an AGB code; this keeps that explicit.
        raise Forbidden("Een aanbieder-token zonder AGB-code kan niets bevestigen.")
    bericht = await service.acknowledge_bericht(session, bericht_id, aanbieder_agb=principal.agb)
    await session.commit()
    return UitgaandBerichtRead.model_validate(bericht, from_attributes=True)

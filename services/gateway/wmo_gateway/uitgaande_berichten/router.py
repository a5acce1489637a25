from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal, Role, ensure_own_agb, require_roles
from wmo_common.db import DbSession
from wmo_common.problems import Forbidden
from wmo_gateway.kalender import vandaag
from wmo_gateway.uitgaande_berichten import cursor, repository, service
from wmo_gateway.uitgaande_berichten.schemas import UitgaandBerichtRead, UitgaandeBerichtenPage

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
ACTIVITEIT = "iwmo-berichtenverkeer"


@router.get("", response_model=UitgaandeBerichtenPage)
async def list_uitgaande_berichten(
    request: Request,
    response: Response,
    session: DbSession,
    principal: Lezer,
    aanbieder_agb: AanbiederAgb = None,
    berichtsoort: Annotated[
        str | None, Query(pattern=r"^WMO\d{3}$", description="Alleen deze berichtsoort.")
    ] = None,
    retour_verlopen: Annotated[
        bool,
        Query(
            alias="retourVerlopen",
            description="Alleen berichten waarvan de retour na 3 werkdagen nog ontbreekt.",
        ),
    ] = False,
    after: Annotated[
        str | None, Query(alias="cursor", description="Vervolg na deze positie (Link rel=next).")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Aantal resultaten.")] = 50,
) -> UitgaandeBerichtenPage:
    """De uitgaande iWmo-berichten, oudste eerst, met cursor-paginering; een aanbieder ziet
    alleen die aan zichzelf. De XML bevat BSN's: elke raadpleging wordt vastgelegd."""
    if principal.is_provider_only:
        if aanbieder_agb is not None:
            ensure_own_agb(principal, aanbieder_agb)
        # The AGB comes from the token, never from the query, for a provider.
        aanbieder_agb = principal.agb
    rows, count = await repository.list_after(
        session,
        after=cursor.decode(after) if after else None,
        # One more than asked tells whether a next page exists.
        limit=limit + 1,
        aanbieder_agb=aanbieder_agb,
        berichtsoort=berichtsoort,
        retour_verlopen_op=vandaag() if retour_verlopen else None,
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    for row in rows:
        for pseudonym in row.client_pseudonyms:
            await audit.record(
                session,
                principal,
                verwerkingsactiviteit=ACTIVITEIT,
                handeling=Handeling.LEZEN,
                client_pseudonym=pseudonym,
                resource=f"uitgaand-bericht/{row.id}",
            )
    await session.commit()
    links = [f'<{request.url.remove_query_params("cursor")}>; rel="first"']
    if has_more:
        last = rows[-1]
        following = request.url.include_query_params(cursor=cursor.encode(last.created_at, last.id))
        links.append(f'<{following}>; rel="next"')
    response.headers["Link"] = ", ".join(links)
    return UitgaandeBerichtenPage(
        results=[UitgaandBerichtRead.model_validate(r, from_attributes=True) for r in rows],
        count=count,
    )


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

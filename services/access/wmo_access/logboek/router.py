from __future__ import annotations

from fastapi import Request

from wmo_access.dependencies import AccessSettings
from wmo_access.logboek import service
from wmo_access.logboek.schemas import VerwerkingenOverzicht, VerwerkingenZoek
from wmo_access.rollen import MagVerwerkingenLezen
from wmo_common.db import DbSession
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/verwerkingen", tags=["verwerkingen"])


@router.post("/_zoek", response_model=VerwerkingenOverzicht)
async def search_verwerkingen(
    body: VerwerkingenZoek,
    request: Request,
    session: DbSession,
    settings: AccessSettings,
    principal: MagVerwerkingenLezen,
) -> VerwerkingenOverzicht:
    """Alle verwerkingen van de gegevens van één cliënt in de hele suite, oudste eerst, voor
    een inzageverzoek (AVG art. 15): het BSN staat in de body, nooit in de URL. Toegang leest de
    eigen verwerkingen en vraagt die van de andere diensten op met het token van de auditor;
    `onvolledig` noemt de diensten die niet (volledig) antwoordden. Het zoeken wordt zelf ook
    vastgelegd, in elke dienst."""
    overzicht = await service.search_verwerkingen(
        session,
        body,
        settings=settings,
        authorization=request.headers["authorization"],
        actor=principal,
    )
    await session.commit()
    return overzicht

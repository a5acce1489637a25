from __future__ import annotations

from typing import Annotated

from fastapi import Query

from wmo_access.dependencies import ClientId
from wmo_access.dossiers import service
from wmo_access.dossiers.schemas import DossierRead
from wmo_access.rollen import MagToegangLezen
from wmo_common.db import DbSession
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/clienten", tags=["dossiers"])


@router.get("/{clientId}/dossier", response_model=DossierRead)
async def get_dossier(
    client_id: ClientId,
    session: DbSession,
    principal: MagToegangLezen,
    page_size: Annotated[
        int,
        Query(
            alias="pageSize",
            ge=1,
            le=100,
            description="Ten hoogste zoveel items per lijst, de nieuwste eerst; `count` en "
            "`href` van elke lijst wijzen naar de rest.",
        ),
    ] = 20,
) -> DossierRead:
    """Het dossier van een cliënt in één keer: meldingen, onderzoeken, ondersteuningsplannen
    met resultaten en evaluaties, aanvragen, beschikkingen met indicaties, toewijzingen met de
    levering volgens de aanbieder (gestart, gestopt, reden), verzoeken, open taken en de
    lopende wettelijke termijnen. Het inzien is één vermelding in het verwerkingenlogboek."""
    dossier = await service.get_dossier(session, client_id, page_size=page_size, actor=principal)
    await session.commit()
    return dossier

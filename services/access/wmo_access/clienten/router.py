from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, status

from wmo_access.clienten import service
from wmo_access.clienten.schemas import ClientCreate, ClientRead, ClientZoek
from wmo_access.dependencies import AccessSettings
from wmo_common.auth import Principal, Role, require_roles
from wmo_common.db import DbSession
from wmo_common.logging import get_logger
from wmo_common.pagination import Page

router = APIRouter(prefix="/clienten", tags=["clienten"])
log = get_logger(__name__)

Consultant = Annotated[Principal, Depends(require_roles(Role.CONSULTANT))]
Lezer = Annotated[Principal, Depends(require_roles(Role.CONSULTANT, Role.AUDITOR))]
ClientLezer = Annotated[
    Principal, Depends(require_roles(Role.CONSULTANT, Role.AUDITOR, Role.PROVIDER))
]
ClientId = Annotated[uuid.UUID, Path(alias="clientId", description="Id van de cliënt.")]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ClientRead)
async def register_client(
    body: ClientCreate,
    session: DbSession,
    settings: AccessSettings,
    principal: Consultant,
    response: Response,
) -> ClientRead:
    """Registreer een cliënt op BSN; de registratie wordt in het verwerkingenlogboek vastgelegd."""
    client = await service.register_client(
        session, body, pseudonym_key=settings.pseudonym_key, actor=principal
    )
    await session.commit()
    # The id only: a BSN, name or birth date never goes into a log line.
    log.info("client_registered", extra={"client_id": str(client.id)})
    response.headers["Location"] = f"/api/v1/clienten/{client.id}"
    return ClientRead.model_validate(client, from_attributes=True)


@router.post("/_zoek", response_model=Page[ClientRead])
async def search_clienten(
    body: ClientZoek, session: DbSession, settings: AccessSettings, principal: Lezer
) -> Page[ClientRead]:
    """Zoek cliënten op BSN (in de body, nooit in de URL); elke zoekvraag wordt vastgelegd."""
    rows = await service.search_clienten(
        session, body.bsn, pseudonym_key=settings.pseudonym_key, actor=principal
    )
    await session.commit()
    results = [ClientRead.model_validate(r, from_attributes=True) for r in rows]
    return Page[ClientRead](results=results, count=len(results))


@router.get("/{clientId}", response_model=ClientRead)
async def get_client(client_id: ClientId, session: DbSession, principal: ClientLezer) -> ClientRead:
    """Eén cliënt op id; het inzien wordt in het verwerkingenlogboek vastgelegd. Een aanbieder
    ziet alleen cliënten aan wie hij een toewijzing heeft."""
    client = await service.get_client(session, client_id, actor=principal)
    await session.commit()
    return ClientRead.model_validate(client, from_attributes=True)

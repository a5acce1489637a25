from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response

from wmo_access.rollen import MagToegangLezen, MagToegangWijzigen
from wmo_access.taken import opvolging, service
from wmo_access.taken.schemas import TaakAfronding, TaakRead, TaakSoort
from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/taken", tags=["taken"])

TaakSortering = Annotated[
    list[Sortering], Depends(sort_parameter(service.SORTEERVELDEN, "deadline"))
]
Deadlineperiode = Annotated[Periode, Depends(period_parameter("deadline"))]


@router.get("", response_model=Page[TaakRead])
async def list_taken(
    request: Request,
    response: Response,
    session: DbSession,
    principal: MagToegangLezen,
    paging: Paging,
    sortering: TaakSortering,
    periode: Deadlineperiode,
    client_id: Annotated[
        uuid.UUID | None, Query(alias="clientId", description="Alleen de taken van deze cliënt.")
    ] = None,
    gemeentecode: Annotated[str | None, Query(pattern=r"^[0-9]{4}$")] = None,
    gebied: Annotated[str | None, Query(max_length=100)] = None,
    soort: TaakSoort | None = None,
    open_only: Annotated[bool, Query(alias="open", description="Alleen open taken.")] = True,
) -> Page[TaakRead]:
    """De werkvoorraad: herindicaties en te beslissen verzoeken, per gemeente, gebied of
    cliënt, standaard de vroegste deadline eerst. Elke taak noemt een cliënt: het inzien wordt
    vastgelegd."""
    rows, count = await service.list_taken(
        session,
        gemeentecode=gemeentecode,
        gebied=gebied,
        soort=soort,
        open_only=open_only,
        client_id=client_id,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
        actor=principal,
    )
    await session.commit()
    return paginate(request, response, [service.to_read(t) for t in rows], count, paging)


@router.post("/{taakId}/afrondingen", response_model=TaakRead)
async def complete_taak(
    taak_id: Annotated[uuid.UUID, Path(alias="taakId", description="Id van de taak.")],
    body: TaakAfronding,
    session: DbSession,
    principal: MagToegangWijzigen,
) -> TaakRead:
    """Rond een open taak af: wie en wanneer worden vastgelegd, met een toelichting (bijv. de
    uitleg van de aanbieder of de gemaakte toewijzing)."""
    taak = await opvolging.complete_taak(session, taak_id, body, principal)
    await session.commit()
    return service.to_read(taak)

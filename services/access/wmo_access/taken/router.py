from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from wmo_access.rollen import MagToegangLezen
from wmo_access.taken import service
from wmo_access.taken.schemas import TaakRead, TaakSoort
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate

router = APIRouter(prefix="/taken", tags=["taken"])


@router.get("", response_model=Page[TaakRead])
async def list_taken(
    request: Request,
    response: Response,
    session: DbSession,
    principal: MagToegangLezen,
    paging: Paging,
    gemeentecode: Annotated[str | None, Query(pattern=r"^[0-9]{4}$")] = None,
    gebied: Annotated[str | None, Query(max_length=100)] = None,
    soort: TaakSoort | None = None,
    open_only: Annotated[bool, Query(alias="open", description="Alleen open taken.")] = True,
) -> Page[TaakRead]:
    """De werkvoorraad: herindicaties en te beslissen verzoeken, per gemeente en gebied, de
    vroegste deadline eerst. Elke taak noemt een cliënt: het inzien wordt vastgelegd."""
    rows, count = await service.list_taken(
        session,
        gemeentecode=gemeentecode,
        gebied=gebied,
        soort=soort,
        open_only=open_only,
        offset=paging.offset,
        limit=paging.page_size,
        actor=principal,
    )
    await session.commit()
    return paginate(request, response, [service.to_read(t) for t in rows], count, paging)

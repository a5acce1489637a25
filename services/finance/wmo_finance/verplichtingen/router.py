from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from wmo_common.auth import Principal, Role, require_roles
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_finance.verplichtingen import repository, service
from wmo_finance.verplichtingen.schemas import (
    Bekostigingsmodel,
    VerplichtingRead,
    Verplichtingstatus,
)

router = APIRouter(prefix="/verplichtingen", tags=["verplichtingen"])

Lezer = Annotated[
    Principal, Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR))
]
VerplichtingId = Annotated[
    uuid.UUID, Path(alias="verplichtingId", description="Id van de verplichting.")
]


@router.get("", response_model=Page[VerplichtingRead])
async def list_verplichtingen(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: Lezer,
    aanbieder_agb: Annotated[
        str | None, Query(alias="aanbiederAgb", pattern=r"^\d{8}$", description="AGB-code.")
    ] = None,
    bekostigingsmodel: Annotated[
        Bekostigingsmodel | None, Query(description="Alleen dit bekostigingsmodel.")
    ] = None,
    jaar: Annotated[int | None, Query(ge=2000, le=2100, description="Jaar van ingang.")] = None,
    segment_id: Annotated[uuid.UUID | None, Query(alias="segmentId")] = None,
    status: Annotated[Verplichtingstatus | None, Query(description="Alleen deze status.")] = None,
) -> Page[VerplichtingRead]:
    """De verplichtingen per toewijzing; `count` telt ook taakgerichte (zonder bedrag)."""
    rows, count = await repository.list_page(
        session,
        repository.Filter(
            aanbieder_agb=aanbieder_agb,
            bekostigingsmodel=bekostigingsmodel,
            jaar=jaar,
            segment_id=segment_id,
            status=status,
        ),
        offset=paging.offset,
        limit=paging.page_size,
    )
    results = [VerplichtingRead.model_validate(r, from_attributes=True) for r in rows]
    return paginate(request, response, results, count, paging)


@router.get("/{verplichtingId}", response_model=VerplichtingRead)
async def get_verplichting(
    verplichting_id: VerplichtingId, session: DbSession, _: Lezer
) -> VerplichtingRead:
    """Eén verplichting op id."""
    return VerplichtingRead.model_validate(
        await service.get_verplichting(session, verplichting_id), from_attributes=True
    )

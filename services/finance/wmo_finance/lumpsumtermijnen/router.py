from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from wmo_common.auth import Principal, Role, ensure_own_agb, require_roles
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_finance.lumpsumtermijnen import repository, service
from wmo_finance.lumpsumtermijnen.schemas import BetalingCreate, LumpsumCreate, LumpsumtermijnRead

router = APIRouter(prefix="/lumpsumtermijnen", tags=["lumpsumtermijnen"])

Controller = Annotated[Principal, Depends(require_roles(Role.CONTROLLER))]
Lezer = Annotated[
    Principal,
    Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR, Role.PROVIDER)),
]
TermijnId = Annotated[uuid.UUID, Path(alias="termijnId", description="Id van de termijn.")]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=list[LumpsumtermijnRead])
async def create_lumpsumtermijnen(
    body: LumpsumCreate, session: DbSession, _: Controller
) -> list[LumpsumtermijnRead]:
    """Stel de lumpsum van een taakgericht contract vast voor een gebied en jaar: het taakbudget
    min korting en uitvoeringsbijdrage, verdeeld over termijnen die precies optellen."""
    rows = await service.create_lumpsum(session, body)
    await session.commit()
    return [LumpsumtermijnRead.model_validate(r, from_attributes=True) for r in rows]


@router.get("", response_model=Page[LumpsumtermijnRead])
async def list_lumpsumtermijnen(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: Lezer,
    contract_id: Annotated[uuid.UUID | None, Query(alias="contractId")] = None,
    jaar: Annotated[int | None, Query(ge=2000, le=2100, description="Jaar.")] = None,
) -> Page[LumpsumtermijnRead]:
    """De lumpsumtermijnen met hun betaling; een aanbieder ziet alleen de eigen."""
    rows, count = await repository.list_page(
        session,
        aanbieder_agb=principal.agb if principal.is_provider_only else None,
        contract_id=contract_id,
        jaar=jaar,
        offset=paging.offset,
        limit=paging.page_size,
    )
    results = [LumpsumtermijnRead.model_validate(r, from_attributes=True) for r in rows]
    return paginate(request, response, results, count, paging)


@router.post(
    "/{termijnId}/betalingen",
    status_code=status.HTTP_201_CREATED,
    response_model=LumpsumtermijnRead,
)
async def create_betaling(
    termijn_id: TermijnId, body: BetalingCreate, session: DbSession, _: Controller
) -> LumpsumtermijnRead:
    """Leg de betaling van een termijn vast; een termijn wordt één keer betaald."""
    termijn = await service.record_betaling(session, termijn_id, body)
    await session.commit()
    return LumpsumtermijnRead.model_validate(termijn, from_attributes=True)


@router.get("/{termijnId}", response_model=LumpsumtermijnRead)
async def get_lumpsumtermijn(
    termijn_id: TermijnId, session: DbSession, principal: Lezer
) -> LumpsumtermijnRead:
    """Eén lumpsumtermijn op id."""
    termijn = await service.get_termijn(session, termijn_id)
    ensure_own_agb(principal, termijn.aanbieder_agb)
    return LumpsumtermijnRead.model_validate(termijn, from_attributes=True)

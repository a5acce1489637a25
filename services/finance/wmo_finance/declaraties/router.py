from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from wmo_common.auth import Principal, Role, ensure_own_agb, require_roles
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_finance.declaraties import repository, service
from wmo_finance.declaraties.schemas import (
    BetaalbatchRead,
    DeclaratieDetailRead,
    DeclaratieRead,
    PrestatieRead,
)

router = APIRouter(tags=["declaraties"])

Lezer = Annotated[
    Principal,
    Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR, Role.PROVIDER)),
]
DeclaratieId = Annotated[
    uuid.UUID, Path(alias="declaratieId", description="Id van de beoordeelde declaratie.")
]
AanbiederAgb = Annotated[
    str | None, Query(alias="aanbiederAgb", pattern=r"^\d{8}$", description="AGB-code.")
]


def _scope(principal: Principal, aanbieder_agb: str | None) -> str | None:
    """A provider sees only its own; asking for another aanbieder is refused."""
    if principal.is_provider_only:
        if aanbieder_agb is not None:
            ensure_own_agb(principal, aanbieder_agb)
        return principal.agb
    return aanbieder_agb


@router.get("/declaraties", response_model=Page[DeclaratieRead])
async def list_declaraties(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: Lezer,
    aanbieder_agb: AanbiederAgb = None,
) -> Page[DeclaratieRead]:
    """De beoordeelde declaraties, nieuwste eerst; een aanbieder ziet alleen de eigen."""
    rows, count = await repository.list_page(
        session,
        aanbieder_agb=_scope(principal, aanbieder_agb),
        offset=paging.offset,
        limit=paging.page_size,
    )
    results = [DeclaratieRead.model_validate(r, from_attributes=True) for r in rows]
    return paginate(request, response, results, count, paging)


@router.get("/declaraties/{declaratieId}", response_model=DeclaratieDetailRead)
async def get_declaratie(
    declaratie_id: DeclaratieId, session: DbSession, principal: Lezer
) -> DeclaratieDetailRead:
    """Eén declaratie met het oordeel en de retourcodes per prestatie."""
    declaratie = await service.get_declaratie(session, declaratie_id)
    ensure_own_agb(principal, declaratie.aanbieder_agb)
    prestaties = await repository.list_prestaties(session, declaratie.id)
    return DeclaratieDetailRead.model_validate(
        DeclaratieRead.model_validate(declaratie, from_attributes=True).model_dump()
        | {
            "prestaties": [
                PrestatieRead.model_validate(p, from_attributes=True) for p in prestaties
            ]
        }
    )


@router.get("/betaalbatches", response_model=Page[BetaalbatchRead])
async def list_betaalbatches(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: Lezer,
    aanbieder_agb: AanbiederAgb = None,
) -> Page[BetaalbatchRead]:
    """Te betalen bedragen per aanbieder en declaratiemaand; een aanbieder ziet alleen de eigen."""
    rows, count = await repository.list_batches(
        session,
        aanbieder_agb=_scope(principal, aanbieder_agb),
        offset=paging.offset,
        limit=paging.page_size,
    )
    results = [BetaalbatchRead.model_validate(r, from_attributes=True) for r in rows]
    return paginate(request, response, results, count, paging)

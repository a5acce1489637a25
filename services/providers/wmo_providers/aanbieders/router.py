from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response, status

from wmo_common.auth import Principal, Role, ensure_own_agb, require_roles
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_providers.aanbieders import repository, service
from wmo_providers.aanbieders.schemas import AanbiederCreate, AanbiederRead

router = APIRouter(prefix="/aanbieders", tags=["aanbieders"])

Beheerder = Annotated[Principal, Depends(require_roles(Role.CONTRACT_MANAGER))]
Lezer = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.CONTRACT_MANAGER,
            Role.CONSULTANT,
            Role.CONTROLLER,
            Role.AUDITOR,
            Role.OPERATIONS,
            Role.PROVIDER,
        )
    ),
]
Agb = Annotated[str, Path(pattern=r"^\d{8}$", description="AGB-code van de aanbieder.")]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AanbiederRead)
async def register_aanbieder(
    body: AanbiederCreate, session: DbSession, _: Beheerder, response: Response
) -> AanbiederRead:
    """Registreer een zorgaanbieder op AGB-code; andere diensten horen het via een event."""
    aanbieder = await service.register_aanbieder(session, body)
    await session.commit()
    response.headers["Location"] = f"/api/v1/aanbieders/{aanbieder.agb}"
    return AanbiederRead.model_validate(aanbieder, from_attributes=True)


@router.get("", response_model=Page[AanbiederRead])
async def list_aanbieders(
    request: Request, response: Response, session: DbSession, paging: Paging, principal: Lezer
) -> Page[AanbiederRead]:
    """De geregistreerde aanbieders, op naam; een aanbieder ziet alleen zichzelf."""
    own = principal.agb if principal.is_provider_only else None
    rows, count = await repository.list_page(
        session, offset=paging.offset, limit=paging.page_size, agb=own
    )
    results = [AanbiederRead.model_validate(r, from_attributes=True) for r in rows]
    return paginate(request, response, results, count, paging)


@router.get("/{agb}", response_model=AanbiederRead)
async def get_aanbieder(agb: Agb, session: DbSession, principal: Lezer) -> AanbiederRead:
    """Eén aanbieder op AGB-code; een aanbieder kan alleen zijn eigen gegevens lezen."""
    ensure_own_agb(principal, agb)
    return AanbiederRead.model_validate(
        await service.get_aanbieder(session, agb), from_attributes=True
    )

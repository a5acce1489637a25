from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from wmo_common.auth import Principal, Role, ensure_own_agb, require_roles
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_gateway.kalender import vandaag
from wmo_gateway.termijnen import repository
from wmo_gateway.termijnen.schemas import OpenstaandAntwoord, Termijnstand

router = APIRouter(tags=["termijnen"])

Lezer = Annotated[Principal, Depends(require_roles(Role.PROVIDER, Role.OPERATIONS, Role.AUDITOR))]
AanbiederAgb = Annotated[
    str | None,
    Query(alias="aanbiederAgb", pattern=r"^\d{8}$", description="Alleen deze aanbieder."),
]


def _scope(principal: Principal, aanbieder_agb: str | None) -> str | None:
    if principal.is_provider_only:
        if aanbieder_agb is not None:
            ensure_own_agb(principal, aanbieder_agb)
        return principal.agb
    return aanbieder_agb


@router.get("/termijnstanden", response_model=list[Termijnstand])
async def list_termijnstanden(
    session: DbSession, principal: Lezer, aanbieder_agb: AanbiederAgb = None
) -> list[Termijnstand]:
    """Per aanbieder: hoeveel van onze berichten nog op hun retour wachten en hoeveel daarvan
    over de 3 werkdagen zijn, en hoeveel antwoorden wij nog schuldig zijn (en te laat)."""
    scope = _scope(principal, aanbieder_agb)
    today = vandaag()
    retouren = await repository.retouren_per_aanbieder(session, today, scope)
    antwoorden = await repository.antwoorden_per_aanbieder(session, today, scope)
    return [
        Termijnstand(
            aanbieder_agb=agb,
            openstaande_retouren=retouren.get(agb, (0, 0))[0],
            verlopen_retouren=retouren.get(agb, (0, 0))[1],
            openstaande_antwoorden=antwoorden.get(agb, (0, 0))[0],
            verlopen_antwoorden=antwoorden.get(agb, (0, 0))[1],
        )
        for agb in sorted(retouren.keys() | antwoorden.keys())
    ]


@router.get("/openstaande-antwoorden", response_model=Page[OpenstaandAntwoord])
async def list_openstaande_antwoorden(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: Lezer,
    aanbieder_agb: AanbiederAgb = None,
) -> Page[OpenstaandAntwoord]:
    """De ontvangen berichten die nog op ons antwoord wachten, eerste termijn eerst."""
    rows, count = await repository.openstaande_antwoorden(
        session,
        aanbieder_agb=_scope(principal, aanbieder_agb),
        offset=paging.offset,
        limit=paging.page_size,
    )
    today = vandaag()
    results = [
        OpenstaandAntwoord(
            bericht_id=r.id,
            berichtsoort=r.berichtsoort,
            berichtidentificatie=r.berichtidentificatie,
            aanbieder_agb=r.aanbieder_agb,
            referenties=r.referenties,
            received_at=r.received_at,
            antwoord_deadline=r.antwoord_deadline,
            is_verlopen=r.antwoord_deadline is not None and r.antwoord_deadline < today,
        )
        for r in rows
    ]
    return paginate(request, response, results, count, paging)

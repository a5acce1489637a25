from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Depends, Query, Request, Response, status

from wmo_access.dependencies import OvergangsdossierId
from wmo_access.overgangsdossiers import service
from wmo_access.overgangsdossiers.schemas import (
    OvergangsdossierCreate,
    OvergangsdossierRead,
    UitkomstKeuze,
)
from wmo_access.rollen import MagToegangLezen, MagToegangWijzigen
from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/overgangsdossiers", tags=["overgangsdossiers"])

DossierSortering = Annotated[
    list[Sortering], Depends(sort_parameter(service.SORTEERVELDEN, "createdAt"))
]
Overgangsperiode = Annotated[Periode, Depends(period_parameter("overgangsdatum"))]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=OvergangsdossierRead)
async def create_dossier(
    body: OvergangsdossierCreate,
    session: DbSession,
    principal: MagToegangWijzigen,
    response: Response,
) -> OvergangsdossierRead:
    """Leg de situatie en het moment van een cliënt onder de overgangsregeling vast; het dossier
    krijgt de voorgeschreven route. Een herindicatie vóór de overgangsdatum loopt bij voorkeur
    tot 1 juli en uiterlijk tot 31 december van het overgangsjaar (bij een onderaannemer of een
    aanbieder met onbekende status ook ten hoogste één jaar): een latere einddatum is een 409."""
    dossier = await service.create_dossier(session, body, actor=principal)
    await session.commit()
    response.headers["Location"] = f"/api/v1/overgangsdossiers/{dossier.id}"
    return service.to_read(dossier)


@router.get("", response_model=Page[OvergangsdossierRead])
async def list_dossiers(
    request: Request,
    response: Response,
    session: DbSession,
    principal: MagToegangLezen,
    paging: Paging,
    sortering: DossierSortering,
    periode: Overgangsperiode,
    gemeentecode: Annotated[str | None, Query(pattern=r"^[0-9]{4}$")] = None,
    gebied: Annotated[str | None, Query(max_length=100)] = None,
    status: Literal["open", "afgerond"] | None = None,
    client_id: Annotated[
        uuid.UUID | None,
        Query(alias="clientId", description="Alleen de overgangsdossiers van deze cliënt."),
    ] = None,
) -> Page[OvergangsdossierRead]:
    """Overgangsdossiers per gemeente en gebied; 'open' zijn de dossiers waarvan de uitkomst nog
    gekozen moet worden."""
    rows, count = await service.list_dossiers(
        session,
        gemeentecode=gemeentecode,
        gebied=gebied,
        status=status,
        client_id=client_id,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
        actor=principal,
    )
    await session.commit()
    return paginate(request, response, [service.to_read(d) for d in rows], count, paging)


@router.get("/{overgangsdossierId}", response_model=OvergangsdossierRead)
async def get_dossier(
    dossier_id: OvergangsdossierId, session: DbSession, principal: MagToegangLezen
) -> OvergangsdossierRead:
    """Eén overgangsdossier met zijn route, toelichting en einddatumgrenzen."""
    dossier = await service.get_dossier(session, dossier_id, actor=principal)
    await session.commit()
    return service.to_read(dossier)


@router.post("/{overgangsdossierId}/uitkomsten", response_model=OvergangsdossierRead)
async def choose_uitkomst(
    dossier_id: OvergangsdossierId,
    body: UitkomstKeuze,
    session: DbSession,
    principal: MagToegangWijzigen,
) -> OvergangsdossierRead:
    """Kies de uitkomst van een dossier waarvan de aanbieder (nog) geen onderaannemer is: hij
    wordt alsnog onderaannemer, er komt een maatwerkafspraak, de coalitie neemt de cliënt over,
    of de cliënt kiest een pgb en gaat terug naar de toegang. Dezelfde keuze nog eens verandert
    niets; een andere is een 409."""
    dossier = await service.choose_uitkomst(session, dossier_id, body, actor=principal)
    await session.commit()
    return service.to_read(dossier)

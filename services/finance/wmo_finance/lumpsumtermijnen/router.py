from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_finance.dependencies import AanbiederAgb, Gemeente, TermijnId
from wmo_finance.lumpsumtermijnen import repository, service
from wmo_finance.lumpsumtermijnen.schemas import BetalingCreate, LumpsumCreate, LumpsumtermijnRead
from wmo_finance.rollen import MagLumpsumtermijnenBeheren, MagLumpsumtermijnenLezen

router = ApiRouter(prefix="/lumpsumtermijnen", tags=["lumpsumtermijnen"])

TermijnSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "jaar"))
]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=list[LumpsumtermijnRead])
async def create_lumpsumtermijnen(
    body: LumpsumCreate, session: DbSession, _: MagLumpsumtermijnenBeheren
) -> list[LumpsumtermijnRead]:
    """Stel de lumpsum van een taakgericht contract vast voor een jaar (het hele contract of één
    gebied): het taakbudget min de korting, in termijnen die precies optellen, elke termijn per
    gemeente volgens de verdeelsleutel van het contract. De bijdrage aan de
    uitvoeringsorganisatie gaat er niet af: die staat in de werkverdeling."""
    rows = await service.create_lumpsum(session, body)
    await session.commit()
    return [service.to_read(r) for r in rows]


@router.get("", response_model=Page[LumpsumtermijnRead])
async def list_lumpsumtermijnen(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagLumpsumtermijnenLezen,
    sortering: TermijnSortering,
    contract_id: Annotated[uuid.UUID | None, Query(alias="contractId")] = None,
    jaar: Annotated[int | None, Query(ge=2000, le=2100, description="Jaar.")] = None,
    gemeente: Gemeente = None,
    aanbieder_agb: AanbiederAgb = None,
) -> Page[LumpsumtermijnRead]:
    """De lumpsumtermijnen per gemeente met hun betaling; een aanbieder ziet alleen de eigen."""
    results, count = await service.list_termijnen(
        session,
        principal,
        contract_id=contract_id,
        jaar=jaar,
        gemeentecode=gemeente,
        aanbieder_agb=aanbieder_agb,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
    )
    return paginate(request, response, results, count, paging)


@router.post(
    "/{termijnId}/betalingen",
    status_code=status.HTTP_201_CREATED,
    response_model=LumpsumtermijnRead,
)
async def create_betaling(
    termijn_id: TermijnId, body: BetalingCreate, session: DbSession, _: MagLumpsumtermijnenBeheren
) -> LumpsumtermijnRead:
    """Leg de betaling van een termijn vast; een termijn wordt één keer betaald."""
    termijn = await service.record_betaling(session, termijn_id, body)
    await session.commit()
    return service.to_read(termijn)


@router.get("/{termijnId}", response_model=LumpsumtermijnRead)
async def get_lumpsumtermijn(
    termijn_id: TermijnId, session: DbSession, principal: MagLumpsumtermijnenLezen
) -> LumpsumtermijnRead:
    """Eén lumpsumtermijn op id; die van een andere aanbieder is voor een aanbieder onbekend
    (404)."""
    return await service.read_termijn(session, termijn_id, principal)

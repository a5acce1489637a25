from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_access.dependencies import MeldingId
from wmo_access.meldingen import service
from wmo_access.meldingen.schemas import MeldingCreate, MeldingRead
from wmo_access.rollen import MagToegangLezen, MagToegangWijzigen
from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.query import Datum
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/meldingen", tags=["meldingen"])

MeldingSortering = Annotated[
    list[Sortering], Depends(sort_parameter(service.SORTEERVELDEN, "termijnDatum"))
]
Meldingsperiode = Annotated[Periode, Depends(period_parameter("meldingsdatum"))]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=MeldingRead)
async def create_melding(
    body: MeldingCreate, session: DbSession, principal: MagToegangWijzigen, response: Response
) -> MeldingRead:
    """Leg een melding van een ondersteuningsvraag vast; de termijn van zes weken voor het
    onderzoek gaat in op de meldingsdatum."""
    melding = await service.create_melding(session, body, actor=principal)
    await session.commit()
    response.headers["Location"] = f"/api/v1/meldingen/{melding.id}"
    return service.to_read(melding, afgerond=False)


@router.get("", response_model=Page[MeldingRead])
async def list_meldingen(
    request: Request,
    response: Response,
    session: DbSession,
    principal: MagToegangLezen,
    paging: Paging,
    sortering: MeldingSortering,
    periode: Meldingsperiode,
    gemeentecode: Annotated[str | None, Query(pattern=r"^[0-9]{4}$")] = None,
    client_id: Annotated[
        uuid.UUID | None,
        Query(alias="clientId", description="Alleen de meldingen van deze cliënt."),
    ] = None,
    termijn_overschreden: Annotated[
        bool,
        Query(
            alias="termijnOverschreden",
            description="Alleen meldingen waarvan het onderzoek op de peildatum te laat is.",
        ),
    ] = False,
    peildatum: Annotated[Datum | None, Query(description="Leeg: vandaag.")] = None,
) -> Page[MeldingRead]:
    """Meldingen per gemeente of per cliënt, eventueel alleen die met een overschreden
    onderzoekstermijn of uit een periode; elke getoonde melding wordt in het
    verwerkingenlogboek vastgelegd."""
    rows, count = await service.list_meldingen(
        session,
        gemeentecode=gemeentecode,
        client_id=client_id,
        overschreden_op=(peildatum or today()) if termijn_overschreden else None,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
        actor=principal,
    )
    await session.commit()
    return paginate(request, response, [service.to_read(m, a) for m, a in rows], count, paging)


@router.get("/{meldingId}", response_model=MeldingRead)
async def get_melding(
    melding_id: MeldingId, session: DbSession, principal: MagToegangLezen
) -> MeldingRead:
    """Eén melding, met de uiterste datum van het onderzoek."""
    melding, afgerond = await service.get_melding(session, melding_id, actor=principal)
    await session.commit()
    return service.to_read(melding, afgerond)

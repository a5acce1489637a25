from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Depends, Query, Request, Response, status

from wmo_access.dependencies import (
    VERSIE_RESPONSES,
    AccessSettings,
    IfMatch,
    ToewijzingId,
    set_etag,
)
from wmo_access.rollen import MagToegangWijzigen, MagToewijzingenLezen
from wmo_access.toewijzingen import service
from wmo_access.toewijzingen.schemas import (
    ToewijzingBeeindiging,
    ToewijzingCreate,
    ToewijzingRead,
    ToewijzingWijziging,
)
from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.openapi import with_etag
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/toewijzingen", tags=["toewijzingen"])

ToewijzingSortering = Annotated[
    list[Sortering], Depends(sort_parameter(service.SORTEERVELDEN, "ingangsdatum"))
]
Ingangsperiode = Annotated[Periode, Depends(period_parameter("ingangsdatum"))]


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=ToewijzingRead, responses=with_etag(201)
)
async def create_toewijzing(
    body: ToewijzingCreate,
    session: DbSession,
    settings: AccessSettings,
    principal: MagToegangWijzigen,
    response: Response,
) -> ToewijzingRead:
    """Wijs een indicatie toe aan een aanbieder met een actief contract voor dit product en
    gebied op de ingangsdatum, zonder blokkerende signalering en met capaciteit; er volgt een
    Wmo301 via toewijzing-afgegeven."""
    afgifte = await service.create_toewijzing(
        session, body, field_key_gateway=settings.field_key_gateway, actor=principal
    )
    await service.commit_afgifte(session)
    toewijzing = afgifte.toewijzing
    response.headers["Location"] = f"/api/v1/toewijzingen/{toewijzing.id}"
    set_etag(response, toewijzing.versie)
    gelezen = service.to_read(toewijzing)
    gelezen.waarschuwingen = afgifte.waarschuwingen
    return gelezen


@router.get("", response_model=Page[ToewijzingRead])
async def list_toewijzingen(
    request: Request,
    response: Response,
    session: DbSession,
    principal: MagToewijzingenLezen,
    paging: Paging,
    sortering: ToewijzingSortering,
    periode: Ingangsperiode,
    client_id: Annotated[
        uuid.UUID | None,
        Query(alias="clientId", description="Alleen de toewijzingen van deze cliënt."),
    ] = None,
    aanbieder_agb: Annotated[
        str | None,
        Query(
            alias="aanbiederAgb",
            pattern=r"^[0-9]{8}$",
            description="Alleen de toewijzingen aan deze aanbieder (AGB-code).",
        ),
    ] = None,
    segment_id: Annotated[
        uuid.UUID | None,
        Query(alias="segmentId", description="Alleen de toewijzingen in dit inkoopsegment."),
    ] = None,
    gemeentecode: Annotated[
        str | None,
        Query(pattern=r"^[0-9]{4}$", description="Alleen de toewijzingen van deze gemeente."),
    ] = None,
    toewijzingstatus: Annotated[
        Literal["actief", "beeindigd"] | None,
        Query(alias="status", description="Alleen actieve of alleen beëindigde toewijzingen."),
    ] = None,
) -> Page[ToewijzingRead]:
    """Toewijzingen, te filteren op cliënt, aanbieder, segment, gemeente, status en
    ingangsdatum en te sorteren; een aanbieder ziet alleen de zijne."""
    rows, count = await service.list_toewijzingen(
        session,
        client_id=client_id,
        agb=aanbieder_agb,
        segment_id=segment_id,
        gemeentecode=gemeentecode,
        status=toewijzingstatus,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
        actor=principal,
    )
    await session.commit()
    return paginate(request, response, [service.to_read(t) for t in rows], count, paging)


@router.get("/{toewijzingId}", response_model=ToewijzingRead, responses=with_etag(200))
async def get_toewijzing(
    toewijzing_id: ToewijzingId,
    session: DbSession,
    principal: MagToewijzingenLezen,
    response: Response,
) -> ToewijzingRead:
    """Eén toewijzing met haar leveringsstatus; de ETag is nodig om haar te wijzigen."""
    toewijzing = await service.get_toewijzing(session, toewijzing_id, actor=principal)
    await session.commit()
    set_etag(response, toewijzing.versie)
    return service.to_read(toewijzing)


@router.post(
    "/{toewijzingId}/wijzigingen",
    response_model=ToewijzingRead,
    responses=with_etag(200, VERSIE_RESPONSES),
)
async def change_toewijzing(
    toewijzing_id: ToewijzingId,
    body: ToewijzingWijziging,
    principal: MagToegangWijzigen,
    versie: IfMatch,
    session: DbSession,
    settings: AccessSettings,
    response: Response,
) -> ToewijzingRead:
    """Wijzig een toewijzing met een iWmo-reden (If-Match verplicht). Verlengen met dezelfde
    omvang schuift de einddatum op onder hetzelfde toewijzingnummer (OP380, reden 04)."""
    toewijzing = await service.change_toewijzing(
        session,
        toewijzing_id,
        body,
        versie=versie,
        field_key_gateway=settings.field_key_gateway,
        actor=principal,
    )
    await session.commit()
    set_etag(response, toewijzing.versie)
    return service.to_read(toewijzing)


@router.post(
    "/{toewijzingId}/beeindigingen",
    response_model=ToewijzingRead,
    responses=with_etag(200, VERSIE_RESPONSES),
)
async def end_toewijzing(
    toewijzing_id: ToewijzingId,
    body: ToewijzingBeeindiging,
    principal: MagToegangWijzigen,
    versie: IfMatch,
    session: DbSession,
    settings: AccessSettings,
    response: Response,
) -> ToewijzingRead:
    """Beëindig een toewijzing per een einddatum (niet vóór de ingangsdatum), of trek haar in
    met reden 13; er volgt een Wmo301 via toewijzing-beeindigd."""
    toewijzing = await service.end_toewijzing(
        session,
        toewijzing_id,
        body,
        versie=versie,
        field_key_gateway=settings.field_key_gateway,
        actor=principal,
    )
    await session.commit()
    set_etag(response, toewijzing.versie)
    return service.to_read(toewijzing)

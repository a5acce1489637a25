from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Depends, Query, Request, Response

from wmo_access.dependencies import AccessSettings, VerzoekId
from wmo_access.rollen import MagToegangLezen, MagToegangWijzigen
from wmo_access.verzoeken import service
from wmo_access.verzoeken.schemas import VerzoekBeslissing, VerzoekRead, VerzoekStatus
from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/verzoeken", tags=["verzoeken"])

VerzoekSortering = Annotated[
    list[Sortering], Depends(sort_parameter(service.SORTEERVELDEN, "deadline"))
]
Ontvangstperiode = Annotated[Periode, Depends(period_parameter("de ontvangstdatum"))]


@router.get("", response_model=Page[VerzoekRead])
async def list_verzoeken(
    request: Request,
    response: Response,
    session: DbSession,
    principal: MagToegangLezen,
    paging: Paging,
    sortering: VerzoekSortering,
    periode: Ontvangstperiode,
    gemeentecode: Annotated[str | None, Query(pattern=r"^[0-9]{4}$")] = None,
    aanbieder_agb: Annotated[str | None, Query(alias="aanbiederAgb", pattern=r"^[0-9]{8}$")] = None,
    client_id: Annotated[
        uuid.UUID | None,
        Query(alias="clientId", description="Alleen de verzoeken voor deze cliënt."),
    ] = None,
    status: Annotated[
        VerzoekStatus | Literal["alle"],
        Query(description="Standaard de nog niet beslisten; `alle`: ongeacht de status."),
    ] = "in-behandeling",
) -> Page[VerzoekRead]:
    """De wachtrij van verzoeken om toewijzing (315) en wijziging (317), standaard de vroegste
    deadline eerst: 5 werkdagen na ontvangst, 8 weken als het verzoek 'in onderzoek' is. Te
    filteren op gemeente, aanbieder, cliënt, status en ontvangstdatum; elk getoond verzoek wordt
    in het verwerkingenlogboek vastgelegd."""
    rows, count = await service.list_verzoeken(
        session,
        gemeentecode=gemeentecode,
        aanbieder_agb=aanbieder_agb,
        client_id=client_id,
        status=None if status == "alle" else status,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
        actor=principal,
    )
    await session.commit()
    return paginate(request, response, [service.to_read(v) for v in rows], count, paging)


@router.get("/{verzoekId}", response_model=VerzoekRead)
async def get_verzoek(
    verzoek_id: VerzoekId, session: DbSession, principal: MagToegangLezen
) -> VerzoekRead:
    """Eén verzoek met de gevraagde producten, de deadline en de beslissing."""
    verzoek = await service.get_verzoek(session, verzoek_id, actor=principal)
    await session.commit()
    return service.to_read(verzoek)


@router.post("/{verzoekId}/beslissingen", response_model=VerzoekRead)
async def decide_verzoek(
    verzoek_id: VerzoekId,
    body: VerzoekBeslissing,
    session: DbSession,
    settings: AccessSettings,
    principal: MagToegangWijzigen,
) -> VerzoekRead:
    """Beslis over een verzoek. Toekennen van een 315 legt een beschikking vast en wijst elk
    gevraagd product toe (toewijzing-afgegeven met de referentie van de aanbieder); toekennen
    van een 317 wijzigt de genoemde toewijzingen (toewijzing-gewijzigd) en wijst nieuwe
    producten toe. Afwijzen vraagt een iWmo-reden (3 = geen contract) en leidt tot een 319.
    'In onderzoek' verlengt de deadline tot 8 weken na ontvangst en stuurt de aanbieder een 319
    met antwoord 2; het verzoek blijft open en wordt later toegekend of afgewezen. Dezelfde
    beslissing nog eens verandert niets; een andere beslissing over een beslist verzoek is een
    409."""
    verzoek = await service.decide_verzoek(
        session, verzoek_id, body, field_key_gateway=settings.field_key_gateway, actor=principal
    )
    await session.commit()
    return service.to_read(verzoek)

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request, Response

from wmo_common.db import DbSession
from wmo_common.problems import Forbidden
from wmo_common.routing import ApiRouter
from wmo_gateway.dependencies import UitgaandBerichtId
from wmo_gateway.rollen import MagOntvangstBevestigen, MagUitgaandeBerichtenLezen
from wmo_gateway.uitgaande_berichten import cursor, service
from wmo_gateway.uitgaande_berichten.schemas import UitgaandBerichtRead, UitgaandeBerichtenPage

router = ApiRouter(prefix="/uitgaande-berichten", tags=["uitgaande-berichten"])

AanbiederAgb = Annotated[
    str | None,
    Query(
        alias="aanbiederAgb",
        pattern=r"^[0-9]{8}$",
        description="Alleen berichten aan deze AGB-code.",
    ),
]


@router.get("", response_model=UitgaandeBerichtenPage)
async def list_uitgaande_berichten(
    request: Request,
    response: Response,
    session: DbSession,
    principal: MagUitgaandeBerichtenLezen,
    aanbieder_agb: AanbiederAgb = None,
    berichtsoort: Annotated[
        str | None, Query(pattern=r"^WMO[0-9]{3}$", description="Alleen deze berichtsoort.")
    ] = None,
    retour_verlopen: Annotated[
        bool,
        Query(
            alias="retourVerlopen",
            description="Alleen berichten waarvan de retour na 3 werkdagen nog ontbreekt.",
        ),
    ] = False,
    after: Annotated[
        str | None, Query(alias="cursor", description="Vervolg na deze positie (Link rel=next).")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Aantal resultaten.")] = 50,
) -> UitgaandeBerichtenPage:
    """De uitgaande iWmo-berichten, oudste eerst, met cursor-paginering; een aanbieder ziet
    alleen die aan zichzelf. De XML bevat BSN's: elke raadpleging wordt vastgelegd."""
    pagina = await service.list_uitgaande_berichten(
        session,
        principal,
        aanbieder_agb=aanbieder_agb,
        berichtsoort=berichtsoort,
        retour_verlopen=retour_verlopen,
        after=after,
        limit=limit,
    )
    await session.commit()
    links = [f'<{request.url.remove_query_params("cursor")}>; rel="first"']
    if pagina.has_more:
        last = pagina.rows[-1]
        following = request.url.include_query_params(cursor=cursor.encode(last.created_at, last.id))
        links.append(f'<{following}>; rel="next"')
    response.headers["Link"] = ", ".join(links)
    return UitgaandeBerichtenPage(
        results=[service.to_read(r) for r in pagina.rows], count=pagina.count
    )


@router.post("/{berichtId}/ontvangstbevestigingen", response_model=UitgaandBerichtRead)
async def acknowledge_bericht(
    bericht_id: UitgaandBerichtId, session: DbSession, principal: MagOntvangstBevestigen
) -> UitgaandBerichtRead:
    """Bevestig de ontvangst van een bericht; een aanbieder alleen van zijn eigen berichten."""
    if principal.agb is None:
        # wmo_common.auth refuses provider tokens without an AGB code; this keeps that explicit.
        raise Forbidden("Een aanbieder-token zonder AGB-code kan niets bevestigen.")
    bericht = await service.acknowledge_bericht(session, bericht_id, aanbieder_agb=principal.agb)
    await session.commit()
    return service.to_read(bericht)

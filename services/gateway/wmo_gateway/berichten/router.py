from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Query, Request, Response
from fastapi.responses import JSONResponse

from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.problems import Forbidden
from wmo_common.query import Tijdstip
from wmo_common.routing import ApiRouter
from wmo_gateway.berichten import inbox
from wmo_gateway.berichten.errors import GeenXml, TeGroot
from wmo_gateway.berichten.models import BerichtStatus
from wmo_gateway.berichten.repository import SORTEERVELDEN, Zoekvraag
from wmo_gateway.berichten.schemas import (
    BerichtDetail,
    BerichtOntvangst,
    BerichtSamenvatting,
    Retourcodetelling,
)
from wmo_gateway.berichten.service import logboek, ontvangst
from wmo_gateway.dependencies import BerichtId, GatewaySettings
from wmo_gateway.rollen import (
    MagBerichtenHerverwerken,
    MagBerichtenlogboekLezen,
    MagBerichtenSturen,
)

router = ApiRouter(tags=["berichten"])

BerichtSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(SORTEERVELDEN), "-receivedAt"))
]

XML_TYPES = {"application/xml", "text/xml"}

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="Sleutel van deze verzending (bijvoorbeeld een UUID). Dezelfde sleutel met "
        "dezelfde inhoud geeft het eerste antwoord opnieuw (zelfde status en body) zonder het "
        "bericht nog eens te verwerken; dezelfde sleutel met een andere inhoud geeft 409.",
    ),
]


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TeGroot()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TeGroot()
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "/berichten",
    response_model=BerichtOntvangst,
    status_code=201,
    responses={
        409: {"description": "Deze Idempotency-Key hoort bij een bericht met een andere inhoud."},
        413: {"description": "Groter dan 25 MB."},
        415: {"description": "Geen application/xml."},
        503: {"description": "Bewaard, maar nu niet verwerkt; stuur het opnieuw."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/xml": {"schema": {"type": "string"}}},
        }
    },
)
async def post_bericht(
    request: Request,
    session: DbSession,
    principal: MagBerichtenSturen,
    settings: GatewaySettings,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Ontvang een iWmo-bericht (305, 307, 315, 317, 323, of de retour 302/320) van een aanbieder.

    Het bericht wordt ongewijzigd bewaard, gecontroleerd en beantwoord met zijn retourbericht
    (ook in de uitgaande berichten van de aanbieder). Een BerichtIdentificatie die de aanbieder
    al eerder voor dit soort bericht gebruikte krijgt een retour met alleen de header en
    retourcode 9056 (TR056), ook bij gelijke inhoud. Een verzending veilig herhalen kan met
    dezelfde Idempotency-Key."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in XML_TYPES:
        raise GeenXml()
    if principal.agb is None:
        # wmo_common.auth refuses provider tokens without an AGB code; this keeps that explicit.
        raise Forbidden("Een aanbieder-token zonder AGB-code kan niets sturen.")
    data = await _read_body(request, settings.max_bericht_bytes)
    antwoord = await inbox.receive_and_judge(
        session,
        data,
        afzender_agb=principal.agb,
        actor=principal,
        settings=settings,
        transportsleutel=idempotency_key,
    )
    return JSONResponse(
        antwoord.body, status_code=antwoord.status_code, headers={"Location": antwoord.location}
    )


@router.get("/berichten", response_model=Page[BerichtSamenvatting])
async def search_berichten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagBerichtenlogboekLezen,
    sortering: BerichtSortering,
    berichtidentificatie: Annotated[str | None, Query(max_length=12)] = None,
    berichtsoort: Annotated[str | None, Query(pattern=r"^WMO[0-9]{3}$")] = None,
    aanbieder_agb: Annotated[str | None, Query(alias="aanbiederAgb", pattern=r"^[0-9]{8}$")] = None,
    toewijzingnummer: Annotated[str | None, Query(pattern=r"^[0-9]{1,10}$")] = None,
    status: BerichtStatus | None = None,
    ontvangen_vanaf: Annotated[Tijdstip | None, Query(alias="ontvangenVanaf")] = None,
    ontvangen_tot: Annotated[Tijdstip | None, Query(alias="ontvangenTot")] = None,
    gemeentecode: Annotated[
        str | None,
        Query(pattern=r"^[0-9]{4}$", description="Alleen berichten van of aan deze gemeente."),
    ] = None,
) -> Page[BerichtSamenvatting]:
    """Zoek in het berichtenlogboek (standaard nieuwste eerst), zonder XML of
    persoonsgegevens."""
    vraag = Zoekvraag(
        sortering=sortering,
        berichtidentificatie=berichtidentificatie,
        berichtsoort=berichtsoort,
        aanbieder_agb=aanbieder_agb,
        toewijzingnummer=str(int(toewijzingnummer)) if toewijzingnummer else None,
        status=status,
        ontvangen_vanaf=ontvangen_vanaf,
        ontvangen_tot=ontvangen_tot,
        gemeentecode=gemeentecode,
    )
    results, count = await logboek.search_berichten(
        session, vraag, offset=paging.offset, limit=paging.page_size
    )
    return paginate(request, response, results, count, paging)


@router.get("/berichten/{berichtId}", response_model=BerichtDetail)
async def get_bericht(
    bericht_id: BerichtId, session: DbSession, principal: MagBerichtenlogboekLezen
) -> BerichtDetail:
    """Een ontvangen bericht met zijn XML, de gelezen vorm, de bevindingen en de retour.
    De XML bevat BSN's: elke raadpleging wordt in het auditlogboek vastgelegd."""
    bericht = await logboek.read_bericht(session, bericht_id, principal)
    await session.commit()
    return logboek.to_detail(bericht)


@router.post("/berichten/{berichtId}/herverwerkingen", response_model=BerichtOntvangst)
async def reprocess_bericht(
    bericht_id: BerichtId,
    session: DbSession,
    principal: MagBerichtenHerverwerken,
    settings: GatewaySettings,
) -> BerichtOntvangst:
    """Verwerk een bericht opnieuw waarvan de verwerking door een tijdelijke fout mislukte."""
    await ontvangst.ensure_reprocessable(session, bericht_id)
    return logboek.to_ontvangst(await inbox.judge_stored(session, bericht_id, settings))


@router.get("/retourcode-tellingen", response_model=list[Retourcodetelling])
async def count_rejections(
    session: DbSession,
    principal: MagBerichtenlogboekLezen,
    vanaf: Annotated[Tijdstip | None, Query(description="Ontvangen vanaf (inclusief).")] = None,
    tot: Annotated[Tijdstip | None, Query(description="Ontvangen tot (exclusief).")] = None,
) -> list[Retourcodetelling]:
    """Hoe vaak elke aanbieder elke retourcode kreeg: wat aanbieders het vaakst fout doen."""
    return await logboek.count_rejections(session, vanaf=vanaf, tot=tot)

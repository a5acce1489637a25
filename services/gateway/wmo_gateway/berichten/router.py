from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.exc import DBAPIError

from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_gateway.berichten.errors import GeenXml, TeGroot, VerwerkingMislukt
from wmo_gateway.berichten.inbound import NietTeVertalen
from wmo_gateway.berichten.models import Bericht, BerichtStatus
from wmo_gateway.berichten.repository import Zoekvraag
from wmo_gateway.berichten.schemas import (
    BerichtDetail,
    BerichtOntvangst,
    BerichtSamenvatting,
    Retourcodetelling,
)
from wmo_gateway.berichten.service import beoordeling, logboek, ontvangst
from wmo_gateway.dependencies import BerichtId, GatewaySettings
from wmo_gateway.rollen import (
    MagBerichtenHerverwerken,
    MagBerichtenlogboekLezen,
    MagBerichtenSturen,
)
from wmo_gateway.settings import Settings

router = APIRouter(tags=["berichten"])

XML_TYPES = {"application/xml", "text/xml"}


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


async def _process(
    session: DbSession, bericht_id: uuid.UUID, settings: Settings, **kwargs: Any
) -> Bericht:
    """Judge a stored bericht; a transient failure leaves it stored as `mislukt` (and 503)."""
    try:
        bericht = await beoordeling.process_bericht(
            session, bericht_id, settings=settings, **kwargs
        )
        await session.commit()
        return bericht
    except (VerwerkingMislukt, DBAPIError, OSError, NietTeVertalen) as exc:
        await session.rollback()
        await ontvangst.mark_failed(session, bericht_id, type(exc).__name__)
        await session.commit()
        raise VerwerkingMislukt(f"Het bericht is bewaard met id {bericht_id}.") from exc


@router.post(
    "/berichten",
    response_model=BerichtOntvangst,
    status_code=201,
    responses={
        200: {
            "description": "Dit bericht was al ontvangen; hetzelfde antwoord.",
            "model": BerichtOntvangst,
        },
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
    response: Response,
    session: DbSession,
    principal: MagBerichtenSturen,
    settings: GatewaySettings,
) -> BerichtOntvangst:
    """Ontvang een iWmo-bericht (305, 307, 315, 317, 323, of de retour 302/320) van een aanbieder.

    Het bericht wordt ongewijzigd bewaard, gecontroleerd en beantwoord met zijn retourbericht
    (ook in de uitgaande berichten van de aanbieder). Hetzelfde bericht nogmaals sturen geeft
    hetzelfde antwoord (200) en wordt niet opnieuw verwerkt."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in XML_TYPES:
        raise GeenXml()
    data = await _read_body(request, settings.max_bericht_bytes)
    ontvangen, result = await ontvangst.receive_bericht(
        session, data, principal=principal, settings=settings
    )
    bericht = ontvangen.bericht
    # Stored before it is judged: whatever happens next, the message is not lost.
    await session.commit()
    if bericht.status in (BerichtStatus.ONTVANGEN, BerichtStatus.MISLUKT):
        bericht = await _process(session, bericht.id, settings, result=result)
    if not ontvangen.is_nieuw:
        response.status_code = 200
    response.headers["Location"] = f"/api/v1/berichten/{bericht.id}"
    return logboek.to_ontvangst(bericht)


@router.get("/berichten", response_model=Page[BerichtSamenvatting])
async def search_berichten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagBerichtenlogboekLezen,
    berichtidentificatie: Annotated[str | None, Query(max_length=12)] = None,
    berichtsoort: Annotated[str | None, Query(pattern=r"^WMO\d{3}$")] = None,
    aanbieder_agb: Annotated[str | None, Query(alias="aanbiederAgb", pattern=r"^\d{8}$")] = None,
    toewijzingnummer: Annotated[str | None, Query(pattern=r"^\d{1,10}$")] = None,
    status: BerichtStatus | None = None,
    ontvangen_vanaf: Annotated[datetime | None, Query(alias="ontvangenVanaf")] = None,
    ontvangen_tot: Annotated[datetime | None, Query(alias="ontvangenTot")] = None,
) -> Page[BerichtSamenvatting]:
    """Zoek in het berichtenlogboek (nieuwste eerst), zonder XML of persoonsgegevens."""
    vraag = Zoekvraag(
        berichtidentificatie=berichtidentificatie,
        berichtsoort=berichtsoort,
        aanbieder_agb=aanbieder_agb,
        toewijzingnummer=str(int(toewijzingnummer)) if toewijzingnummer else None,
        status=status,
        ontvangen_vanaf=ontvangen_vanaf,
        ontvangen_tot=ontvangen_tot,
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
    return logboek.to_ontvangst(await _process(session, bericht_id, settings))


@router.get("/retourcode-tellingen", response_model=list[Retourcodetelling])
async def count_rejections(
    session: DbSession,
    principal: MagBerichtenlogboekLezen,
    vanaf: Annotated[datetime | None, Query(description="Ontvangen vanaf (inclusief).")] = None,
    tot: Annotated[datetime | None, Query(description="Ontvangen tot (exclusief).")] = None,
) -> list[Retourcodetelling]:
    """Hoe vaak elke aanbieder elke retourcode kreeg: wat aanbieders het vaakst fout doen."""
    return await logboek.count_rejections(session, vanaf=vanaf, tot=tot)

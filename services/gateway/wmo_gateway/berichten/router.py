from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from sqlalchemy.exc import DBAPIError

from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal, Role, require_roles
from wmo_common.db import DbSession
from iwmo import read_message
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.problems import Forbidden
from wmo_gateway.berichten import repository, service
from wmo_gateway.berichten.errors import (
    BerichtNietGevonden,
    GeenXml,
    TeGroot,
    VerwerkingMislukt,
)
from wmo_gateway.berichten.inbound import NietTeVertalen
from wmo_gateway.berichten.models import Bericht, BerichtStatus
from wmo_gateway.berichten.schemas import (
    BerichtDetail,
    BerichtOntvangst,
    BerichtSamenvatting,
    Bevinding,
    Retourcodetelling,
)
from wmo_gateway.dependencies import GatewaySettings
from wmo_gateway.settings import Settings

router = APIRouter(tags=["berichten"])

Aanbieder = Annotated[Principal, Depends(require_roles(Role.PROVIDER))]
Toezicht = Annotated[Principal, Depends(require_roles(Role.OPERATIONS, Role.AUDITOR))]
Beheer = Annotated[Principal, Depends(require_roles(Role.OPERATIONS))]
BerichtId = Annotated[
    uuid.UUID, Path(alias="berichtId", description="Id van het ontvangen bericht.")
]
XML_TYPES = {"application/xml", "text/xml"}
ACTIVITEIT = "iwmo-berichtenverkeer"


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


def _ontvangst(bericht: Bericht) -> BerichtOntvangst:
    return BerichtOntvangst(
        id=bericht.id,
        berichtsoort=bericht.berichtsoort,
        berichtidentificatie=bericht.berichtidentificatie,
        status=bericht.status,
        findings=[Bevinding.model_validate(f) for f in bericht.findings],
        retour_xml=bericht.retour_xml,
    )


async def _process(
    session: DbSession, bericht_id: uuid.UUID, settings: Settings, **kwargs: Any
) -> Bericht:
    """Judge a stored bericht; a transient failure leaves it stored as `mislukt` (and 503)."""
    try:
        bericht = await service.process_bericht(session, bericht_id, settings=settings, **kwargs)
        await session.commit()
        return bericht
    except (VerwerkingMislukt, DBAPIError, OSError, NietTeVertalen) as exc:
        await session.rollback()
        await service.mark_failed(session, bericht_id, type(exc).__name__)
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
    principal: Aanbieder,
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
    if principal.agb is None:
        # wmo_common.auth refuses provider tokens without an AGB code; this keeps that explicit.
        raise Forbidden("Een aanbieder-token zonder AGB-code kan niets sturen.")
    ontvangst, result = await service.receive_bericht(
        session, data, afzender_agb=principal.agb, settings=settings
    )
    bericht = ontvangst.bericht
    if ontvangst.is_nieuw:
        for pseudonym in bericht.client_pseudonyms:
            await audit.record(
                session,
                principal,
                verwerkingsactiviteit=ACTIVITEIT,
                handeling=Handeling.AANMAKEN,
                client_pseudonym=pseudonym,
                resource=f"bericht/{bericht.id}",
            )
    # Stored before it is judged: whatever happens next, the message is not lost.
    await session.commit()
    if bericht.status in (BerichtStatus.ONTVANGEN, BerichtStatus.MISLUKT):
        bericht = await _process(session, bericht.id, settings, result=result)
    if not ontvangst.is_nieuw:
        response.status_code = 200
    response.headers["Location"] = f"/api/v1/berichten/{bericht.id}"
    return _ontvangst(bericht)


def _samenvatting(bericht: Bericht) -> dict[str, Any]:
    return {
        "id": bericht.id,
        "berichtsoort": bericht.berichtsoort,
        "berichtidentificatie": bericht.berichtidentificatie,
        "dagtekening": bericht.dagtekening,
        "aanbieder_agb": bericht.aanbieder_agb,
        "gemeentecode": bericht.gemeentecode,
        "status": bericht.status,
        "toewijzingnummers": bericht.toewijzingnummers,
        "referenties": bericht.referenties,
        "retourcodes": list(dict.fromkeys(f["code"] for f in bericht.findings)),
        "fout": bericht.fout,
        "received_at": bericht.received_at,
        "processed_at": bericht.processed_at,
        "antwoord_deadline": bericht.antwoord_deadline,
        "beantwoord_at": bericht.beantwoord_at,
    }


@router.get("/berichten", response_model=Page[BerichtSamenvatting])
async def search_berichten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: Toezicht,
    berichtidentificatie: Annotated[str | None, Query(max_length=12)] = None,
    berichtsoort: Annotated[str | None, Query(pattern=r"^WMO\d{3}$")] = None,
    aanbieder_agb: Annotated[str | None, Query(alias="aanbiederAgb", pattern=r"^\d{8}$")] = None,
    toewijzingnummer: Annotated[str | None, Query(pattern=r"^\d{1,10}$")] = None,
    status: BerichtStatus | None = None,
    ontvangen_vanaf: Annotated[datetime | None, Query(alias="ontvangenVanaf")] = None,
    ontvangen_tot: Annotated[datetime | None, Query(alias="ontvangenTot")] = None,
) -> Page[BerichtSamenvatting]:
    """Zoek in het berichtenlogboek (nieuwste eerst), zonder XML of persoonsgegevens."""
    vraag = repository.Zoekvraag(
        berichtidentificatie=berichtidentificatie,
        berichtsoort=berichtsoort,
        aanbieder_agb=aanbieder_agb,
        toewijzingnummer=str(int(toewijzingnummer)) if toewijzingnummer else None,
        status=status,
        ontvangen_vanaf=ontvangen_vanaf,
        ontvangen_tot=ontvangen_tot,
    )
    rows, count = await repository.search(
        session, vraag, offset=paging.offset, limit=paging.page_size
    )
    results = [BerichtSamenvatting.model_validate(_samenvatting(r)) for r in rows]
    return paginate(request, response, results, count, paging)


@router.get("/berichten/{berichtId}", response_model=BerichtDetail)
async def get_bericht(
    bericht_id: BerichtId, session: DbSession, principal: Toezicht
) -> BerichtDetail:
    """Een ontvangen bericht met zijn XML, de gelezen vorm, de bevindingen en de retour.
    De XML bevat BSN's: elke raadpleging wordt in het auditlogboek vastgelegd."""
    bericht = await repository.get(session, bericht_id)
    if bericht is None:
        raise BerichtNietGevonden()
    pseudonyms: list[str | None] = list(bericht.client_pseudonyms) or [None]
    for pseudonym in pseudonyms:
        await audit.record(
            session,
            principal,
            verwerkingsactiviteit=ACTIVITEIT,
            handeling=Handeling.LEZEN,
            client_pseudonym=pseudonym,
            resource=f"bericht/{bericht.id}",
        )
    await session.commit()
    parsed = dataclasses.asdict(read_message(bericht.xml))  # type: ignore[call-overload]
    return BerichtDetail.model_validate(
        _samenvatting(bericht)
        | {
            "xml": bericht.xml.decode("utf-8", errors="replace"),
            "parsed": parsed,
            "findings": [Bevinding.model_validate(f) for f in bericht.findings],
            "retour_xml": bericht.retour_xml,
        }
    )


@router.post("/berichten/{berichtId}/herverwerkingen", response_model=BerichtOntvangst)
async def reprocess_bericht(
    bericht_id: BerichtId, session: DbSession, principal: Beheer, settings: GatewaySettings
) -> BerichtOntvangst:
    """Verwerk een bericht opnieuw waarvan de verwerking door een tijdelijke fout mislukte."""
    bericht = await repository.get(session, bericht_id)
    if bericht is None:
        raise BerichtNietGevonden()
    service.ensure_reprocessable(bericht)
    return _ontvangst(await _process(session, bericht_id, settings))


@router.get("/retourcode-tellingen", response_model=list[Retourcodetelling])
async def count_rejections(
    session: DbSession,
    principal: Toezicht,
    vanaf: Annotated[datetime | None, Query(description="Ontvangen vanaf (inclusief).")] = None,
    tot: Annotated[datetime | None, Query(description="Ontvangen tot (exclusief).")] = None,
) -> list[Retourcodetelling]:
    """Hoe vaak elke aanbieder elke retourcode kreeg: wat aanbieders het vaakst fout doen."""
    rows = await repository.rejection_counts(session, vanaf=vanaf, tot=tot)
    return [Retourcodetelling(aanbieder_agb=a, code=c, aantal=n) for a, c, n in rows]

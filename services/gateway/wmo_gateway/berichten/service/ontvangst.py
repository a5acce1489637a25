"""Receiving a bericht: check its sender and store it raw, once per (aanbieder, soort,
identificatie), before it is judged; and what happens to one whose judging failed."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from iwmo import Bericht as IwmoBericht
from iwmo import Limits, ValidationResult, validate
from iwmo.models import RetourHeaderVanGemeente
from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.calendar import today
from wmo_common.db import utcnow
from wmo_common.privacy import pseudonymise
from wmo_common.problems import Forbidden, InvalidParam
from wmo_gateway.berichten import inbound, repository
from wmo_gateway.berichten.errors import (
    AfzenderWijktAf,
    BerichtNietGevonden,
    BerichtsoortNietToegestaan,
    IdentificatieAlGebruikt,
    NietHerverwerkbaar,
    OngeldigBericht,
    VerwerkingMislukt,
)
from wmo_gateway.berichten.models import Bericht, BerichtStatus
from wmo_gateway.settings import Settings

ACTIVITEIT = "iwmo-berichtenverkeer"


@dataclass(frozen=True)
class Ontvangst:
    bericht: Bericht
    is_nieuw: bool


async def validate_bericht(data: bytes, settings: Settings) -> ValidationResult:
    """The codec's three layers, off the event loop and within the processing time limit."""
    limits = Limits(max_bytes=settings.max_bericht_bytes)
    try:
        return await asyncio.wait_for(
            asyncio.to_thread(validate, data, today=today(), limits=limits),
            settings.verwerking_timeout_seconds,
        )
    except TimeoutError as exc:
        raise VerwerkingMislukt("De controle van het bericht duurde te lang.") from exc


async def receive_bericht(
    session: AsyncSession, data: bytes, *, principal: Principal, settings: Settings
) -> tuple[Ontvangst, ValidationResult | None]:
    """Check the sender and store the raw bericht once per (aanbieder, soort, identificatie);
    a new one is recorded in the audit log for every client it names.

    Returns the stored bericht and, for a new one, the validation result to judge it with.
    """
    if principal.agb is None:
        # wmo_common.auth refuses provider tokens without an AGB code; this keeps that explicit.
        raise Forbidden("Een aanbieder-token zonder AGB-code kan niets sturen.")
    result = await validate_bericht(data, settings)
    if result.message is None:
        raise OngeldigBericht(
            f"{len(result.findings)} fout(en) op niveau 1; het bericht is niet bewaard.",
            invalid_params=[
                InvalidParam(name=f.path, code=f.code, reason=f.message) for f in result.findings
            ],
        )
    message = result.message
    if not isinstance(message, inbound.INKOMEND):
        raise BerichtsoortNietToegestaan(f"{type(message).BERICHT} komt van de gemeente.")
    kop = inbound.kop(message)
    if kop.aanbieder_agb != principal.agb:
        raise AfzenderWijktAf()
    await repository.lock_key(
        session, kop.aanbieder_agb, kop.berichtsoort, kop.berichtidentificatie
    )
    sha = hashlib.sha256(data).hexdigest()
    existing = await repository.find_by_key(
        session, kop.aanbieder_agb, kop.berichtsoort, kop.berichtidentificatie
    )
    if existing is not None:
        if existing.sha256 != sha:
            raise IdentificatieAlGebruikt()
        return Ontvangst(existing, is_nieuw=False), None
    bericht = Bericht(
        berichtsoort=kop.berichtsoort,
        berichtidentificatie=kop.berichtidentificatie,
        dagtekening=_dagtekening(message),
        aanbieder_agb=kop.aanbieder_agb,
        gemeentecode=kop.gemeentecode,
        status=BerichtStatus.ONTVANGEN,
        xml=data,
        sha256=sha,
        findings=[],
        toewijzingnummers=[str(n) for n in inbound.toewijzingnummers(message)],
        client_pseudonyms=[pseudonymise(b, settings.pseudonym_key) for b in inbound.bsns(message)],
        referenties=inbound.referenties(message),
        received_at=utcnow(),
    )
    session.add(bericht)
    await session.flush()
    for pseudonym in bericht.client_pseudonyms:
        await audit.record(
            session,
            principal,
            verwerkingsactiviteit=ACTIVITEIT,
            handeling=Handeling.AANMAKEN,
            client_pseudonym=pseudonym,
            resource=f"bericht/{bericht.id}",
        )
    return Ontvangst(bericht, is_nieuw=True), result


def _dagtekening(message: IwmoBericht) -> date:
    header = message.header
    if isinstance(header, RetourHeaderVanGemeente):
        return header.dagtekening_retour
    return header.bericht_identificatie.dagtekening


async def mark_failed(session: AsyncSession, bericht_id: Any, reason: str) -> None:
    """Record why judging a stored bericht failed, so operations see it and can re-process."""
    bericht = await repository.get(session, bericht_id, for_update=True)
    if bericht is not None and bericht.status == BerichtStatus.ONTVANGEN:
        bericht.status = BerichtStatus.MISLUKT
        bericht.fout = reason[:200]


async def ensure_reprocessable(session: AsyncSession, bericht_id: uuid.UUID) -> None:
    """Only a bericht whose judging failed or never finished is judged again."""
    bericht = await repository.get(session, bericht_id)
    if bericht is None:
        raise BerichtNietGevonden()
    if bericht.status not in (BerichtStatus.ONTVANGEN, BerichtStatus.MISLUKT):
        raise NietHerverwerkbaar()

"""Receiving a bericht: level 1, the sender, the transport key and TR056, then the raw bericht
stored before it is judged; and what happens to one whose judging failed."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from iwmo import RETOUR_OF, Limits, ValidationResult, build_retour, validate
from iwmo import Bericht as IwmoBericht
from iwmo.models import RetourHeaderVanGemeente
from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.calendar import today
from wmo_common.db import utcnow
from wmo_common.privacy import pseudonymise
from wmo_common.problems import InvalidParam
from wmo_gateway.berichten import inbound, repository
from wmo_gateway.berichten.errors import (
    AfzenderWijktAf,
    BerichtNietGevonden,
    BerichtsoortNietToegestaan,
    NietHerverwerkbaar,
    OngeldigBericht,
    TransportsleutelHergebruikt,
    VerwerkingMislukt,
)
from wmo_gateway.berichten.models import Bericht, BerichtStatus, Transportsleutel
from wmo_gateway.berichten.regels import tr056
from wmo_gateway.berichten.service.antwoorden import answer
from wmo_gateway.berichten.service.bevindingen import finding_json
from wmo_gateway.settings import Settings
from wmo_gateway.uitgaande_berichten import service as uitgaand

ACTIVITEIT = "iwmo-berichtenverkeer"


@dataclass(frozen=True)
class Ontvangst:
    """A received bericht: the stored row, the validation to judge a new one with, and the
    transport key it came with (holding the first answer when this post is a retry)."""

    bericht: Bericht
    result: ValidationResult | None
    sleutel: Transportsleutel | None


@functools.cache
def _controles(workers: int) -> ThreadPoolExecutor:
    """The threads that validate berichten: at most `workers` parse trees exist at once, also
    when a validation outlives its time limit (a running thread cannot be stopped)."""
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="iwmo-controle")


async def validate_bericht(data: bytes, settings: Settings) -> ValidationResult:
    """The codec's three layers, off the event loop, a few at a time, within the processing time
    limit (waiting for a turn counts: a bericht not started in time is not started at all)."""
    limits = Limits(max_bytes=settings.max_bericht_bytes)
    controle = functools.partial(validate, data, today=today(), limits=limits)
    pool = _controles(settings.gelijktijdige_controles)
    try:
        return await asyncio.wait_for(
            asyncio.get_running_loop().run_in_executor(pool, controle),
            settings.verwerking_timeout_seconds,
        )
    except TimeoutError as exc:
        raise VerwerkingMislukt("De controle van het bericht duurde te lang.") from exc


async def receive_bericht(
    session: AsyncSession,
    data: bytes,
    *,
    afzender_agb: str,
    actor: Principal,
    settings: Settings,
    transportsleutel: str | None = None,
) -> Ontvangst:
    """Check the message (level 1) and its sender, and store it raw; a new one is recorded in
    the audit log for every client it names.

    A retry with a known transport key returns the bericht of its first post (another body with
    that key is refused). A BerichtIdentificatie this aanbieder used before for this berichtsoort
    (TR056) is logged and answered at once with a retour holding only its header and 9056.
    """
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
    if kop.aanbieder_agb != afzender_agb:
        raise AfzenderWijktAf()
    sha = hashlib.sha256(data).hexdigest()
    if transportsleutel is not None:
        await repository.lock_transportsleutel(session, afzender_agb, transportsleutel)
        sleutel = await repository.find_transportsleutel(session, afzender_agb, transportsleutel)
        if sleutel is not None:
            if sleutel.sha256 != sha:
                raise TransportsleutelHergebruikt()
            eerste = await repository.get(session, sleutel.bericht_id)
            if eerste is None:
                raise BerichtNietGevonden()
            return Ontvangst(eerste, None, sleutel)
    await repository.lock_key(
        session, kop.aanbieder_agb, kop.berichtsoort, kop.berichtidentificatie
    )
    eerder = await repository.find_by_key(
        session, kop.aanbieder_agb, kop.berichtsoort, kop.berichtidentificatie
    )
    bericht = Bericht(
        berichtsoort=kop.berichtsoort,
        berichtidentificatie=kop.berichtidentificatie,
        dagtekening=_dagtekening(message),
        aanbieder_agb=kop.aanbieder_agb,
        gemeentecode=kop.gemeentecode,
        status=BerichtStatus.ONTVANGEN if eerder is None else BerichtStatus.DUBBEL,
        xml=data,
        sha256=sha,
        findings=[],
        toewijzingnummers=[str(n) for n in inbound.toewijzingnummers(message)],
        client_pseudonyms=[pseudonymise(b, settings.pseudonym_key) for b in inbound.bsns(message)],
        referenties=inbound.referenties(message),
        beantwoorde_referenties=[],
        received_at=utcnow(),
    )
    session.add(bericht)
    await session.flush()
    if eerder is not None:
        await _answer_tr056(session, bericht, message, result)
    sleutel = None
    if transportsleutel is not None:
        sleutel = Transportsleutel(
            aanbieder_agb=afzender_agb, sleutel=transportsleutel, sha256=sha, bericht_id=bericht.id
        )
        session.add(sleutel)
    for pseudonym in bericht.client_pseudonyms:
        await audit.record(
            session,
            actor,
            verwerkingsactiviteit=ACTIVITEIT,
            handeling=Handeling.AANMAKEN,
            client_pseudonym=pseudonym,
            resource=f"bericht/{bericht.id}",
        )
    return Ontvangst(bericht, result if eerder is None else None, sleutel)


async def _answer_tr056(
    session: AsyncSession, bericht: Bericht, message: IwmoBericht, result: ValidationResult
) -> None:
    """TR056: the header alone with 9056 (a 325 without DeclaratieAntwoord for a 323); the
    message is not judged further, recorded or published. A retour (302/320) has no retour:
    its repeat is only logged."""
    bericht.processed_at = utcnow()
    if type(message) not in RETOUR_OF:
        return
    findings = [*result.findings, tr056()]
    bericht.findings = [finding_json(f) for f in findings]
    retour = build_retour(
        message,
        findings,
        identificatie=await uitgaand.next_identificatie(session),
        dagtekening=today(),
    )
    await answer(session, bericht, retour)
    if bericht.berichtsoort == "WMO323":
        bericht.beantwoord_at = utcnow()


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


def keep_antwoord(sleutel: Transportsleutel, status_code: int, antwoord: dict[str, Any]) -> None:
    """The first complete answer to a post with this transport key: what a retry gets."""
    sleutel.status_code = status_code
    sleutel.antwoord = antwoord

"""Receiving a bericht: store it raw, judge it (codec + the gateway's stateful rules), answer
with its retour, and publish what an accepted one says."""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.db import utcnow
from wmo_common.events import outbox
from wmo_common.events.access import VerzoekBeantwoord
from wmo_common.events.consumer import PermanentError
from wmo_common.events.finance import DeclaratieBeoordeeld
from iwmo import (
    Beoordeling,
    Finding,
    InvalidMessage,
    Level,
    Limits,
    ValidationResult,
    build_retour,
    build_wmo325,
    judge_wmo323,
    read_message,
    validate,
    write_message,
)
from iwmo import (
    Bericht as IwmoBericht,
)
from iwmo.models import RetourHeaderVanGemeente, Wmo302, Wmo320, Wmo323
from wmo_common.privacy import pseudonymise
from wmo_common.problems import InvalidParam
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
from wmo_gateway.berichten.regels import Bekend, stateful_rules
from wmo_gateway.kalender import (
    DECLARATIE_ANTWOORD_WERKDAGEN,
    VERZOEK_ANTWOORD_WERKDAGEN,
    lokale_datum,
    plus_werkdagen,
    vandaag,
)
from wmo_gateway.settings import Settings
from wmo_gateway.toewijzingen import repository as toewijzingen
from wmo_gateway.uitgaande_berichten import repository as uitgaand_repository
from wmo_gateway.uitgaande_berichten import service as uitgaand


@dataclass(frozen=True)
class Ontvangst:
    bericht: Bericht
    is_nieuw: bool


def finding_json(finding: Finding) -> dict[str, Any]:
    return finding.as_json() | {"rule": finding.rule, "level": int(finding.level)}


def finding_from_json(data: dict[str, Any]) -> Finding:
    return Finding(data["code"], data["path"], data["message"], data["rule"], Level(data["level"]))


async def _validate(data: bytes, settings: Settings) -> ValidationResult:
    """The codec's three layers, off the event loop and within the processing time limit."""
    limits = Limits(max_bytes=settings.max_bericht_bytes)
    try:
        return await asyncio.wait_for(
            asyncio.to_thread(validate, data, today=vandaag(), limits=limits),
            settings.verwerking_timeout_seconds,
        )
    except TimeoutError as exc:
        raise VerwerkingMislukt("De controle van het bericht duurde te lang.") from exc


async def receive_bericht(
    session: AsyncSession, data: bytes, *, afzender_agb: str, settings: Settings
) -> tuple[Ontvangst, ValidationResult | None]:
    """Check the sender and store the raw bericht once per (aanbieder, soort, identificatie).

    Returns the stored bericht and, for a new one, the validation result to judge it with.
    """
    result = await _validate(data, settings)
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
    return Ontvangst(bericht, is_nieuw=True), result


def _dagtekening(message: IwmoBericht) -> date:
    header = message.header
    if isinstance(header, RetourHeaderVanGemeente):
        return header.dagtekening_retour
    return header.bericht_identificatie.dagtekening


async def process_bericht(
    session: AsyncSession,
    bericht_id: Any,
    *,
    settings: Settings,
    result: ValidationResult | None = None,
) -> Bericht:
    """Judge a stored bericht, answer it and publish it; a no-op once it was judged."""
    bericht = await repository.get(session, bericht_id, for_update=True)
    if bericht is None:
        raise BerichtNietGevonden()
    if bericht.status not in (BerichtStatus.ONTVANGEN, BerichtStatus.MISLUKT):
        return bericht
    if result is None:
        result = await _validate(bericht.xml, settings)
    message = result.message
    if message is None:
        raise RuntimeError("a stored bericht is always structurally valid")
    if isinstance(message, Wmo302 | Wmo320):
        await _record_retour(session, bericht, message, list(result.findings))
        return bericht
    bekend = await _bekend(session, bericht, settings)
    findings = list(result.findings)
    for rule in stateful_rules(bekend):
        findings.extend(rule(message))
    bericht.findings = [finding_json(f) for f in findings]
    bericht.processed_at = utcnow()
    bericht.fout = None
    if isinstance(message, Wmo323):
        await _process_declaratie(session, bericht, message, findings, bekend, settings)
        return bericht
    retour = build_retour(
        message,
        findings,
        identificatie=await uitgaand.next_identificatie(session),
        dagtekening=vandaag(),
    )
    await _answer(session, bericht, retour)
    bericht.status = BerichtStatus.AFGEKEURD if findings else BerichtStatus.GEACCEPTEERD
    if not findings:
        if bericht.berichtsoort in ("WMO315", "WMO317"):
            bericht.antwoord_deadline = plus_werkdagen(
                lokale_datum(bericht.received_at), VERZOEK_ANTWOORD_WERKDAGEN
            )
        await _publish(session, bericht, message, bekend, frozenset())
    return bericht


async def _bekend(session: AsyncSession, bericht: Bericht, settings: Settings) -> Bekend:
    nummers = [int(n) for n in bericht.toewijzingnummers]
    return Bekend(
        aanbieder_agb=bericht.aanbieder_agb,
        toewijzingen=await toewijzingen.by_nummers(session, bericht.gemeentecode, nummers),
        pseudonymise=lambda bsn: pseudonymise(bsn, settings.pseudonym_key),
        today=vandaag(),
        gebruikte_referenties=await repository.used_referenties(
            session, bericht.aanbieder_agb, bericht.id
        )
        if bericht.berichtsoort in ("WMO315", "WMO317")
        else frozenset(),
        gebruikte_declaratienummers=await repository.used_declaratienummers(
            session, bericht.aanbieder_agb, bericht.id
        )
        if bericht.berichtsoort == "WMO323"
        else frozenset(),
    )


async def _answer(session: AsyncSession, bericht: Bericht, retour: IwmoBericht) -> None:
    bericht.retour_xml = write_message(retour).decode("utf-8")
    await uitgaand.add_uitgaand(
        session,
        retour,
        aanbieder_agb=bericht.aanbieder_agb,
        bericht_id=bericht.id,
        referentie=bericht.referenties[0] if bericht.berichtsoort == "WMO323" else None,
        client_pseudonyms=bericht.client_pseudonyms,
        toewijzingnummers=bericht.toewijzingnummers,
    )


async def _publish(
    session: AsyncSession,
    bericht: Bericht,
    message: IwmoBericht,
    bekend: Bekend,
    afgewezen: frozenset[str],
) -> None:
    for event in inbound.inbound_events(
        message,
        bericht_id=bericht.id,
        toewijzingen=bekend.toewijzingen,
        pseudonymise=bekend.pseudonymise,
        afgewezen_referenties=afgewezen,
    ):
        await outbox.add(session, event)


async def _process_declaratie(
    session: AsyncSession,
    bericht: Bericht,
    message: Wmo323,
    findings: list[Finding],
    bekend: Bekend,
    settings: Settings,
) -> None:
    """A 323 the gateway can already reject as a whole is answered with its 325 now; otherwise
    its lines without findings go to finance, and the 325 follows finance's verdict."""
    beoordeling = judge_wmo323(message, findings)
    afgewezen = set(beoordeling.prestatie_codes)
    for client in message.declaratie.clienten:
        if client.bsn in beoordeling.client_codes:
            afgewezen.update(p.product_referentie.referentie_nummer for p in client.prestaties)
    regels = [p for c in message.declaratie.clienten for p in c.prestaties]
    geheel_afgewezen = (
        beoordeling.technisch_afgekeurd
        or bool(beoordeling.header_codes)
        or bool(beoordeling.declaratie_codes)
        or len(afgewezen) == len(regels)
    )
    if geheel_afgewezen:
        retour = build_retour(
            message,
            findings,
            identificatie=await uitgaand.next_identificatie(session),
            dagtekening=vandaag(),
        )
        await _answer(session, bericht, retour)
        bericht.status = BerichtStatus.AFGEKEURD
        bericht.beantwoord_at = utcnow()
        return
    bericht.status = BerichtStatus.GEACCEPTEERD
    bericht.antwoord_deadline = plus_werkdagen(
        lokale_datum(bericht.received_at), DECLARATIE_ANTWOORD_WERKDAGEN
    )
    await _publish(session, bericht, message, bekend, frozenset(afgewezen))


async def _record_retour(
    session: AsyncSession, bericht: Bericht, message: IwmoBericht, findings: list[Finding]
) -> None:
    """A 302/320 answers one of our messages: the deadline watch stops for that message."""
    header = message.header
    ident = header.bericht_identificatie.identificatie
    original = await uitgaand_repository.find_by_identificatie_for_update(
        session, aanbieder_agb=bericht.aanbieder_agb, berichtidentificatie=ident
    )
    bericht.processed_at = utcnow()
    if original is None or findings:
        bericht.findings = [finding_json(f) for f in findings] or [
            {
                "code": "onbekend",
                "path": "/Bericht/Header/BerichtIdentificatie",
                "message": "Deze retour hoort bij geen bericht van de gemeente aan deze aanbieder.",
                "rule": "gateway",
                "level": int(Level.BERICHTOVERSTIJGEND),
            }
        ]
        bericht.status = BerichtStatus.AFGEKEURD
        return
    if original.retour_ontvangen_at is None:
        original.retour_ontvangen_at = bericht.received_at
        original.retour_codes = _all_retour_codes(message)
    bericht.status = BerichtStatus.GEACCEPTEERD
    bericht.toewijzingnummers = original.toewijzingnummers
    bericht.client_pseudonyms = original.client_pseudonyms


def _all_retour_codes(message: IwmoBericht) -> list[str]:
    """Every RetourCode in a retour, header first, once each."""
    codes: list[str] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, tuple):
            for item in obj:
                walk(item)
            return
        if not hasattr(obj, "__dataclass_fields__"):
            return
        for name in obj.__dataclass_fields__:
            value = getattr(obj, name)
            if name == "retour_codes":
                codes.extend(value)
            else:
                walk(value)

    walk(message)
    return list(dict.fromkeys(codes))


async def mark_failed(session: AsyncSession, bericht_id: Any, reason: str) -> None:
    """Record why judging a stored bericht failed, so operations see it and can re-process."""
    bericht = await repository.get(session, bericht_id, for_update=True)
    if bericht is not None and bericht.status == BerichtStatus.ONTVANGEN:
        bericht.status = BerichtStatus.MISLUKT
        bericht.fout = reason[:200]


def ensure_reprocessable(bericht: Bericht) -> None:
    """Only a bericht whose judging failed or never finished is judged again."""
    if bericht.status not in (BerichtStatus.ONTVANGEN, BerichtStatus.MISLUKT):
        raise NietHerverwerkbaar()


async def answer_declaratie(session: AsyncSession, event: DeclaratieBeoordeeld) -> None:
    """Finance judged the lines the gateway let through: the 325 goes out with per-line codes,
    together with the lines the gateway rejected itself; once per 323."""
    bericht = await repository.get(session, event.bericht_id, for_update=True)
    if bericht is None or bericht.berichtsoort != "WMO323":
        raise PermanentError("declaratie-beoordeeld names no Wmo323 the gateway received")
    if bericht.aanbieder_agb != event.aanbieder_agb:
        raise PermanentError("declaratie-beoordeeld names another aanbieder than its Wmo323")
    if bericht.beantwoord_at is not None:
        return
    message = read_message(bericht.xml, expected=Wmo323)
    if not isinstance(message, Wmo323):
        raise PermanentError("the stored bericht is no Wmo323")
    eigen = judge_wmo323(message, [finding_from_json(f) for f in bericht.findings])
    referenties = {
        p.product_referentie.referentie_nummer
        for c in message.declaratie.clienten
        for p in c.prestaties
    }
    prestatie_codes = dict(eigen.prestatie_codes)
    for verdict in event.prestaties:
        if verdict.referentie not in referenties:
            raise PermanentError("declaratie-beoordeeld judges a line the Wmo323 does not hold")
        if verdict.goedgekeurd:
            continue
        if not verdict.retourcodes:
            raise PermanentError("a rejected prestatie needs at least one retour code")
        prestatie_codes[verdict.referentie] = tuple(
            dict.fromkeys((*prestatie_codes.get(verdict.referentie, ()), *verdict.retourcodes))
        )
    beoordeling = Beoordeling(client_codes=eigen.client_codes, prestatie_codes=prestatie_codes)
    try:
        antwoord = build_wmo325(
            message,
            beoordeling,
            identificatie=await uitgaand.next_identificatie(session),
            dagtekening=vandaag(),
        )
        await _answer(session, bericht, antwoord)
    except InvalidMessage as exc:
        raise PermanentError(f"the Wmo325 would be invalid: {exc}") from exc
    bericht.beantwoord_at = utcnow()


async def record_verzoek_antwoord(session: AsyncSession, event: VerzoekBeantwoord) -> None:
    """Access answered a 315/317: the answer is no longer owed; a refusal goes out as a 319."""
    verzoek = await repository.find_verzoek(session, event.aanbieder_agb, event.bericht_referentie)
    if verzoek is not None and verzoek.beantwoord_at is None:
        verzoek.beantwoord_at = utcnow()
    if not event.toegekend:
        await uitgaand.send_wmo319(session, event)

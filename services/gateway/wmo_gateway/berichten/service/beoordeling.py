"""Judging a stored bericht: the codec's findings plus the gateway's level-3 rules
(`berichten.regels`); then its retour, what an accepted one adds to the gateway's log and the
`gateway.inbound.v1` events it becomes. A 302/320 instead closes the retour watch of the message
it answers."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from iwmo import Bericht as IwmoBericht
from iwmo import Finding, Level, ValidationResult, build_retour, judge_wmo323
from iwmo.models import Wmo302, Wmo320, Wmo323
from wmo_common.calendar import add_working_days, local_date, today
from wmo_common.db import utcnow
from wmo_common.events import outbox
from wmo_gateway.berichten import inbound, regels, repository
from wmo_gateway.berichten.errors import BerichtNietGevonden
from wmo_gateway.berichten.models import Bericht, BerichtStatus
from wmo_gateway.berichten.regels import Staat
from wmo_gateway.berichten.service.antwoorden import answer
from wmo_gateway.berichten.service.bevindingen import finding_json
from wmo_gateway.berichten.service.ontvangst import validate_bericht
from wmo_gateway.berichten.service.staat import load_staat, record_leveringen
from wmo_gateway.settings import Settings
from wmo_gateway.termijnen.regels import DECLARATIE_ANTWOORD_WERKDAGEN, VERZOEK_ANTWOORD_WERKDAGEN
from wmo_gateway.uitgaande_berichten import repository as uitgaand_repository
from wmo_gateway.uitgaande_berichten import service as uitgaand


async def process_bericht(
    session: AsyncSession,
    bericht_id: Any,
    *,
    settings: Settings,
    result: ValidationResult | None = None,
) -> Bericht:
    """Judge a stored bericht, answer it, record and publish it; a no-op once it was judged."""
    bericht = await repository.get(session, bericht_id, for_update=True)
    if bericht is None:
        raise BerichtNietGevonden()
    if bericht.status not in (BerichtStatus.ONTVANGEN, BerichtStatus.MISLUKT):
        return bericht
    if result is None:
        result = await validate_bericht(bericht.xml, settings)
    message = result.message
    if message is None:
        raise RuntimeError("a stored bericht is always structurally valid")
    if isinstance(message, Wmo302 | Wmo320):
        await _record_retour(session, bericht, message, list(result.findings))
        return bericht
    await repository.lock_aanbieder(session, bericht.aanbieder_agb)
    staat = await load_staat(session, bericht, message, settings)
    findings = list(result.findings)
    # Level 2 comes first: a message that breaks it gets 0001 and is judged no further.
    if not any(f.level is Level.BERICHT for f in findings):
        findings.extend(regels.judge(message, staat))
    bericht.findings = [finding_json(f) for f in findings]
    bericht.processed_at = utcnow()
    bericht.fout = None
    if isinstance(message, Wmo323):
        await _process_declaratie(session, bericht, message, findings, staat)
        return bericht
    retour = build_retour(
        message,
        findings,
        identificatie=await uitgaand.next_identificatie(session),
        dagtekening=today(),
    )
    await answer(session, bericht, retour)
    # Any level-3/4 finding rejects the whole message: nothing recorded, nothing published.
    bericht.status = BerichtStatus.AFGEKEURD if findings else BerichtStatus.GEACCEPTEERD
    if not findings:
        if bericht.berichtsoort in ("WMO315", "WMO317"):
            bericht.antwoord_deadline = add_working_days(
                local_date(bericht.received_at), VERZOEK_ANTWOORD_WERKDAGEN
            )
        await record_leveringen(session, bericht, message, staat)
        await _publish(session, bericht, message, staat, frozenset())
    return bericht


async def _publish(
    session: AsyncSession,
    bericht: Bericht,
    message: IwmoBericht,
    staat: Staat,
    afgewezen: frozenset[str],
) -> None:
    for event in inbound.inbound_events(
        message,
        bericht_id=bericht.id,
        toewijzingen=staat.toewijzingen,
        pseudonymise=staat.pseudonymise,
        afgewezen_referenties=afgewezen,
    ):
        await outbox.add(session, event)


async def _process_declaratie(
    session: AsyncSession,
    bericht: Bericht,
    message: Wmo323,
    findings: list[Finding],
    staat: Staat,
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
            dagtekening=today(),
        )
        await answer(session, bericht, retour)
        bericht.status = BerichtStatus.AFGEKEURD
        bericht.beantwoord_at = utcnow()
        return
    bericht.status = BerichtStatus.GEACCEPTEERD
    bericht.antwoord_deadline = add_working_days(
        local_date(bericht.received_at), DECLARATIE_ANTWOORD_WERKDAGEN
    )
    await _publish(session, bericht, message, staat, frozenset(afgewezen))


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

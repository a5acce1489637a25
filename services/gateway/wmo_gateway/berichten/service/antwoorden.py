"""Answers to an aanbieder's bericht: its retour or 325 in the aanbieder's outbox, the 325 that
follows finance's verdict on a 323, and access's answer to a 315/317."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from iwmo import (
    Beoordeling,
    InvalidMessage,
    build_wmo325,
    judge_wmo323,
    read_message,
    write_message,
)
from iwmo import Bericht as IwmoBericht
from iwmo.models import Wmo323
from wmo_common.calendar import today
from wmo_common.db import utcnow
from wmo_common.events.access import VerzoekBeantwoord, VerzoekInOnderzoek
from wmo_common.events.consumer import PermanentError
from wmo_common.events.finance import DeclaratieBeoordeeld
from wmo_gateway.berichten import repository
from wmo_gateway.berichten.models import Bericht
from wmo_gateway.berichten.service.bevindingen import finding_from_json
from wmo_gateway.uitgaande_berichten import service as uitgaand


async def answer(session: AsyncSession, bericht: Bericht, retour: IwmoBericht) -> None:
    """Keep the answer with the bericht and put it in the aanbieder's outbox."""
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
            dagtekening=today(),
        )
        await answer(session, bericht, antwoord)
    except InvalidMessage as exc:
        raise PermanentError(f"the Wmo325 would be invalid: {exc}") from exc
    bericht.beantwoord_at = utcnow()


async def record_verzoek_antwoord(session: AsyncSession, event: VerzoekBeantwoord) -> None:
    """Access answered a 315/317 for good: that referentie is no longer open (TR374) and, once
    every referentie of the bericht is answered, the answer is no longer owed; a refusal goes
    out as a 319."""
    verzoek = await repository.find_verzoek(session, event.aanbieder_agb, event.bericht_referentie)
    if verzoek is not None and event.bericht_referentie not in verzoek.beantwoorde_referenties:
        verzoek.beantwoorde_referenties = [
            *verzoek.beantwoorde_referenties,
            event.bericht_referentie,
        ]
        if verzoek.beantwoord_at is None and set(verzoek.referenties) <= set(
            verzoek.beantwoorde_referenties
        ):
            verzoek.beantwoord_at = utcnow()
    if not event.toegekend:
        await uitgaand.send_wmo319(session, event)


async def record_verzoek_in_onderzoek(session: AsyncSession, event: VerzoekInOnderzoek) -> None:
    """Access is still looking into a 315/317: the aanbieder gets a Wmo319 "in onderzoek". The
    referentie stays open (TR374) until the final answer; once every open referentie of the
    bericht is in onderzoek, that answer is owed by access's later deadline (8 weeks)."""
    bericht = await repository.find_verzoek(session, event.aanbieder_agb, event.bericht_referentie)
    if bericht is not None and event.bericht_referentie in bericht.beantwoorde_referenties:
        return  # already answered for good: no "in onderzoek" after a final answer (TR365)
    await uitgaand.send_wmo319(session, event)
    if bericht is None or bericht.beantwoord_at is not None:
        return
    open_ = set(bericht.referenties) - set(bericht.beantwoorde_referenties)
    for referentie in open_:
        if not await uitgaand.has_wmo319(
            session, aanbieder_agb=event.aanbieder_agb, referentie=referentie
        ):
            return
    if bericht.antwoord_deadline is None or bericht.antwoord_deadline < event.deadline:
        bericht.antwoord_deadline = event.deadline

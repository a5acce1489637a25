"""The way in for every received iWmo bericht, whatever carried it: the HTTP inbox
(`router.post_bericht`) and a GGk (StUF) interface call `receive_and_judge` with the raw
bytes, the sender's AGB code and, when the transport has one, its key for retries.

The flow of one message:

1. `ontvangst.receive_bericht`: level 1 (not well-formed, unsafe, not as the XSD says) is a
   transport error and nothing is kept; the sender must be the AGB code of the transport; a
   retry with a known transport key gets the first answer; a reused BerichtIdentificatie
   (TR056) is answered with a retour holding only its header and 9056. The raw bericht is
   stored and committed: whatever happens next, it is not lost.
2. `beoordeling.process_bericht`: the codec's levels 2-4, then the gateway's level-3 rules
   (`berichten.regels`, one home per rule, listed there) against the toewijzingen from access
   and the gateway's own log. A rejected 305/307/315/317 gets its retour and nothing else; an
   accepted one also adds its starts or stops to the log and becomes `gateway.inbound.v1`
   events. A 323 is rejected per line: the lines without findings go to finance, whose verdict
   (`reacties.on_declaratie_beoordeeld`) completes the 325.
3. The answer is kept with the transport key, so a retry gets the same status and body.

Like a router this is an edge: it commits (after storing, and after judging).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from iwmo import ValidationResult
from wmo_common.auth import Principal
from wmo_gateway.berichten.errors import VerwerkingMislukt
from wmo_gateway.berichten.inbound import NietTeVertalen
from wmo_gateway.berichten.models import Bericht, BerichtStatus
from wmo_gateway.berichten.service import beoordeling, logboek, ontvangst
from wmo_gateway.settings import Settings

NIEUW = 201


@dataclass(frozen=True)
class Antwoord:
    """The answer to a posted bericht: its status, its body (`BerichtOntvangst` as JSON, the
    retour in `retourXml`) and where the bericht can be read."""

    status_code: int
    body: dict[str, Any]
    bericht_id: uuid.UUID

    @property
    def location(self) -> str:
        return f"/api/v1/berichten/{self.bericht_id}"

    @property
    def retour_xml(self) -> str | None:
        retour: str | None = self.body.get("retourXml")
        return retour


async def receive_and_judge(
    session: AsyncSession,
    data: bytes,
    *,
    afzender_agb: str,
    actor: Principal,
    settings: Settings,
    transportsleutel: str | None = None,
) -> Antwoord:
    """Receive, store, judge and answer one iWmo bericht from aanbieder `afzender_agb`."""
    ontvangen = await ontvangst.receive_bericht(
        session,
        data,
        afzender_agb=afzender_agb,
        actor=actor,
        settings=settings,
        transportsleutel=transportsleutel,
    )
    await session.commit()
    sleutel = ontvangen.sleutel
    if sleutel is not None and sleutel.status_code is not None and sleutel.antwoord is not None:
        return Antwoord(sleutel.status_code, sleutel.antwoord, sleutel.bericht_id)
    bericht = ontvangen.bericht
    if bericht.status in (BerichtStatus.ONTVANGEN, BerichtStatus.MISLUKT):
        bericht = await judge_stored(session, bericht.id, settings, result=ontvangen.result)
    body = logboek.to_ontvangst(bericht).model_dump(mode="json", by_alias=True)
    antwoord = Antwoord(NIEUW, body, bericht.id)
    if sleutel is not None:
        ontvangst.keep_antwoord(sleutel, antwoord.status_code, antwoord.body)
        await session.commit()
    return antwoord


async def judge_stored(
    session: AsyncSession,
    bericht_id: uuid.UUID,
    settings: Settings,
    *,
    result: ValidationResult | None = None,
) -> Bericht:
    """Judge a stored bericht; a transient failure leaves it stored as `mislukt` (and 503)."""
    try:
        bericht = await beoordeling.process_bericht(
            session, bericht_id, settings=settings, result=result
        )
        await session.commit()
        return bericht
    except (VerwerkingMislukt, DBAPIError, OSError, NietTeVertalen) as exc:
        await session.rollback()
        await ontvangst.mark_failed(session, bericht_id, type(exc).__name__)
        await session.commit()
        raise VerwerkingMislukt(f"Het bericht is bewaard met id {bericht_id}.") from exc

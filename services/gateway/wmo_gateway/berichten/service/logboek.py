"""The log of received berichten, as operations and auditors read it, and the one place a
stored bericht becomes its API shape."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from iwmo import read_message
from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_gateway.berichten import repository
from wmo_gateway.berichten.errors import BerichtNietGevonden
from wmo_gateway.berichten.models import Bericht
from wmo_gateway.berichten.schemas import (
    BerichtDetail,
    BerichtOntvangst,
    BerichtSamenvatting,
    Bevinding,
    Retourcodetelling,
)
from wmo_gateway.berichten.service.ontvangst import ACTIVITEIT


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


def to_ontvangst(bericht: Bericht) -> BerichtOntvangst:
    """The answer to a posted bericht."""
    return BerichtOntvangst(
        id=bericht.id,
        berichtsoort=bericht.berichtsoort,
        berichtidentificatie=bericht.berichtidentificatie,
        status=bericht.status,
        findings=[Bevinding.model_validate(f) for f in bericht.findings],
        retour_xml=bericht.retour_xml,
    )


def to_samenvatting(bericht: Bericht) -> BerichtSamenvatting:
    """A bericht in the log: no XML, no personal data."""
    return BerichtSamenvatting.model_validate(_samenvatting(bericht))


def to_detail(bericht: Bericht) -> BerichtDetail:
    """Everything about a bericht, its XML (with BSNs) and its parsed form included."""
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


async def search_berichten(
    session: AsyncSession, vraag: repository.Zoekvraag, *, offset: int, limit: int
) -> tuple[list[BerichtSamenvatting], int]:
    """A page of the log, newest first."""
    rows, count = await repository.search(session, vraag, offset=offset, limit=limit)
    return [to_samenvatting(r) for r in rows], count


async def read_bericht(
    session: AsyncSession, bericht_id: uuid.UUID, principal: Principal
) -> Bericht:
    """A stored bericht for its detail view; its XML holds BSNs, so every read is recorded in
    the audit log (once per client it names, or once without a client)."""
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
    return bericht


async def count_rejections(
    session: AsyncSession, *, vanaf: datetime | None, tot: datetime | None
) -> list[Retourcodetelling]:
    """How often each aanbieder got each retour code, most first."""
    rows = await repository.rejection_counts(session, vanaf=vanaf, tot=tot)
    return [Retourcodetelling(aanbieder_agb=a, code=c, aantal=n) for a, c, n in rows]

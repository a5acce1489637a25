"""Answers from access and finance to berichten the gateway received."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.access import VerzoekBeantwoord
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.finance import DeclaratieBeoordeeld
from wmo_gateway.berichten import service


async def on_declaratie_beoordeeld(
    session: AsyncSession, event: DeclaratieBeoordeeld, envelope: CloudEvent
) -> None:
    await service.answer_declaratie(session, event)


async def on_verzoek_beantwoord(
    session: AsyncSession, event: VerzoekBeantwoord, envelope: CloudEvent
) -> None:
    await service.record_verzoek_antwoord(session, event)

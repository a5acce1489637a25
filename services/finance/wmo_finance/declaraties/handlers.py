"""Reactions to the gateway's inbound berichten: judge every received Wmo323."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.envelope import CloudEvent
from wmo_common.events.gateway import DeclaratieOntvangen
from wmo_finance.declaraties import service

# "Not in the future" is judged on the municipality's calendar day.
TIJDZONE = ZoneInfo("Europe/Amsterdam")


async def on_declaratie_ontvangen(
    session: AsyncSession, event: DeclaratieOntvangen, envelope: CloudEvent
) -> None:
    await service.beoordeel(session, event, today=datetime.now(TIJDZONE).date())

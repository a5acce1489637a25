"""Reactions to `providers.aanbieders.v1`."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.aanbieders import service
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.providers import (
    AanbiederGeregistreerd,
    AanbiederGesignaleerd,
    AanbiederGewijzigd,
    SignaleringOpgeheven,
)


async def on_aanbieder(
    session: AsyncSession,
    event: AanbiederGeregistreerd | AanbiederGewijzigd,
    envelope: CloudEvent,
) -> None:
    await service.apply_aanbieder(session, event, envelope.time)


async def on_aanbieder_gesignaleerd(
    session: AsyncSession, event: AanbiederGesignaleerd, envelope: CloudEvent
) -> None:
    await service.apply_signalering(session, event)


async def on_signalering_opgeheven(
    session: AsyncSession, event: SignaleringOpgeheven, envelope: CloudEvent
) -> None:
    await service.lift_signalering(session, event)

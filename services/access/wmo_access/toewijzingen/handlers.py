"""Reactions to `gateway.inbound.v1`: the aanbieder's start (305) and stop (307) messages."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.toewijzingen import service
from wmo_common.events.consumer import Handler
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.gateway import ZorgGestart, ZorgGestopt


async def on_zorg_gestart(session: AsyncSession, event: ZorgGestart, envelope: CloudEvent) -> None:
    await service.record_zorg_gestart(session, event)


def on_zorg_gestopt(
    field_key_gateway: str | None,
) -> Handler:
    """A definitive stop ends the toewijzing, whose event carries personal data for the
    gateway: the handler holds the key the app was built with."""

    async def handle(session: AsyncSession, event: ZorgGestopt, envelope: CloudEvent) -> None:
        await service.record_zorg_gestopt(session, event, field_key_gateway=field_key_gateway)

    return handle

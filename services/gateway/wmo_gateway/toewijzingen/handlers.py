"""Reactions to `access.toewijzingen.v1`: hold the toewijzing, and send its Wmo301."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.consumer import Handler
from wmo_common.events.envelope import CloudEvent
from wmo_gateway.settings import Settings
from wmo_gateway.toewijzingen import service
from wmo_gateway.toewijzingen.service import ToewijzingEvent
from wmo_gateway.uitgaande_berichten import service as uitgaand
from wmo_gateway.uitgaande_berichten.clientgegevens import open_client_gegevens


def toewijzing_handler(settings: Settings) -> Handler:
    """One handler for afgegeven, gewijzigd and beeindigd: each carries the full Wmo301 content."""

    async def on_toewijzing(
        session: AsyncSession, event: ToewijzingEvent, envelope: CloudEvent
    ) -> None:
        gegevens = open_client_gegevens(event.client_gegevens, settings.field_key_gateway)
        toewijzing = await service.apply_toewijzing(session, event, envelope.time)
        # An older version than the one held sends nothing (its 301 would be outdated), unless
        # it honoured a verzoek the aanbieder has had no answer to yet.
        if toewijzing is not None:
            await uitgaand.send_wmo301(session, toewijzing, gegevens)

    return on_toewijzing

"""Reactions to `gateway.inbound.v1`: the aanbieder's verzoeken (315, 317)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.verzoeken import service
from wmo_common.events.consumer import Handler
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.gateway import VerzoekToewijzingOntvangen, VerzoekWijzigingOntvangen


def on_verzoek(field_key_gateway: str | None) -> Handler:
    """A granted verzoek is answered with personal data for the gateway: the handler holds the
    key the app was built with."""

    async def handle(
        session: AsyncSession,
        event: VerzoekToewijzingOntvangen | VerzoekWijzigingOntvangen,
        envelope: CloudEvent,
    ) -> None:
        await service.receive_verzoek(session, event, field_key_gateway=field_key_gateway)

    return handle

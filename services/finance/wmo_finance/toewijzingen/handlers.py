"""Reactions to access's toewijzingen: keep the read model, book or adjust the verplichting."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.access import ToewijzingAfgegeven, ToewijzingBeeindigd, ToewijzingGewijzigd
from wmo_common.events.envelope import CloudEvent
from wmo_finance.locks import lock
from wmo_finance.toewijzingen import service
from wmo_finance.verplichtingen import service as verplichtingen


async def on_toewijzing(
    session: AsyncSession,
    event: ToewijzingAfgegeven | ToewijzingGewijzigd | ToewijzingBeeindigd,
    envelope: CloudEvent,
) -> None:
    await lock(session, "aanbieder", event.aanbieder_agb)
    if event.segment_id is not None:
        await lock(session, "segment", event.segment_id)
    toewijzing = await service.apply_toewijzing(session, event)
    if toewijzing is not None:
        await verplichtingen.book(session, toewijzing)

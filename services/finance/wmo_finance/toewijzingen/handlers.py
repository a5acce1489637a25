"""Reactions to access's toewijzingen and expired indicaties: keep the read model, then book,
adjust or end the verplichting."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.access import (
    IndicatieVerlopen,
    ToewijzingAfgegeven,
    ToewijzingBeeindigd,
    ToewijzingGewijzigd,
)
from wmo_common.events.envelope import CloudEvent
from wmo_finance.locks import lock
from wmo_finance.toewijzingen import repository, service
from wmo_finance.verplichtingen import service as verplichtingen


async def on_toewijzing(
    session: AsyncSession,
    event: ToewijzingAfgegeven | ToewijzingGewijzigd | ToewijzingBeeindigd,
    envelope: CloudEvent,
) -> None:
    await lock(session, "beschikking", event.beschikking_id)
    await lock(session, "aanbieder", event.aanbieder_agb)
    if event.segment_id is not None:
        await lock(session, "segment", event.segment_id)
    toewijzing = await service.apply_toewijzing(session, event)
    if toewijzing is not None:
        await verplichtingen.book(session, toewijzing)


async def on_indicatie_verlopen(
    session: AsyncSession, event: IndicatieVerlopen, envelope: CloudEvent
) -> None:
    """End the verplichtingen of the toewijzingen that ended with the indicatie."""
    await lock(session, "beschikking", event.beschikking_id)
    # Booking checks budgets and plafonds: take what a toewijzing version of these aanbieders
    # and segments takes, in the same order (locks.py), before touching their rows.
    paren = await repository.list_aanbieders_ending_by(
        session, event.beschikking_id, event.einddatum
    )
    for agb in sorted({agb for agb, _ in paren}):
        await lock(session, "aanbieder", agb)
    for segment_id in sorted({s for _, s in paren if s is not None}):
        await lock(session, "segment", segment_id)
    for toewijzing in await service.apply_indicatie_verlopen(session, event):
        await verplichtingen.book(session, toewijzing)

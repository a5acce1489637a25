"""Reactions to contracting's events: update the read model, then rebook what depends on it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.contracting import (
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
    VerwervingsstrategieGepubliceerd,
)
from wmo_common.events.envelope import CloudEvent
from wmo_finance.budgetten import service as budgetten
from wmo_finance.contracten import service
from wmo_finance.locks import lock
from wmo_finance.toewijzingen import repository as toewijzingen
from wmo_finance.verplichtingen import service as verplichtingen


async def on_verwervingsstrategie_gepubliceerd(
    session: AsyncSession, event: VerwervingsstrategieGepubliceerd, envelope: CloudEvent
) -> None:
    await lock(session, "segment", event.segment_id)
    segment = await service.apply_strategie(session, event)
    if segment is not None:
        await verplichtingen.book_all(
            session, await toewijzingen.list_for_segment(session, segment.id)
        )


async def on_contract(
    session: AsyncSession, event: ContractGeactiveerd | ContractGewijzigd, envelope: CloudEvent
) -> None:
    for partij in sorted(p.aanbieder_agb for p in event.partijen if p.rol == "hoofdaannemer"):
        await lock(session, "aanbieder", partij)
    await lock(session, "segment", event.segment_id)
    contract = await service.apply_contract(session, event)
    await budgetten.check_plafonds_of(session, contract)
    if contract.hoofdaannemer_agb is not None:
        await verplichtingen.book_all(
            session,
            await toewijzingen.list_for_aanbieder(session, contract.hoofdaannemer_agb),
        )


async def on_contract_beeindigd(
    session: AsyncSession, event: ContractBeeindigd, envelope: CloudEvent
) -> None:
    await service.end_contract(session, event)

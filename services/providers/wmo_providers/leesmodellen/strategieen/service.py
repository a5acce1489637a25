"""Applying `verwervingsstrategie-gepubliceerd` to the segment policy read model."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.contracting import VerwervingsstrategieGepubliceerd
from wmo_providers.leesmodellen.strategieen import repository


async def apply_strategie(session: AsyncSession, event: VerwervingsstrategieGepubliceerd) -> None:
    await repository.upsert(
        session,
        event.segment_id,
        event.versie,
        is_blokkerend=event.verlopen_kwaliteitsdocument_blokkeert,
    )

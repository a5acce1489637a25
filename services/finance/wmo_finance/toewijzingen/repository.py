from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.toewijzingen.models import Toewijzing


async def find_by_id(session: AsyncSession, toewijzing_id: uuid.UUID) -> Toewijzing | None:
    return await session.get(Toewijzing, toewijzing_id)


async def list_by_nummers(
    session: AsyncSession,
    *,
    gemeentecode: str,
    aanbieder_agb: str,
    toewijzingnummers: Collection[str],
) -> Sequence[Toewijzing]:
    """The toewijzingen with these numbers, each resolved within the aanbieder (iWmo TR338)."""
    query = select(Toewijzing).where(
        Toewijzing.gemeentecode == gemeentecode,
        Toewijzing.aanbieder_agb == aanbieder_agb,
        Toewijzing.toewijzingnummer.in_(toewijzingnummers),
    )
    return (await session.execute(query.order_by(Toewijzing.id))).scalars().all()


async def list_for_aanbieder(
    session: AsyncSession, aanbieder_agb: str, segment_id: uuid.UUID | None = None
) -> Sequence[Toewijzing]:
    query = select(Toewijzing).where(Toewijzing.aanbieder_agb == aanbieder_agb)
    if segment_id is not None:
        query = query.where(Toewijzing.segment_id == segment_id)
    return (await session.execute(query.order_by(Toewijzing.id))).scalars().all()


async def list_for_segment(session: AsyncSession, segment_id: uuid.UUID) -> Sequence[Toewijzing]:
    query = select(Toewijzing).where(Toewijzing.segment_id == segment_id)
    return (await session.execute(query.order_by(Toewijzing.id))).scalars().all()

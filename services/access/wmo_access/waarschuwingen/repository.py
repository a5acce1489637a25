from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.waarschuwingen.models import ToewijzingWaarschuwing


async def for_toewijzing(
    session: AsyncSession, toewijzing_id: uuid.UUID
) -> list[ToewijzingWaarschuwing]:
    query = (
        select(ToewijzingWaarschuwing)
        .where(ToewijzingWaarschuwing.toewijzing_id == toewijzing_id)
        .order_by(ToewijzingWaarschuwing.created_at, ToewijzingWaarschuwing.id)
    )
    return list((await session.execute(query)).scalars().all())


async def counts(session: AsyncSession, agb: str | None) -> list[tuple[str, int, int]]:
    """Per aanbieder: warnings and the toewijzingen that carried at least one."""
    query = select(
        ToewijzingWaarschuwing.agb,
        func.count(),
        func.count(func.distinct(ToewijzingWaarschuwing.toewijzing_id)),
    ).group_by(ToewijzingWaarschuwing.agb)
    if agb is not None:
        query = query.where(ToewijzingWaarschuwing.agb == agb)
    rows = await session.execute(query.order_by(ToewijzingWaarschuwing.agb))
    return [(a, n, t) for a, n, t in rows.all()]

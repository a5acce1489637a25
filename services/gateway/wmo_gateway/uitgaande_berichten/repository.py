from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_gateway.uitgaande_berichten.models import UitgaandBericht


async def find_for_aanbieder(
    session: AsyncSession, bericht_id: uuid.UUID, aanbieder_agb: str
) -> UitgaandBericht | None:
    query = (
        select(UitgaandBericht)
        .where(UitgaandBericht.id == bericht_id, UitgaandBericht.aanbieder_agb == aanbieder_agb)
        # Two acknowledgements of one message at once: the second waits, then sees the first.
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()


async def list_page(
    session: AsyncSession, *, offset: int, limit: int, aanbieder_agb: str | None = None
) -> tuple[Sequence[UitgaandBericht], int]:
    query = select(UitgaandBericht)
    if aanbieder_agb is not None:
        query = query.where(UitgaandBericht.aanbieder_agb == aanbieder_agb)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(UitgaandBericht.created_at, UitgaandBericht.id)
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count

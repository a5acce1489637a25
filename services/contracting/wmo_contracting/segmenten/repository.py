from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_contracting.segmenten.models import Segment


async def find_by_id(
    session: AsyncSession, segment_id: uuid.UUID, *, for_update: bool = False
) -> Segment | None:
    query = select(Segment).where(Segment.id == segment_id)
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    return (await session.execute(query)).scalar_one_or_none()


async def find_by_naam(session: AsyncSession, naam: str) -> Segment | None:
    return (await session.execute(select(Segment).where(Segment.naam == naam))).scalar_one_or_none()


async def list_page(
    session: AsyncSession, *, offset: int, limit: int
) -> tuple[Sequence[Segment], int]:
    count = (await session.execute(select(func.count()).select_from(Segment))).scalar_one()
    rows = (
        (
            await session.execute(
                select(Segment).order_by(Segment.naam, Segment.id).offset(offset).limit(limit)
            )
        )
        .scalars()
        .all()
    )
    return rows, count

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Sortering, order_by
from wmo_contracting.segmenten.models import Segment

# The fields a list of segmenten sorts on, by their API names.
SORTEERVELDEN = {"naam": Segment.naam, "wet": Segment.wet}


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
    session: AsyncSession,
    *,
    wet: str | None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[Sequence[Segment], int]:
    query = select(Segment)
    if wet is not None:
        query = query.where(Segment.wet == wet)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(*order_by(sortering, SORTEERVELDEN, Segment.id))
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count

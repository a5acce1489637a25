from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Sortering, order_by
from wmo_contracting.verwervingsstrategieen.models import Verwervingsstrategie

# The fields a list of verwervingsstrategieen sorts on, by their API names.
SORTEERVELDEN = {"versie": Verwervingsstrategie.versie, "status": Verwervingsstrategie.status}


async def find_by_id(
    session: AsyncSession, strategie_id: uuid.UUID, *, for_update: bool = False
) -> Verwervingsstrategie | None:
    query = select(Verwervingsstrategie).where(Verwervingsstrategie.id == strategie_id)
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    return (await session.execute(query)).scalar_one_or_none()


async def highest_versie(session: AsyncSession, segment_id: uuid.UUID) -> int:
    query = select(func.coalesce(func.max(Verwervingsstrategie.versie), 0)).where(
        Verwervingsstrategie.segment_id == segment_id
    )
    return int((await session.execute(query)).scalar_one())


async def find_published(
    session: AsyncSession, segment_id: uuid.UUID
) -> Verwervingsstrategie | None:
    query = select(Verwervingsstrategie).where(
        Verwervingsstrategie.segment_id == segment_id,
        Verwervingsstrategie.status == "gepubliceerd",
    )
    return (await session.execute(query)).scalar_one_or_none()


async def list_page(
    session: AsyncSession,
    segment_id: uuid.UUID,
    *,
    status: str | None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[Sequence[Verwervingsstrategie], int]:
    query = select(Verwervingsstrategie).where(Verwervingsstrategie.segment_id == segment_id)
    if status is not None:
        query = query.where(Verwervingsstrategie.status == status)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(*order_by(sortering, SORTEERVELDEN, Verwervingsstrategie.id))
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from wmo_common.lists import Sortering, order_by
from wmo_contracting.aanbestedingen.models import Aanbesteding, Perceel

# The fields a list of aanbestedingen sorts on, by their API names.
SORTEERVELDEN = {"naam": Aanbesteding.naam, "createdAt": Aanbesteding.created_at}

_WHOLE = (selectinload(Aanbesteding.percelen).selectinload(Perceel.winnaars),)


async def find_by_id(session: AsyncSession, aanbesteding_id: uuid.UUID) -> Aanbesteding | None:
    query = select(Aanbesteding).where(Aanbesteding.id == aanbesteding_id).options(*_WHOLE)
    return (await session.execute(query)).scalar_one_or_none()


async def find_by_naam(session: AsyncSession, naam: str) -> Aanbesteding | None:
    query = select(Aanbesteding).where(Aanbesteding.naam == naam)
    return (await session.execute(query)).scalar_one_or_none()


async def find_perceel(
    session: AsyncSession, perceel_id: uuid.UUID, *, for_update: bool = False
) -> Perceel | None:
    query = select(Perceel).where(Perceel.id == perceel_id).options(selectinload(Perceel.winnaars))
    if for_update:
        query = query.with_for_update(of=Perceel).execution_options(populate_existing=True)
    return (await session.execute(query)).scalar_one_or_none()


async def list_page(
    session: AsyncSession,
    *,
    segment_id: uuid.UUID | None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[Sequence[Aanbesteding], int]:
    query = select(Aanbesteding)
    if segment_id is not None:
        query = query.where(Aanbesteding.segment_id == segment_id)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(*order_by(sortering, SORTEERVELDEN, Aanbesteding.id)).options(*_WHOLE)
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count

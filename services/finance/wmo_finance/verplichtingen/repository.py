from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.verplichtingen.models import Verplichting


@dataclass(frozen=True)
class Filter:
    aanbieder_agb: str | None = None
    bekostigingsmodel: str | None = None
    jaar: int | None = None
    segment_id: uuid.UUID | None = None
    status: str | None = None


async def find_by_id(session: AsyncSession, verplichting_id: uuid.UUID) -> Verplichting | None:
    return await session.get(Verplichting, verplichting_id)


async def find_for_toewijzing(
    session: AsyncSession, toewijzing_id: uuid.UUID
) -> Verplichting | None:
    query = select(Verplichting).where(Verplichting.toewijzing_id == toewijzing_id)
    return (await session.execute(query)).scalar_one_or_none()


async def list_page(
    session: AsyncSession, where: Filter, *, offset: int, limit: int
) -> tuple[Sequence[Verplichting], int]:
    query = select(Verplichting)
    if where.aanbieder_agb is not None:
        query = query.where(Verplichting.aanbieder_agb == where.aanbieder_agb)
    if where.bekostigingsmodel is not None:
        query = query.where(Verplichting.bekostigingsmodel == where.bekostigingsmodel)
    if where.jaar is not None:
        query = query.where(Verplichting.jaar == where.jaar)
    if where.segment_id is not None:
        query = query.where(Verplichting.segment_id == where.segment_id)
    if where.status is not None:
        query = query.where(Verplichting.status == where.status)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(Verplichting.ingangsdatum, Verplichting.id)
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.budgetten.models import Budget


async def find_by_id(session: AsyncSession, budget_id: uuid.UUID) -> Budget | None:
    return await session.get(Budget, budget_id)


async def find_line(
    session: AsyncSession, *, jaar: int, segment_naam: str, gebied: str | None
) -> Budget | None:
    query = select(Budget).where(
        Budget.jaar == jaar,
        Budget.segment_naam == segment_naam,
        # IS NOT DISTINCT FROM matches a missing gebied too, like the unique constraint.
        Budget.gebied.is_not_distinct_from(gebied),
    )
    return (await session.execute(query)).scalar_one_or_none()


async def list_page(
    session: AsyncSession, *, offset: int, limit: int, jaar: int | None = None
) -> tuple[Sequence[Budget], int]:
    query = select(Budget)
    if jaar is not None:
        query = query.where(Budget.jaar == jaar)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(
        Budget.jaar, Budget.segment_naam, Budget.gebied.nulls_first(), Budget.id
    )
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count

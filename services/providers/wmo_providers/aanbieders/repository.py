from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Sortering, order_by
from wmo_providers.aanbieders.models import Aanbieder

# The fields a list of aanbieders sorts on, by their API names.
SORTEERVELDEN = {"naam": Aanbieder.naam, "agb": Aanbieder.agb, "createdAt": Aanbieder.created_at}


async def find_by_agb(session: AsyncSession, agb: str) -> Aanbieder | None:
    return (
        await session.execute(select(Aanbieder).where(Aanbieder.agb == agb))
    ).scalar_one_or_none()


async def list_page(
    session: AsyncSession,
    *,
    offset: int,
    limit: int,
    agb: str | None = None,
    sortering: Sequence[Sortering],
) -> tuple[Sequence[Aanbieder], int]:
    query = select(Aanbieder)
    if agb is not None:
        query = query.where(Aanbieder.agb == agb)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = (
        (
            await session.execute(
                query.order_by(*order_by(sortering, SORTEERVELDEN, Aanbieder.id))
                .offset(offset)
                .limit(limit)
            )
        )
        .scalars()
        .all()
    )
    return rows, count


async def list_all(session: AsyncSession, agb: str | None = None) -> Sequence[Aanbieder]:
    query = select(Aanbieder).order_by(Aanbieder.naam, Aanbieder.id)
    if agb is not None:
        query = query.where(Aanbieder.agb == agb)
    return (await session.execute(query)).scalars().all()

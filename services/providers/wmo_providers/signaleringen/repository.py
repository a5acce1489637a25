from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Sortering, order_by
from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.signaleringen.models import Signalering

# The fields a list of signaleringen sorts on, by their API names.
SORTEERVELDEN = {
    "createdAt": Signalering.created_at,
    "opgehevenAt": Signalering.opgeheven_at,
    "indicator": Signalering.indicator,
}


async def find(session: AsyncSession, signalering_id: uuid.UUID) -> tuple[Signalering, str] | None:
    row = (
        await session.execute(
            select(Signalering, Aanbieder.agb)
            .join(Aanbieder, Aanbieder.id == Signalering.aanbieder_id)
            .where(Signalering.id == signalering_id)
            .with_for_update(of=Signalering)
        )
    ).one_or_none()
    return (row[0], row[1]) if row is not None else None


async def open_for_indicators(
    session: AsyncSession, segment_id: uuid.UUID
) -> Sequence[Signalering]:
    """The open KPI signaleringen of a segment."""
    query = select(Signalering).where(
        Signalering.segment_id == segment_id,
        Signalering.indicator.is_not(None),
        Signalering.opgeheven_at.is_(None),
    )
    return (await session.execute(query.with_for_update())).scalars().all()


async def list_page(
    session: AsyncSession,
    *,
    offset: int,
    limit: int,
    agb: str | None,
    is_open: bool | None,
    segment_id: uuid.UUID | None,
    sortering: Sequence[Sortering],
) -> tuple[Sequence[tuple[Signalering, str]], int]:
    query = select(Signalering, Aanbieder.agb).join(
        Aanbieder, Aanbieder.id == Signalering.aanbieder_id
    )
    if agb is not None:
        query = query.where(Aanbieder.agb == agb)
    if is_open is not None:
        query = query.where(
            Signalering.opgeheven_at.is_(None) if is_open else Signalering.opgeheven_at.is_not(None)
        )
    if segment_id is not None:
        query = query.where(Signalering.segment_id == segment_id)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(*order_by(sortering, SORTEERVELDEN, Signalering.id))
        .offset(offset)
        .limit(limit)
    )
    return [(s, a) for s, a in rows.all()], count


async def find_open(
    session: AsyncSession, aanbieder_id: uuid.UUID, indicator: str
) -> Signalering | None:
    """The open signalering of an aanbieder for an indicator that spans its segments."""
    query = select(Signalering).where(
        Signalering.aanbieder_id == aanbieder_id,
        Signalering.segment_id.is_(None),
        Signalering.indicator == indicator,
        Signalering.opgeheven_at.is_(None),
    )
    return (await session.execute(query.with_for_update())).scalars().first()


async def find_open_in_segment(
    session: AsyncSession, aanbieder_id: uuid.UUID, indicator: str, segment_id: uuid.UUID
) -> Signalering | None:
    """The open signalering of an aanbieder for an indicator in one segment."""
    query = select(Signalering).where(
        Signalering.aanbieder_id == aanbieder_id,
        Signalering.segment_id == segment_id,
        Signalering.indicator == indicator,
        Signalering.opgeheven_at.is_(None),
    )
    return (await session.execute(query.with_for_update())).scalars().first()


async def open_with_indicator(
    session: AsyncSession, aanbieder_id: uuid.UUID, indicator: str
) -> Sequence[Signalering]:
    """Every open signalering of an aanbieder for an indicator, across and within segments."""
    query = select(Signalering).where(
        Signalering.aanbieder_id == aanbieder_id,
        Signalering.indicator == indicator,
        Signalering.opgeheven_at.is_(None),
    )
    return (await session.execute(query.with_for_update())).scalars().all()

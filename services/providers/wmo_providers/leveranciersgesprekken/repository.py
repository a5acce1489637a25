from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.leveranciersgesprekken.models import Afspraak, Leveranciersgesprek


async def find(
    session: AsyncSession, gesprek_id: uuid.UUID
) -> tuple[Leveranciersgesprek, str] | None:
    row = (
        await session.execute(
            select(Leveranciersgesprek, Aanbieder.agb)
            .join(Aanbieder, Aanbieder.id == Leveranciersgesprek.aanbieder_id)
            .where(Leveranciersgesprek.id == gesprek_id)
            .options(selectinload(Leveranciersgesprek.afspraken))
        )
    ).one_or_none()
    return (row[0], row[1]) if row is not None else None


async def list_page(
    session: AsyncSession, *, offset: int, limit: int, agb: str | None
) -> tuple[Sequence[tuple[Leveranciersgesprek, str]], int]:
    query = select(Leveranciersgesprek, Aanbieder.agb).join(
        Aanbieder, Aanbieder.id == Leveranciersgesprek.aanbieder_id
    )
    if agb is not None:
        query = query.where(Aanbieder.agb == agb)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.options(selectinload(Leveranciersgesprek.afspraken))
        .order_by(Leveranciersgesprek.datum.desc(), Leveranciersgesprek.id)
        .offset(offset)
        .limit(limit)
    )
    return [(g, a) for g, a in rows.all()], count


async def find_afspraak(
    session: AsyncSession, gesprek_id: uuid.UUID, afspraak_id: uuid.UUID
) -> Afspraak | None:
    return (
        await session.execute(
            select(Afspraak)
            .where(Afspraak.id == afspraak_id, Afspraak.leveranciersgesprek_id == gesprek_id)
            .with_for_update()
        )
    ).scalar_one_or_none()


async def verlopen_page(
    session: AsyncSession, peildatum: date, *, offset: int, limit: int, agb: str | None
) -> tuple[Sequence[tuple[Afspraak, str]], int]:
    """Open afspraken whose deadline passed before `peildatum`, the longest overdue first."""
    query = (
        select(Afspraak, Aanbieder.agb)
        .join(Leveranciersgesprek, Leveranciersgesprek.id == Afspraak.leveranciersgesprek_id)
        .join(Aanbieder, Aanbieder.id == Leveranciersgesprek.aanbieder_id)
        .where(Afspraak.status == "open", Afspraak.deadline < peildatum)
    )
    if agb is not None:
        query = query.where(Aanbieder.agb == agb)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(Afspraak.deadline, Afspraak.id).offset(offset).limit(limit)
    )
    return [(a, agb) for a, agb in rows.all()], count

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from wmo_common.lists import Periode, Sortering, order_by, within
from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.leveranciersgesprekken.models import Afspraak, Leveranciersgesprek

# The fields the lists of leveranciersgesprekken and of verlopen afspraken sort on.
SORTEERVELDEN = {"datum": Leveranciersgesprek.datum, "createdAt": Leveranciersgesprek.created_at}
SORTEERVELDEN_AFSPRAKEN = {"deadline": Afspraak.deadline, "createdAt": Afspraak.created_at}


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
    session: AsyncSession,
    *,
    offset: int,
    limit: int,
    agb: str | None,
    periode: Periode,
    sortering: Sequence[Sortering],
) -> tuple[Sequence[tuple[Leveranciersgesprek, str]], int]:
    """Gesprekken with their aanbieder's AGB code; `periode` is on the datum."""
    query = (
        select(Leveranciersgesprek, Aanbieder.agb)
        .join(Aanbieder, Aanbieder.id == Leveranciersgesprek.aanbieder_id)
        .where(*within(Leveranciersgesprek.datum, periode))
    )
    if agb is not None:
        query = query.where(Aanbieder.agb == agb)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.options(selectinload(Leveranciersgesprek.afspraken))
        .order_by(*order_by(sortering, SORTEERVELDEN, Leveranciersgesprek.id))
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
    session: AsyncSession,
    peildatum: date,
    *,
    offset: int,
    limit: int,
    agb: str | None,
    sortering: Sequence[Sortering],
) -> tuple[Sequence[tuple[Afspraak, str]], int]:
    """Open afspraken whose deadline passed before `peildatum`."""
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
        query.order_by(*order_by(sortering, SORTEERVELDEN_AFSPRAKEN, Afspraak.id))
        .offset(offset)
        .limit(limit)
    )
    return [(a, agb) for a, agb in rows.all()], count

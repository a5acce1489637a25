from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Periode, Sortering, order_by, within
from wmo_finance.verplichtingen.models import Verplichting, Verplichtingjaar

# The fields a list of verplichtingen sorts on, by their API names.
SORTEERVELDEN = {
    "ingangsdatum": Verplichting.ingangsdatum,
    "einddatum": Verplichting.einddatum,
    "bedragCents": Verplichting.bedrag_cents,
    "toewijzingnummer": Verplichting.toewijzingnummer,
}
_ALLES = Periode(None, None)
_OUDSTE_EERST = (Sortering("ingangsdatum", aflopend=False),)


@dataclass(frozen=True)
class Filter:
    aanbieder_agb: str | None = None
    gemeentecode: str | None = None
    bekostigingsmodel: str | None = None
    jaar: int | None = None
    segment_id: uuid.UUID | None = None
    status: str | None = None
    toewijzing_id: uuid.UUID | None = None
    periode: Periode = _ALLES
    """On the ingangsdatum."""
    sortering: Sequence[Sortering] = _OUDSTE_EERST


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
    query = select(Verplichting).where(*within(Verplichting.ingangsdatum, where.periode))
    if where.toewijzing_id is not None:
        query = query.where(Verplichting.toewijzing_id == where.toewijzing_id)
    if where.aanbieder_agb is not None:
        query = query.where(Verplichting.aanbieder_agb == where.aanbieder_agb)
    if where.gemeentecode is not None:
        query = query.where(Verplichting.gemeentecode == where.gemeentecode)
    if where.bekostigingsmodel is not None:
        query = query.where(Verplichting.bekostigingsmodel == where.bekostigingsmodel)
    if where.jaar is not None:
        query = query.where(Verplichting.jaar == where.jaar)
    if where.segment_id is not None:
        query = query.where(Verplichting.segment_id == where.segment_id)
    if where.status is not None:
        query = query.where(Verplichting.status == where.status)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(*order_by(where.sortering, SORTEERVELDEN, Verplichting.id))
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count


async def jaren_of(session: AsyncSession, verplichting_id: uuid.UUID) -> Sequence[int]:
    query = select(Verplichtingjaar.jaar).where(Verplichtingjaar.verplichting_id == verplichting_id)
    return (await session.execute(query)).scalars().all()


async def jaren_of_many(
    session: AsyncSession, verplichting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, dict[int, int]]:
    """Per verplichting its part per year."""
    query = select(Verplichtingjaar).where(Verplichtingjaar.verplichting_id.in_(verplichting_ids))
    found: dict[uuid.UUID, dict[int, int]] = defaultdict(dict)
    for deel in (await session.execute(query)).scalars():
        found[deel.verplichting_id][deel.jaar] = deel.bedrag_cents
    return found


async def replace_jaren(
    session: AsyncSession, verplichting_id: uuid.UUID, delen: dict[int, int]
) -> None:
    await session.execute(
        delete(Verplichtingjaar).where(Verplichtingjaar.verplichting_id == verplichting_id)
    )
    session.add_all(
        Verplichtingjaar(verplichting_id=verplichting_id, jaar=jaar, bedrag_cents=bedrag)
        for jaar, bedrag in sorted(delen.items())
    )
    await session.flush()

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from wmo_access.beschikkingen.models import Beschikking, Indicatie
from wmo_access.toewijzingen.models import TOEWIJZINGNUMMER, Toewijzing
from wmo_common.events.common import Product
from wmo_common.lists import Periode, Sortering, order_by, within

# The fields a list of toewijzingen sorts on, by their API names.
SORTEERVELDEN = {
    "ingangsdatum": Toewijzing.ingangsdatum,
    "einddatum": Toewijzing.einddatum,
    "toewijzingsdatum": Toewijzing.toewijzingsdatum,
    "toewijzingnummer": Toewijzing.toewijzingnummer,
}
_ALLES = Periode(None, None)
_OUDSTE_EERST = (Sortering("ingangsdatum", aflopend=False),)


async def next_toewijzingnummer(session: AsyncSession) -> str:
    return str((await session.execute(select(TOEWIJZINGNUMMER.next_value()))).scalar_one())


async def find(
    session: AsyncSession, toewijzing_id: uuid.UUID, *, for_update: bool = False
) -> Toewijzing | None:
    return await session.get(Toewijzing, toewijzing_id, with_for_update=for_update)


async def find_by_nummer(
    session: AsyncSession, toewijzingnummer: str, *, for_update: bool = False
) -> Toewijzing | None:
    query = select(Toewijzing).where(Toewijzing.toewijzingnummer == toewijzingnummer)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def active_for_indicatie(session: AsyncSession, indicatie_id: uuid.UUID) -> list[Toewijzing]:
    query = select(Toewijzing).where(
        Toewijzing.indicatie_id == indicatie_id, Toewijzing.status == "actief"
    )
    return list((await session.execute(query)).scalars().all())


def _overlaps(
    start: InstrumentedAttribute[date],
    end: InstrumentedAttribute[date | None],
    van: date,
    tot: date | None,
) -> ColumnElement[bool]:
    begins_in_time = start <= tot if tot is not None else start.is_not(None)
    return and_(begins_in_time, or_(end.is_(None), end >= van))


def _same_product(
    categorie: InstrumentedAttribute[str], code: InstrumentedAttribute[str | None], product: Product
) -> ColumnElement[bool]:
    """The same product, where a whole category (no code) covers every code in it."""
    if product.code is None:
        return categorie == product.categorie
    return and_(categorie == product.categorie, or_(code.is_(None), code == product.code))


async def pgb_overlapping(
    session: AsyncSession, client_id: uuid.UUID, product: Product, van: date, tot: date | None
) -> bool:
    """Whether a PGB in force (an afgegeven beschikking) covers the product in the period."""
    query = select(
        exists().where(
            Indicatie.beschikking_id == Beschikking.id,
            Beschikking.client_id == client_id,
            Beschikking.status == "afgegeven",
            Indicatie.leveringsvorm == "pgb",
            Indicatie.besluit == "toegekend",
            _same_product(Indicatie.product_categorie, Indicatie.product_code, product),
            _overlaps(Indicatie.ingangsdatum, Indicatie.einddatum, van, tot),
        )
    )
    return bool((await session.execute(query)).scalar_one())


async def running_of_client(
    session: AsyncSession, client_id: uuid.UUID, on: date
) -> list[Toewijzing]:
    """The client's active toewijzingen that run on `on` or start later, locked for a change."""
    query = (
        select(Toewijzing)
        .where(
            Toewijzing.client_id == client_id,
            Toewijzing.status == "actief",
            or_(Toewijzing.einddatum.is_(None), Toewijzing.einddatum >= on),
        )
        .order_by(Toewijzing.toewijzingnummer)
        .with_for_update()
    )
    return list((await session.execute(query)).scalars().all())


async def count_bezet(session: AsyncSession, agb: str, product: Product, on: date) -> int:
    """Active toewijzingen of `agb` for the product on day `on`: the places in use."""
    query = select(func.count()).where(
        Toewijzing.aanbieder_agb == agb,
        Toewijzing.status == "actief",
        Toewijzing.leveringsstatus != "gestopt",
        _same_product(Toewijzing.product_categorie, Toewijzing.product_code, product),
        _overlaps(Toewijzing.ingangsdatum, Toewijzing.einddatum, on, on),
    )
    return int((await session.execute(query)).scalar_one())


async def list_toewijzingen(
    session: AsyncSession,
    *,
    client_id: uuid.UUID | None,
    agb: str | None,
    segment_id: uuid.UUID | None = None,
    gemeentecode: str | None = None,
    status: str | None = None,
    periode: Periode = _ALLES,
    sortering: Sequence[Sortering] = _OUDSTE_EERST,
    offset: int,
    limit: int,
) -> tuple[list[Toewijzing], int]:
    """Toewijzingen; `periode` is on the ingangsdatum."""
    query = select(Toewijzing).where(*within(Toewijzing.ingangsdatum, periode))
    if client_id is not None:
        query = query.where(Toewijzing.client_id == client_id)
    if agb is not None:
        query = query.where(Toewijzing.aanbieder_agb == agb)
    if segment_id is not None:
        query = query.where(Toewijzing.segment_id == segment_id)
    if gemeentecode is not None:
        query = query.where(Toewijzing.gemeentecode == gemeentecode)
    if status is not None:
        query = query.where(Toewijzing.status == status)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(*order_by(sortering, SORTEERVELDEN, Toewijzing.id))
        .offset(offset)
        .limit(limit)
    )
    return list(rows.scalars().all()), int(count)

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Sortering, order_by
from wmo_contracting.producten.models import Product

# The fields a list of producten sorts on, by their API names.
SORTEERVELDEN = {
    "categorie": Product.categorie,
    "code": Product.code,
    "naam": Product.naam,
    "createdAt": Product.created_at,
}


async def find_by_id(session: AsyncSession, product_id: uuid.UUID) -> Product | None:
    return await session.get(Product, product_id)


async def find_by_codes(
    session: AsyncSession, codes: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], Product]:
    wanted = list(set(codes))
    if not wanted:
        return {}
    query = select(Product).where(tuple_(Product.categorie, Product.code).in_(wanted))
    return {(p.categorie, p.code): p for p in (await session.execute(query)).scalars()}


async def list_page(
    session: AsyncSession,
    *,
    categorie: str | None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[Sequence[Product], int]:
    query = select(Product)
    if categorie is not None:
        query = query.where(Product.categorie == categorie)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(*order_by(sortering, SORTEERVELDEN, Product.id))
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count

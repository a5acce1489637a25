"""The contract read model's queries: kept by the apply_* functions, asked by toegang's rules."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.leesmodellen.contracten.models import Contract, Segment
from wmo_common.events.common import Product


async def find_segment(session: AsyncSession, segment_id: uuid.UUID | None) -> Segment | None:
    """The segment's rules, None when its verwervingsstrategie is unknown (or no id is given)."""
    return None if segment_id is None else await session.get(Segment, segment_id)


async def upsert_segment(session: AsyncSession, values: dict[str, Any]) -> None:
    """Keep the highest versie: strategy versions may arrive in any order."""
    statement = insert(Segment).values(values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Segment.id],
            set_={k: statement.excluded[k] for k in values if k != "id"},
            where=Segment.versie <= statement.excluded.versie,
        )
    )


async def upsert_contract(session: AsyncSession, values: dict[str, Any]) -> None:
    """Keep the newest version; an end recorded before stays (it is not part of `values`)."""
    statement = insert(Contract).values(values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Contract.id],
            set_={k: statement.excluded[k] for k in values if k != "id"},
            where=or_(
                Contract.version_at.is_(None), Contract.version_at <= statement.excluded.version_at
            ),
        )
    )


async def end_contract(session: AsyncSession, contract_id: uuid.UUID, per: date) -> None:
    statement = insert(Contract).values(id=contract_id, beeindigd_per=per)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Contract.id], set_={"beeindigd_per": statement.excluded.beeindigd_per}
        )
    )


async def active_contracts(
    session: AsyncSession,
    *,
    agb: str,
    product: Product,
    gebied: str | None,
    on: date,
    segment_id: uuid.UUID | None = None,
) -> list[Contract]:
    """Contracts in which `agb` is a partij and that cover the product (or its whole category)
    in `gebied` on day `on` (a product bought for some of the contract's gebieden only there)."""
    covers = [Contract.producten.contains([{"categorie": product.categorie, "code": None}])]
    if product.code is not None:
        covers.append(
            Contract.producten.contains([{"categorie": product.categorie, "code": product.code}])
        )
    query = select(Contract).where(
        Contract.aanbieder_agbs.contains([agb]),
        or_(*covers),
        Contract.ingangsdatum <= on,
        Contract.einddatum >= on,
        or_(Contract.beeindigd_per.is_(None), Contract.beeindigd_per >= on),
    )
    if gebied is None:
        # Without a gebied only a contract for the whole region can serve the client.
        query = query.where(func.cardinality(Contract.gebieden) == 0)
    else:
        query = query.where(
            or_(Contract.gebieden.contains([gebied]), func.cardinality(Contract.gebieden) == 0)
        )
    if segment_id is not None:
        query = query.where(Contract.segment_id == segment_id)
    found = (await session.execute(query.order_by(Contract.id))).scalars().all()
    return [c for c in found if c.product_entry(product, gebied) is not None]


async def segment_contracts(
    session: AsyncSession, *, segment_id: uuid.UUID, product: Product, on: date
) -> list[Contract]:
    """The contracts of a segment that cover the product (or its category) on day `on`."""
    covers = [Contract.producten.contains([{"categorie": product.categorie, "code": None}])]
    if product.code is not None:
        covers.append(
            Contract.producten.contains([{"categorie": product.categorie, "code": product.code}])
        )
    query = select(Contract).where(
        Contract.segment_id == segment_id,
        or_(*covers),
        Contract.ingangsdatum <= on,
        Contract.einddatum >= on,
        or_(Contract.beeindigd_per.is_(None), Contract.beeindigd_per >= on),
    )
    return list((await session.execute(query.order_by(Contract.id))).scalars().all())

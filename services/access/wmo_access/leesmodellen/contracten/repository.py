"""The contract read model's queries: kept by the apply_* functions, asked by toegang's rules."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    SQLColumnExpression,
    String,
    Uuid,
    and_,
    func,
    literal,
    null,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import array, insert
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


def active_contract_clauses(
    *,
    agb: SQLColumnExpression[str],
    categorie: SQLColumnExpression[str],
    code: SQLColumnExpression[str | None],
    gebied: SQLColumnExpression[str | None],
    on: SQLColumnExpression[date],
    segment_id: SQLColumnExpression[uuid.UUID] | None = None,
) -> list[ColumnElement[bool]]:
    """The contracts in which `agb` is a partij and that list the product (or its whole
    category) and serve `gebied` on day `on`; the values may be columns of an outer query. The
    caller keeps those with a `product_entry` for the gebied."""

    def listed(entry_code: SQLColumnExpression[str | None]) -> ColumnElement[bool]:
        entry = func.jsonb_build_object("categorie", categorie, "code", entry_code)
        return Contract.producten.contains(func.jsonb_build_array(entry))

    clauses = [
        Contract.aanbieder_agbs.contains(array([agb])),
        or_(listed(null()), and_(code.is_not(None), listed(code))),
        Contract.ingangsdatum <= on,
        Contract.einddatum >= on,
        or_(Contract.beeindigd_per.is_(None), Contract.beeindigd_per >= on),
        # Without a gebied only a contract for the whole region can serve the client.
        or_(
            func.cardinality(Contract.gebieden) == 0,
            and_(gebied.is_not(None), Contract.gebieden.contains(array([gebied]))),
        ),
    ]
    if segment_id is not None:
        clauses.append(Contract.segment_id == segment_id)
    return clauses


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
    query = select(Contract).where(
        *active_contract_clauses(
            agb=literal(agb, String()),
            categorie=literal(product.categorie, String()),
            code=literal(product.code, String()),
            gebied=literal(gebied, String()),
            on=literal(on, Date()),
            segment_id=None if segment_id is None else literal(segment_id, Uuid()),
        )
    )
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

"""The aanbieder read model's queries: kept by the apply_* functions, asked by toewijzingen."""

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
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.leesmodellen.aanbieders.models import (
    Aanbieder,
    Aanmeldstop,
    Prestatie,
    Signalering,
)
from wmo_common.events.common import Product


async def find_aanbieder(session: AsyncSession, agb: str) -> Aanbieder | None:
    return await session.get(Aanbieder, agb)


async def upsert_aanbieder(session: AsyncSession, values: dict[str, Any]) -> None:
    statement = insert(Aanbieder).values(values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Aanbieder.agb],
            set_={k: statement.excluded[k] for k in values if k != "agb"},
            where=Aanbieder.version_at <= statement.excluded.version_at,
        )
    )


async def upsert_signalering(session: AsyncSession, values: dict[str, Any]) -> None:
    """Record a flag; `is_opgeheven` is never touched, so a lifted flag stays lifted."""
    statement = insert(Signalering).values(values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Signalering.id],
            set_={k: statement.excluded[k] for k in values if k != "id"},
        )
    )


async def lift_signalering(session: AsyncSession, signalering_id: uuid.UUID, agb: str) -> None:
    statement = insert(Signalering).values(id=signalering_id, agb=agb, is_opgeheven=True)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Signalering.id], set_={"is_opgeheven": True}
        )
    )


def open_signalering_clauses(
    agb: SQLColumnExpression[str], segment_id: SQLColumnExpression[uuid.UUID | None]
) -> list[ColumnElement[bool]]:
    """Open flags on `agb` for every segment or for this one (the segment may be a column of an
    outer query), blocking or not."""
    return [
        Signalering.agb == agb,
        Signalering.is_opgeheven.is_(False),
        or_(Signalering.segment_id.is_(None), Signalering.segment_id == segment_id),
    ]


async def blocking_signaleringen(
    session: AsyncSession, agb: str, segment_id: uuid.UUID | None
) -> list[Signalering]:
    """Open flags that block toewijzingen to `agb`: for every segment, or for this one."""
    query = select(Signalering).where(
        *open_signalering_clauses(literal(agb, String()), literal(segment_id, Uuid())),
        Signalering.is_blokkerend.is_(True),
    )
    return list((await session.execute(query)).scalars().all())


async def is_blocked(session: AsyncSession, agb: str, segment_id: uuid.UUID | None) -> bool:
    return bool(await blocking_signaleringen(session, agb, segment_id))


def plaatsen_in(capaciteit: list[dict[str, Any]], product: Product) -> int | None:
    """The places a capaciteit offers for the product (exact code first, then the whole
    category); None when it names neither."""
    by_product = {(c["categorie"], c["code"]): int(c["plaatsen"]) for c in capaciteit}
    exact = by_product.get((product.categorie, product.code))
    return exact if exact is not None else by_product.get((product.categorie, None))


async def plaatsen(session: AsyncSession, agb: str, product: Product) -> int | None:
    """The places `agb` offers for the product (exact code first, then the whole category);
    None when the aanbieder published no capaciteit for it."""
    aanbieder = await find_aanbieder(session, agb)
    if aanbieder is None:
        return None
    return plaatsen_in(aanbieder.capaciteit, product)


async def add_aanmeldstop(session: AsyncSession, values: dict[str, Any]) -> None:
    """An announcement does not change; a repeat of it is ignored."""
    await session.execute(insert(Aanmeldstop).values(values).on_conflict_do_nothing())


async def end_aanmeldstop(
    session: AsyncSession, aanmeldstop_id: uuid.UUID, einddatum: date
) -> None:
    # Both events are keyed by the aanbieder, so the announcement is always applied first.
    await session.execute(
        update(Aanmeldstop).where(Aanmeldstop.id == aanmeldstop_id).values(einddatum=einddatum)
    )


def aanmeldstop_clauses(
    agb: SQLColumnExpression[str],
    categorie: SQLColumnExpression[str],
    code: SQLColumnExpression[str | None],
    gebied: SQLColumnExpression[str | None],
    dagen: list[SQLColumnExpression[date]],
) -> list[ColumnElement[bool]]:
    """The stops of `agb` that hold on any of `dagen` for the product in the gebied; the values
    may be columns of an outer query."""
    holds = or_(
        *(
            and_(
                Aanmeldstop.ingangsdatum <= dag,
                or_(Aanmeldstop.einddatum.is_(None), Aanmeldstop.einddatum >= dag),
            )
            for dag in dagen
        )
    )
    return [
        Aanmeldstop.agb == agb,
        holds,
        or_(
            Aanmeldstop.product_categorie.is_(None),
            and_(
                Aanmeldstop.product_categorie == categorie,
                or_(Aanmeldstop.product_code.is_(None), Aanmeldstop.product_code == code),
            ),
        ),
        or_(Aanmeldstop.gebied.is_(None), Aanmeldstop.gebied == gebied),
    ]


# The stop a refusal names first.
AANMELDSTOP_VOLGORDE = (Aanmeldstop.ingangsdatum, Aanmeldstop.id)


async def aanmeldstops(
    session: AsyncSession, agb: str, product: Product, gebied: str | None, dagen: list[date]
) -> list[Aanmeldstop]:
    """The stops of `agb` that hold on any of `dagen` for this product in this gebied."""
    query = (
        select(Aanmeldstop)
        .where(
            *aanmeldstop_clauses(
                literal(agb, String()),
                literal(product.categorie, String()),
                literal(product.code, String()),
                literal(gebied, String()),
                [literal(dag, Date()) for dag in dagen],
            )
        )
        .order_by(*AANMELDSTOP_VOLGORDE)
    )
    return list((await session.execute(query)).scalars().all())


async def open_signaleringen(
    session: AsyncSession, agb: str, segment_id: uuid.UUID | None
) -> list[Signalering]:
    """Every open flag on `agb` for every segment or for this one, blocking or not."""
    query = (
        select(Signalering)
        .where(*open_signalering_clauses(literal(agb, String()), literal(segment_id, Uuid())))
        .order_by(Signalering.id)
    )
    return list((await session.execute(query)).scalars().all())


async def upsert_prestatie(session: AsyncSession, values: dict[str, Any]) -> None:
    """Keep the latest period: an evaluation of an older one does not overwrite it."""
    statement = insert(Prestatie).values(values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Prestatie.agb, Prestatie.segment_id],
            set_={k: statement.excluded[k] for k in values if k not in ("agb", "segment_id")},
            where=Prestatie.periode <= statement.excluded.periode,
        )
    )


async def find_prestatie(
    session: AsyncSession, agb: str, segment_id: uuid.UUID
) -> Prestatie | None:
    return await session.get(Prestatie, (agb, segment_id))

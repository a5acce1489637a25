"""The aanbieder read model's queries: kept by the apply_* functions, asked by toewijzingen."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update
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


async def blocking_signaleringen(
    session: AsyncSession, agb: str, segment_id: uuid.UUID | None
) -> list[Signalering]:
    """Open flags that block toewijzingen to `agb`: for every segment, or for this one."""
    segment: ColumnElement[bool] = Signalering.segment_id.is_(None)
    if segment_id is not None:
        segment = or_(segment, Signalering.segment_id == segment_id)
    query = select(Signalering).where(
        Signalering.agb == agb,
        Signalering.is_blokkerend.is_(True),
        Signalering.is_opgeheven.is_(False),
        segment,
    )
    return list((await session.execute(query)).scalars().all())


async def is_blocked(session: AsyncSession, agb: str, segment_id: uuid.UUID | None) -> bool:
    return bool(await blocking_signaleringen(session, agb, segment_id))


async def plaatsen(session: AsyncSession, agb: str, product: Product) -> int | None:
    """The places `agb` offers for the product (exact code first, then the whole category);
    None when the aanbieder published no capaciteit for it."""
    aanbieder = await find_aanbieder(session, agb)
    if aanbieder is None:
        return None
    by_product = {(c["categorie"], c["code"]): int(c["plaatsen"]) for c in aanbieder.capaciteit}
    exact = by_product.get((product.categorie, product.code))
    return exact if exact is not None else by_product.get((product.categorie, None))


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


async def aanmeldstops(
    session: AsyncSession, agb: str, product: Product, gebied: str | None, dagen: list[date]
) -> list[Aanmeldstop]:
    """The stops of `agb` that hold on any of `dagen` for this product in this gebied."""
    holds = or_(
        *(
            and_(
                Aanmeldstop.ingangsdatum <= dag,
                or_(Aanmeldstop.einddatum.is_(None), Aanmeldstop.einddatum >= dag),
            )
            for dag in dagen
        )
    )
    query = (
        select(Aanmeldstop)
        .where(
            Aanmeldstop.agb == agb,
            holds,
            or_(
                Aanmeldstop.product_categorie.is_(None),
                and_(
                    Aanmeldstop.product_categorie == product.categorie,
                    or_(
                        Aanmeldstop.product_code.is_(None), Aanmeldstop.product_code == product.code
                    ),
                ),
            ),
            or_(Aanmeldstop.gebied.is_(None), Aanmeldstop.gebied == gebied),
        )
        .order_by(Aanmeldstop.ingangsdatum, Aanmeldstop.id)
    )
    return list((await session.execute(query)).scalars().all())


async def open_signaleringen(
    session: AsyncSession, agb: str, segment_id: uuid.UUID | None
) -> list[Signalering]:
    """Every open flag on `agb` for every segment or for this one, blocking or not."""
    segment: ColumnElement[bool] = Signalering.segment_id.is_(None)
    if segment_id is not None:
        segment = or_(segment, Signalering.segment_id == segment_id)
    query = (
        select(Signalering)
        .where(Signalering.agb == agb, Signalering.is_opgeheven.is_(False), segment)
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

"""The aanbieder read model's queries: kept by the apply_* functions, asked by toewijzingen."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.leesmodellen.aanbieders.models import Aanbieder, Signalering
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

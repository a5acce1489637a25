from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.aanbieders.models import Aanbieder, Signalering


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

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.taken.models import Taak


async def add_once(session: AsyncSession, values: dict[str, Any]) -> None:
    """Create the taak unless it exists (one per indicatie or verzoek)."""
    await session.execute(insert(Taak).values(values).on_conflict_do_nothing())


async def update_verzoek_taak(
    session: AsyncSession,
    verzoek_id: uuid.UUID,
    *,
    deadline: date | None = None,
    is_afgehandeld: bool | None = None,
) -> None:
    values: dict[str, Any] = {}
    if deadline is not None:
        values["deadline_date"] = deadline
    if is_afgehandeld is not None:
        values["is_afgehandeld"] = is_afgehandeld
    await session.execute(
        update(Taak).where(Taak.soort == "verzoek", Taak.verzoek_id == verzoek_id).values(values)
    )


async def list_taken(
    session: AsyncSession,
    *,
    gemeentecode: str | None,
    gebied: str | None,
    soort: str | None,
    open_only: bool,
    offset: int,
    limit: int,
) -> tuple[list[Taak], int]:
    query = select(Taak)
    if gemeentecode is not None:
        query = query.where(Taak.gemeentecode == gemeentecode)
    if gebied is not None:
        query = query.where(Taak.gebied == gebied)
    if soort is not None:
        query = query.where(Taak.soort == soort)
    if open_only:
        query = query.where(Taak.is_afgehandeld.is_(False))
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(Taak.deadline_date, Taak.id).offset(offset).limit(limit)
    )
    return list(rows.scalars().all()), int(count)

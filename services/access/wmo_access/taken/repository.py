from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.taken.models import Taak
from wmo_common.lists import Periode, Sortering, order_by, within

# The fields the work queue sorts on, by their API names.
SORTEERVELDEN = {"deadline": Taak.deadline_date, "createdAt": Taak.created_at, "soort": Taak.soort}


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
    client_id: uuid.UUID | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[Taak], int]:
    """The work queue; `periode` is on the deadline."""
    query = select(Taak).where(*within(Taak.deadline_date, periode))
    if client_id is not None:
        query = query.where(Taak.client_id == client_id)
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
        query.order_by(*order_by(sortering, SORTEERVELDEN, Taak.id)).offset(offset).limit(limit)
    )
    return list(rows.scalars().all()), int(count)


async def find(session: AsyncSession, taak_id: uuid.UUID) -> Taak | None:
    """The taak, locked: two closings of one taak happen one after the other."""
    query = select(Taak).where(Taak.id == taak_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()

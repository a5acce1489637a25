from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.clienten.models import Client
from wmo_access.ondersteuningsplannen.models import Ondersteuningsplan, Resultaat
from wmo_common.lists import Periode, Sortering, order_by, within

# The fields a list of ondersteuningsplannen sorts on, by their API names.
SORTEERVELDEN = {"vastgesteldOp": Ondersteuningsplan.vastgesteld_date}


async def list_ondersteuningsplannen(
    session: AsyncSession,
    *,
    client_id: uuid.UUID | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[tuple[Ondersteuningsplan, str]], int]:
    """Plans with their client's pseudonym; `periode` is on the date the plan was set."""
    query = (
        select(Ondersteuningsplan, Client.pseudonym)
        .join(Client, Client.id == Ondersteuningsplan.client_id)
        .where(*within(Ondersteuningsplan.vastgesteld_date, periode))
    )
    if client_id is not None:
        query = query.where(Ondersteuningsplan.client_id == client_id)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(*order_by(sortering, SORTEERVELDEN, Ondersteuningsplan.id))
        .offset(offset)
        .limit(limit)
    )
    return [(plan, p) for plan, p in rows.all()], int(count)


async def resultaten_of(
    session: AsyncSession, plan_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Resultaat]]:
    """The resultaten of each plan, earliest streefdatum first."""
    query = (
        select(Resultaat)
        .where(Resultaat.ondersteuningsplan_id.in_(plan_ids))
        .order_by(Resultaat.streefdatum, Resultaat.id)
    )
    found: dict[uuid.UUID, list[Resultaat]] = {plan_id: [] for plan_id in plan_ids}
    for resultaat in (await session.execute(query)).scalars():
        found[resultaat.ondersteuningsplan_id].append(resultaat)
    return found

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.lumpsumtermijnen.models import Lumpsumtermijn


async def find_by_id(session: AsyncSession, termijn_id: uuid.UUID) -> Lumpsumtermijn | None:
    return await session.get(Lumpsumtermijn, termijn_id)


async def exists(session: AsyncSession, contract_id: uuid.UUID, gebied: str, jaar: int) -> bool:
    query = select(Lumpsumtermijn.id).where(
        Lumpsumtermijn.contract_id == contract_id,
        Lumpsumtermijn.gebied == gebied,
        Lumpsumtermijn.jaar == jaar,
    )
    return (await session.execute(query.limit(1))).first() is not None


async def list_page(
    session: AsyncSession,
    *,
    aanbieder_agb: str | None,
    contract_id: uuid.UUID | None,
    jaar: int | None,
    offset: int,
    limit: int,
) -> tuple[Sequence[Lumpsumtermijn], int]:
    query = select(Lumpsumtermijn)
    if aanbieder_agb is not None:
        query = query.where(Lumpsumtermijn.aanbieder_agb == aanbieder_agb)
    if contract_id is not None:
        query = query.where(Lumpsumtermijn.contract_id == contract_id)
    if jaar is not None:
        query = query.where(Lumpsumtermijn.jaar == jaar)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(
        Lumpsumtermijn.jaar,
        Lumpsumtermijn.contract_id,
        Lumpsumtermijn.gebied,
        Lumpsumtermijn.volgnummer,
        Lumpsumtermijn.id,
    )
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count

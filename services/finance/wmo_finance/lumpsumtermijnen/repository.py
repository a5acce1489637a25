from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Sortering, order_by
from wmo_finance.lumpsumtermijnen.models import Lumpsumtermijn

# The fields a list of lumpsumtermijnen sorts on, by their API names.
SORTEERVELDEN = {
    "jaar": Lumpsumtermijn.jaar,
    "periodeBegin": Lumpsumtermijn.periode_begin,
    "bedragCents": Lumpsumtermijn.bedrag_cents,
    "betaaldOp": Lumpsumtermijn.betaald_op,
}


async def find_by_id(session: AsyncSession, termijn_id: uuid.UUID) -> Lumpsumtermijn | None:
    return await session.get(Lumpsumtermijn, termijn_id)


async def exists(
    session: AsyncSession, contract_id: uuid.UUID, gebied: str | None, jaar: int
) -> bool:
    """Whether the contract has a lumpsum for the year in this gebied, or (either way) for the
    whole contract: a gebied's budget and the whole contract's would pay the same care twice."""
    query = select(Lumpsumtermijn.id).where(
        Lumpsumtermijn.contract_id == contract_id,
        Lumpsumtermijn.jaar == jaar,
    )
    if gebied is not None:
        query = query.where(or_(Lumpsumtermijn.gebied == gebied, Lumpsumtermijn.gebied.is_(None)))
    return (await session.execute(query.limit(1))).first() is not None


async def list_page(
    session: AsyncSession,
    *,
    aanbieder_agb: str | None,
    contract_id: uuid.UUID | None,
    jaar: int | None,
    gemeentecode: str | None = None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[Sequence[Lumpsumtermijn], int]:
    query = select(Lumpsumtermijn)
    if aanbieder_agb is not None:
        query = query.where(Lumpsumtermijn.aanbieder_agb == aanbieder_agb)
    if gemeentecode is not None:
        query = query.where(Lumpsumtermijn.gemeentecode == gemeentecode)
    if contract_id is not None:
        query = query.where(Lumpsumtermijn.contract_id == contract_id)
    if jaar is not None:
        query = query.where(Lumpsumtermijn.jaar == jaar)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(
        *order_by(
            sortering,
            SORTEERVELDEN,
            Lumpsumtermijn.id,
            daarna=(
                Lumpsumtermijn.contract_id.asc(),
                Lumpsumtermijn.gebied.asc().nulls_first(),
                Lumpsumtermijn.volgnummer.asc(),
                Lumpsumtermijn.gemeentecode.asc().nulls_first(),
            ),
        )
    )
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count


async def sum_within(session: AsyncSession, contract_id: uuid.UUID, van: date, tot: date) -> int:
    """The lumpsum of the termijnen (every gemeente) whose period lies within [van, tot]."""
    query = select(func.coalesce(func.sum(Lumpsumtermijn.bedrag_cents), 0)).where(
        Lumpsumtermijn.contract_id == contract_id,
        Lumpsumtermijn.periode_begin >= van,
        Lumpsumtermijn.periode_eind <= tot,
    )
    return int((await session.execute(query)).scalar_one())

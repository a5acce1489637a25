from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.clienten.models import Client
from wmo_access.verzoeken.models import Verzoek


async def find(
    session: AsyncSession, verzoek_id: uuid.UUID, *, for_update: bool = False
) -> Verzoek | None:
    return await session.get(Verzoek, verzoek_id, with_for_update=for_update)


async def list_verzoeken(
    session: AsyncSession,
    *,
    gemeentecode: str | None,
    aanbieder_agb: str | None,
    status: str | None,
    offset: int,
    limit: int,
) -> tuple[list[tuple[Verzoek, str]], int]:
    """Verzoeken with their client's pseudonym, the earliest deadline first."""
    query = select(Verzoek, Client.pseudonym).join(Client, Client.id == Verzoek.client_id)
    if gemeentecode is not None:
        query = query.where(Verzoek.gemeentecode == gemeentecode)
    if aanbieder_agb is not None:
        query = query.where(Verzoek.aanbieder_agb == aanbieder_agb)
    if status is not None:
        query = query.where(Verzoek.status == status)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(Verzoek.deadline_date, Verzoek.id).offset(offset).limit(limit)
    )
    return [(v, p) for v, p in rows.all()], int(count)

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.clienten.models import Client
from wmo_access.verzoeken.models import Verzoek
from wmo_common.lists import Periode, Sortering, order_by, within

# The fields a list of verzoeken sorts on, by their API names.
SORTEERVELDEN = {"deadline": Verzoek.deadline_date, "ontvangenOp": Verzoek.ontvangen_date}


async def find(
    session: AsyncSession, verzoek_id: uuid.UUID, *, for_update: bool = False
) -> Verzoek | None:
    return await session.get(Verzoek, verzoek_id, with_for_update=for_update)


async def open_of_client(session: AsyncSession, client_id: uuid.UUID) -> list[Verzoek]:
    """The client's verzoeken still waiting for a final answer, oldest first."""
    rows = await session.scalars(
        select(Verzoek)
        .where(Verzoek.client_id == client_id, Verzoek.status == "in-behandeling")
        .order_by(Verzoek.ontvangen_date, Verzoek.id)
    )
    return list(rows)


async def list_verzoeken(
    session: AsyncSession,
    *,
    gemeentecode: str | None,
    aanbieder_agb: str | None,
    client_id: uuid.UUID | None,
    status: str | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[tuple[Verzoek, str]], int]:
    """Verzoeken with their client's pseudonym; `periode` is on the date of receipt."""
    query = (
        select(Verzoek, Client.pseudonym)
        .join(Client, Client.id == Verzoek.client_id)
        .where(*within(Verzoek.ontvangen_date, periode))
    )
    if client_id is not None:
        query = query.where(Verzoek.client_id == client_id)
    if gemeentecode is not None:
        query = query.where(Verzoek.gemeentecode == gemeentecode)
    if aanbieder_agb is not None:
        query = query.where(Verzoek.aanbieder_agb == aanbieder_agb)
    if status is not None:
        query = query.where(Verzoek.status == status)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(*order_by(sortering, SORTEERVELDEN, Verzoek.id)).offset(offset).limit(limit)
    )
    return [(v, p) for v, p in rows.all()], int(count)

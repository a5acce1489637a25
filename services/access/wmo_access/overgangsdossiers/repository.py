from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.clienten.models import Client
from wmo_access.overgangsdossiers.models import Overgangsdossier
from wmo_common.lists import Periode, Sortering, order_by, within

# The fields a list of overgangsdossiers sorts on, by their API names.
SORTEERVELDEN = {
    "overgangsdatum": Overgangsdossier.overgangsdatum,
    "createdAt": Overgangsdossier.created_at,
}


async def find(
    session: AsyncSession, dossier_id: uuid.UUID, *, for_update: bool = False
) -> Overgangsdossier | None:
    return await session.get(Overgangsdossier, dossier_id, with_for_update=for_update)


async def list_dossiers(
    session: AsyncSession,
    *,
    gemeentecode: str | None,
    gebied: str | None,
    status: str | None,
    client_id: uuid.UUID | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[tuple[Overgangsdossier, str]], int]:
    """Dossiers with their client's pseudonym; `periode` is on the overgangsdatum."""
    query = (
        select(Overgangsdossier, Client.pseudonym)
        .join(Client, Client.id == Overgangsdossier.client_id)
        .where(*within(Overgangsdossier.overgangsdatum, periode))
    )
    if client_id is not None:
        query = query.where(Overgangsdossier.client_id == client_id)
    if gemeentecode is not None:
        query = query.where(Overgangsdossier.gemeentecode == gemeentecode)
    if gebied is not None:
        query = query.where(Overgangsdossier.gebied == gebied)
    if status is not None:
        query = query.where(Overgangsdossier.status == status)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(*order_by(sortering, SORTEERVELDEN, Overgangsdossier.id))
        .offset(offset)
        .limit(limit)
    )
    return [(d, p) for d, p in rows.all()], int(count)

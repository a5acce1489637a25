from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.clienten.models import Client
from wmo_access.meldingen.models import Melding
from wmo_access.onderzoeken.models import Onderzoek
from wmo_common.lists import Periode, Sortering, order_by, within

# The fields a list of onderzoeken sorts on, by their API names.
SORTEERVELDEN = {"startdatum": Onderzoek.startdatum, "afgerondOp": Onderzoek.afgerond_date}


async def list_onderzoeken(
    session: AsyncSession,
    *,
    client_id: uuid.UUID | None,
    status: Literal["lopend", "afgerond"] | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[tuple[Onderzoek, str]], int]:
    """Onderzoeken with their client's pseudonym; `periode` is on the startdatum."""
    query = (
        select(Onderzoek, Client.pseudonym)
        .join(Melding, Melding.id == Onderzoek.melding_id)
        .join(Client, Client.id == Melding.client_id)
        .where(*within(Onderzoek.startdatum, periode))
    )
    if client_id is not None:
        query = query.where(Melding.client_id == client_id)
    if status == "lopend":
        query = query.where(Onderzoek.afgerond_date.is_(None))
    elif status == "afgerond":
        query = query.where(Onderzoek.afgerond_date.is_not(None))
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(*order_by(sortering, SORTEERVELDEN, Onderzoek.id))
        .offset(offset)
        .limit(limit)
    )
    return [(o, p) for o, p in rows.all()], int(count)

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.clienten.models import Client
from wmo_access.toewijzingen.models import Toewijzing


async def find_by_id(session: AsyncSession, client_id: uuid.UUID) -> Client | None:
    return await session.get(Client, client_id)


async def find_by_bsn(session: AsyncSession, bsn: str) -> Client | None:
    return (await session.execute(select(Client).where(Client.bsn == bsn))).scalar_one_or_none()


async def find_by_pseudonym(session: AsyncSession, pseudonym: str) -> Client | None:
    query = select(Client).where(Client.pseudonym == pseudonym)
    return (await session.execute(query)).scalar_one_or_none()


async def pseudonyms_of(session: AsyncSession, client_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not client_ids:
        return {}
    query = select(Client.id, Client.pseudonym).where(Client.id.in_(client_ids))
    return {row.id: row.pseudonym for row in await session.execute(query)}


async def is_client_of(
    session: AsyncSession, client_id: uuid.UUID, agb: str, *, ended_since: date
) -> bool:
    """Whether `agb` holds a toewijzing for the client that has not ended, or ended (einddatum or
    zorgstop, whichever is first) on or after `ended_since`."""
    # LEAST skips NULLs: a toewijzing without either date has not ended.
    ended_on = func.least(Toewijzing.einddatum, Toewijzing.zorg_einddatum)
    query = select(
        exists().where(
            Toewijzing.client_id == client_id,
            Toewijzing.aanbieder_agb == agb,
            or_(ended_on.is_(None), ended_on >= ended_since),
        )
    )
    return bool((await session.execute(query)).scalar_one())

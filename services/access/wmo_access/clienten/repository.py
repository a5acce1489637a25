from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.clienten.models import Client


async def find_by_id(session: AsyncSession, client_id: uuid.UUID) -> Client | None:
    return await session.get(Client, client_id)


async def find_by_bsn(session: AsyncSession, bsn: str) -> Client | None:
    return (await session.execute(select(Client).where(Client.bsn == bsn))).scalar_one_or_none()


async def find_by_pseudonym(session: AsyncSession, pseudonym: str) -> Client | None:
    query = select(Client).where(Client.pseudonym == pseudonym)
    return (await session.execute(query)).scalar_one_or_none()

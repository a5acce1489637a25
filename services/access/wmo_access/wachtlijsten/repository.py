from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.wachtlijsten.models import Aanmelding


async def find(session: AsyncSession, aanmelding_id: uuid.UUID) -> Aanmelding | None:
    return await session.get(Aanmelding, aanmelding_id, with_for_update=True)


async def waiting(
    session: AsyncSession,
    *,
    product_categorie: str | None,
    product_code: str | None,
    gebied: str | None,
) -> list[Aanmelding]:
    query = select(Aanmelding).where(Aanmelding.status == "wachtend")
    if product_categorie is not None:
        query = query.where(Aanmelding.product_categorie == product_categorie)
    if product_code is not None:
        query = query.where(Aanmelding.product_code == product_code)
    if gebied is not None:
        query = query.where(Aanmelding.gebied == gebied)
    query = query.order_by(Aanmelding.aanmelddatum, Aanmelding.id)
    return list((await session.execute(query)).scalars().all())

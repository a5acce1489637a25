from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_gateway.toewijzingen.models import Toewijzing


async def find_for_update(session: AsyncSession, toewijzing_id: uuid.UUID) -> Toewijzing | None:
    query = select(Toewijzing).where(Toewijzing.id == toewijzing_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def by_nummers(
    session: AsyncSession, gemeentecode: str, nummers: Collection[int]
) -> dict[int, Toewijzing]:
    if not nummers:
        return {}
    query = select(Toewijzing).where(
        Toewijzing.gemeentecode == gemeentecode, Toewijzing.nummer.in_(list(nummers))
    )
    return {t.nummer: t for t in (await session.execute(query)).scalars()}


async def current_of_client(
    session: AsyncSession, *, gemeentecode: str, aanbieder_agb: str, client_pseudonym: str, on: date
) -> Sequence[Toewijzing]:
    """The client's toewijzingen at this aanbieder that run on or after `on` (OP087)."""
    query = (
        select(Toewijzing)
        .where(
            Toewijzing.gemeentecode == gemeentecode,
            Toewijzing.aanbieder_agb == aanbieder_agb,
            Toewijzing.client_pseudonym == client_pseudonym,
            or_(Toewijzing.einddatum.is_(None), Toewijzing.einddatum >= on),
        )
        .order_by(Toewijzing.nummer)
    )
    return (await session.execute(query)).scalars().all()

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_providers.aanmeldstops.models import Aanmeldstop


async def find(
    session: AsyncSession, aanbieder_id: uuid.UUID, aanmeldstop_id: uuid.UUID
) -> Aanmeldstop | None:
    return (
        await session.execute(
            select(Aanmeldstop).where(
                Aanmeldstop.id == aanmeldstop_id, Aanmeldstop.aanbieder_id == aanbieder_id
            )
        )
    ).scalar_one_or_none()


async def list_for(session: AsyncSession, aanbieder_id: uuid.UUID) -> Sequence[Aanmeldstop]:
    query = (
        select(Aanmeldstop)
        .where(Aanmeldstop.aanbieder_id == aanbieder_id)
        .order_by(Aanmeldstop.ingangsdatum.desc(), Aanmeldstop.id)
    )
    return (await session.execute(query)).scalars().all()

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_gateway.uitgaande_berichten.models import UitgaandBericht


async def find_for_aanbieder(
    session: AsyncSession, bericht_id: uuid.UUID, aanbieder_agb: str
) -> UitgaandBericht | None:
    query = (
        select(UitgaandBericht)
        .where(UitgaandBericht.id == bericht_id, UitgaandBericht.aanbieder_agb == aanbieder_agb)
        # Two acknowledgements of one message at once: the second waits, then sees the first.
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()


async def list_after(
    session: AsyncSession,
    *,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
    aanbieder_agb: str | None = None,
    berichtsoort: str | None = None,
    retour_verlopen_op: date | None = None,
) -> tuple[Sequence[UitgaandBericht], int]:
    """A page of the feed after the cursor position, and how many match in all.

    `retour_verlopen_op` keeps only messages whose retour is overdue on that day."""
    query = select(UitgaandBericht)
    if aanbieder_agb is not None:
        query = query.where(UitgaandBericht.aanbieder_agb == aanbieder_agb)
    if berichtsoort is not None:
        query = query.where(UitgaandBericht.berichtsoort == berichtsoort)
    if retour_verlopen_op is not None:
        query = query.where(
            UitgaandBericht.retour_deadline < retour_verlopen_op,
            UitgaandBericht.retour_ontvangen_at.is_(None),
        )
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    if after is not None:
        query = query.where(tuple_(UitgaandBericht.created_at, UitgaandBericht.id) > tuple_(*after))
    ordered = query.order_by(UitgaandBericht.created_at, UitgaandBericht.id)
    rows = (await session.execute(ordered.limit(limit))).scalars().all()
    return rows, count


async def list_by_referentie(
    session: AsyncSession, *, aanbieder_agb: str, berichtsoort: str, referentie: str
) -> Sequence[UitgaandBericht]:
    query = select(UitgaandBericht).where(
        UitgaandBericht.aanbieder_agb == aanbieder_agb,
        UitgaandBericht.berichtsoort == berichtsoort,
        UitgaandBericht.referentie == referentie,
    )
    return (await session.execute(query.order_by(UitgaandBericht.created_at))).scalars().all()


async def find_by_identificatie_for_update(
    session: AsyncSession, *, aanbieder_agb: str, berichtidentificatie: str
) -> UitgaandBericht | None:
    query = (
        select(UitgaandBericht)
        .where(
            UitgaandBericht.aanbieder_agb == aanbieder_agb,
            UitgaandBericht.berichtidentificatie == berichtidentificatie,
        )
        .with_for_update()
    )
    return (await session.execute(query)).scalar_one_or_none()

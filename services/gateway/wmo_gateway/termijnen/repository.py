from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Sortering, order_by
from wmo_gateway.berichten.models import Bericht
from wmo_gateway.uitgaande_berichten.models import UitgaandBericht


async def retouren_per_aanbieder(
    session: AsyncSession, today: date, aanbieder_agb: str | None
) -> dict[str, tuple[int, int]]:
    """Per aanbieder: our messages still waiting for their retour, and how many are overdue."""
    query = (
        select(
            UitgaandBericht.aanbieder_agb,
            func.count(),
            func.count().filter(UitgaandBericht.retour_deadline < today),
        )
        .where(
            UitgaandBericht.retour_deadline.is_not(None),
            UitgaandBericht.retour_ontvangen_at.is_(None),
        )
        .group_by(UitgaandBericht.aanbieder_agb)
    )
    if aanbieder_agb is not None:
        query = query.where(UitgaandBericht.aanbieder_agb == aanbieder_agb)
    return {a: (n, late) for a, n, late in (await session.execute(query)).all()}


async def antwoorden_per_aanbieder(
    session: AsyncSession, today: date, aanbieder_agb: str | None
) -> dict[str, tuple[int, int]]:
    """Per aanbieder: answers we owe (325, 301/319), and how many are overdue."""
    query = (
        select(
            Bericht.aanbieder_agb,
            func.count(),
            func.count().filter(Bericht.antwoord_deadline < today),
        )
        .where(Bericht.antwoord_deadline.is_not(None), Bericht.beantwoord_at.is_(None))
        .group_by(Bericht.aanbieder_agb)
    )
    if aanbieder_agb is not None:
        query = query.where(Bericht.aanbieder_agb == aanbieder_agb)
    return {a: (n, late) for a, n, late in (await session.execute(query)).all()}


# The fields the list of openstaande antwoorden sorts on, by their API names.
SORTEERVELDEN_OPENSTAAND = {
    "antwoordDeadline": Bericht.antwoord_deadline,
    "receivedAt": Bericht.received_at,
    "berichtsoort": Bericht.berichtsoort,
}


async def openstaande_antwoorden(
    session: AsyncSession,
    *,
    aanbieder_agb: str | None,
    berichtsoort: str | None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[Sequence[Bericht], int]:
    query = select(Bericht).where(
        Bericht.antwoord_deadline.is_not(None), Bericht.beantwoord_at.is_(None)
    )
    if aanbieder_agb is not None:
        query = query.where(Bericht.aanbieder_agb == aanbieder_agb)
    if berichtsoort is not None:
        query = query.where(Bericht.berichtsoort == berichtsoort)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    order = order_by(sortering, SORTEERVELDEN_OPENSTAAND, Bericht.id)
    ordered = query.order_by(*order).offset(offset).limit(limit)
    return (await session.execute(ordered)).scalars().all(), count

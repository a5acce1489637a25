"""Market figures straight from the KPI facts, aggregated in the database."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.prestatie_indicatoren.models import DeclaratieregelFeit, ToewijzingFeit
from wmo_providers.prestatie_indicatoren.periode import Periode


async def clienten_per_aanbieder(
    session: AsyncSession, periode: Periode, segment_id: uuid.UUID | None, gebied: str | None
) -> dict[str, int]:
    """Distinct clients per aanbieder whose toewijzing runs during `periode`: from the real start
    (305) or else the assigned start, to the earliest of the real stop (307) and the end date."""
    begin = func.coalesce(ToewijzingFeit.begindatum, ToewijzingFeit.ingangsdatum)
    # LEAST skips NULLs in PostgreSQL: it is NULL only when neither end is known.
    einde = func.least(ToewijzingFeit.stopdatum, ToewijzingFeit.einddatum)
    query = (
        select(ToewijzingFeit.aanbieder_agb, func.count(ToewijzingFeit.client_pseudonym.distinct()))
        .where(begin <= periode.eind, einde.is_(None) | (einde >= periode.begin))
        .group_by(ToewijzingFeit.aanbieder_agb)
    )
    if segment_id is not None:
        query = query.where(ToewijzingFeit.segment_id == segment_id)
    if gebied is not None:
        query = query.where(ToewijzingFeit.gebied == gebied)
    return dict((await session.execute(query)).all())


async def omzet_per_aanbieder(
    session: AsyncSession, periode: Periode, segment_id: uuid.UUID | None, gebied: str | None
) -> dict[str, int]:
    """Net granted cents per aanbieder of the lines judged in `periode`. A line takes the segment
    and gebied of its toewijzing; while those are unknown it only counts without a filter."""
    query = (
        select(
            DeclaratieregelFeit.aanbieder_agb,
            func.sum(DeclaratieregelFeit.toegekend_netto_cents),
        )
        .outerjoin(
            ToewijzingFeit,
            and_(
                ToewijzingFeit.aanbieder_agb == DeclaratieregelFeit.aanbieder_agb,
                ToewijzingFeit.toewijzingnummer == DeclaratieregelFeit.toewijzingnummer,
            ),
        )
        .where(DeclaratieregelFeit.beoordeeld_date.between(periode.begin, periode.eind))
        .group_by(DeclaratieregelFeit.aanbieder_agb)
    )
    if segment_id is not None:
        query = query.where(ToewijzingFeit.segment_id == segment_id)
    if gebied is not None:
        query = query.where(ToewijzingFeit.gebied == gebied)
    return {agb: int(total) for agb, total in (await session.execute(query)).all()}


async def namen(session: AsyncSession, agbs: Sequence[str]) -> dict[str, str]:
    query = select(Aanbieder.agb, Aanbieder.naam).where(Aanbieder.agb.in_(agbs))
    return dict((await session.execute(query)).all())

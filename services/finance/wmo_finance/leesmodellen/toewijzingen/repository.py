"""Every query of the toewijzing read model."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.leesmodellen.toewijzingen.models import (
    Indicatie,
    Resultaatevaluatie,
    Toewijzing,
    VerlopenIndicatie,
)


async def find_by_id(session: AsyncSession, toewijzing_id: uuid.UUID) -> Toewijzing | None:
    return await session.get(Toewijzing, toewijzing_id)


async def list_by_nummers(
    session: AsyncSession,
    *,
    gemeentecode: str,
    aanbieder_agb: str,
    toewijzingnummers: Collection[str],
) -> Sequence[Toewijzing]:
    """The toewijzingen with these numbers, each resolved within the aanbieder (iWmo TR338)."""
    query = select(Toewijzing).where(
        Toewijzing.gemeentecode == gemeentecode,
        Toewijzing.aanbieder_agb == aanbieder_agb,
        Toewijzing.toewijzingnummer.in_(toewijzingnummers),
    )
    return (await session.execute(query.order_by(Toewijzing.id))).scalars().all()


async def list_for_aanbieder(
    session: AsyncSession, aanbieder_agb: str, segment_id: uuid.UUID | None = None
) -> Sequence[Toewijzing]:
    query = select(Toewijzing).where(Toewijzing.aanbieder_agb == aanbieder_agb)
    if segment_id is not None:
        query = query.where(Toewijzing.segment_id == segment_id)
    return (await session.execute(query.order_by(Toewijzing.id))).scalars().all()


async def list_for_segment(session: AsyncSession, segment_id: uuid.UUID) -> Sequence[Toewijzing]:
    query = select(Toewijzing).where(Toewijzing.segment_id == segment_id)
    return (await session.execute(query.order_by(Toewijzing.id))).scalars().all()


async def find_verlopen_indicatie(
    session: AsyncSession, indicatie_id: uuid.UUID
) -> VerlopenIndicatie | None:
    return await session.get(VerlopenIndicatie, indicatie_id)


async def is_verlopen(session: AsyncSession, beschikking_id: uuid.UUID, einddatum: date) -> bool:
    """Whether an indicatie of the beschikking expired on or after this end of a toewijzing."""
    query = select(
        exists().where(
            VerlopenIndicatie.beschikking_id == beschikking_id,
            VerlopenIndicatie.einddatum >= einddatum,
        )
    )
    return bool((await session.execute(query)).scalar_one())


async def list_aanbieders_ending_by(
    session: AsyncSession, beschikking_id: uuid.UUID, einddatum: date
) -> Sequence[tuple[str, uuid.UUID | None]]:
    """The (aanbieder, segment) pairs of the toewijzingen `list_ending_by` would return."""
    query = (
        select(Toewijzing.aanbieder_agb, Toewijzing.segment_id)
        .where(Toewijzing.beschikking_id == beschikking_id, Toewijzing.einddatum <= einddatum)
        .distinct()
    )
    return [(agb, segment_id) for agb, segment_id in (await session.execute(query)).all()]


async def list_ending_by(
    session: AsyncSession, beschikking_id: uuid.UUID, einddatum: date
) -> Sequence[Toewijzing]:
    """The toewijzingen of the beschikking ending on or before `einddatum`, locked for update.

    The row lock waits for a concurrent new version and then re-checks the condition on it, so
    a toewijzing that just moved to another beschikking (a herindicatie) is not taken.
    """
    query = (
        select(Toewijzing)
        .where(Toewijzing.beschikking_id == beschikking_id, Toewijzing.einddatum <= einddatum)
        .order_by(Toewijzing.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalars().all()


async def find_evaluatie(
    session: AsyncSession, resultaat_id: uuid.UUID, toewijzing_id: uuid.UUID
) -> Resultaatevaluatie | None:
    return await session.get(Resultaatevaluatie, (resultaat_id, toewijzing_id))


async def list_evaluaties(
    session: AsyncSession, toewijzing_id: uuid.UUID
) -> Sequence[Resultaatevaluatie]:
    query = select(Resultaatevaluatie).where(Resultaatevaluatie.toewijzing_id == toewijzing_id)
    return (await session.execute(query)).scalars().all()


async def find_indicatie(session: AsyncSession, indicatie_id: uuid.UUID) -> Indicatie | None:
    return await session.get(Indicatie, indicatie_id)


async def find_intensiteit(session: AsyncSession, toewijzing: Toewijzing) -> str | None:
    """The intensiteit indicated for the toewijzing's product in its beschikking, if known."""
    if toewijzing.beschikking_id is None:
        return None
    query = select(Indicatie.intensiteit).where(
        Indicatie.beschikking_id == toewijzing.beschikking_id,
        Indicatie.categorie == toewijzing.categorie,
        Indicatie.code.is_not_distinct_from(toewijzing.code),
    )
    return (await session.execute(query.order_by(Indicatie.indicatie_id).limit(1))).scalar()


async def list_for_beschikking(
    session: AsyncSession, beschikking_id: uuid.UUID
) -> Sequence[Toewijzing]:
    query = select(Toewijzing).where(Toewijzing.beschikking_id == beschikking_id)
    return (await session.execute(query.order_by(Toewijzing.id))).scalars().all()


async def find_by_nummer(
    session: AsyncSession, *, gemeentecode: str, aanbieder_agb: str, toewijzingnummer: str
) -> Toewijzing | None:
    query = select(Toewijzing).where(
        Toewijzing.gemeentecode == gemeentecode,
        Toewijzing.aanbieder_agb == aanbieder_agb,
        Toewijzing.toewijzingnummer == toewijzingnummer,
    )
    return (await session.execute(query.order_by(Toewijzing.id).limit(1))).scalar_one_or_none()

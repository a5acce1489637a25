from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from wmo_common.lists import Sortering, order_by
from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.kwaliteitsdocumenten.models import Kwaliteitsdocument, Verloopmelding

# The fields a list of kwaliteitsdocumenten sorts on, by their API names.
SORTEERVELDEN = {
    "soort": Kwaliteitsdocument.soort,
    "afgiftedatum": Kwaliteitsdocument.afgiftedatum,
    "vervaldatum": Kwaliteitsdocument.vervaldatum,
    "naam": Kwaliteitsdocument.naam,
}

_current = aliased(Kwaliteitsdocument)


async def list_page(
    session: AsyncSession,
    aanbieder_id: uuid.UUID,
    *,
    soort: str | None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[Sequence[Kwaliteitsdocument], int]:
    query = select(Kwaliteitsdocument).where(Kwaliteitsdocument.aanbieder_id == aanbieder_id)
    if soort is not None:
        query = query.where(Kwaliteitsdocument.soort == soort)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    order = order_by(sortering, SORTEERVELDEN, Kwaliteitsdocument.id)
    rows = (await session.execute(query.order_by(*order).offset(offset).limit(limit))).scalars()
    return rows.all(), count


async def issued_by(
    session: AsyncSession, peildatum: date, agb: str | None = None
) -> Sequence[tuple[Aanbieder, Kwaliteitsdocument | None]]:
    """Every aanbieder with each document issued on or before `peildatum` (None: it has none)."""
    query = (
        select(Aanbieder, Kwaliteitsdocument)
        .outerjoin(
            Kwaliteitsdocument,
            (Kwaliteitsdocument.aanbieder_id == Aanbieder.id)
            & (Kwaliteitsdocument.afgiftedatum <= peildatum),
        )
        .order_by(Aanbieder.naam, Aanbieder.id)
    )
    if agb is not None:
        query = query.where(Aanbieder.agb == agb)
    return [(a, d) for a, d in (await session.execute(query)).all()]


async def expiring(
    session: AsyncSession, peildatum: date, horizon: date
) -> Sequence[tuple[Kwaliteitsdocument, str]]:
    """Documents expiring between `peildatum` and `horizon` that no later one of the same soort
    and naam replaces, with their aanbieder's AGB code."""
    newer = (
        select(Kwaliteitsdocument.id)
        .where(
            (Kwaliteitsdocument.aanbieder_id == _current.aanbieder_id)
            & (Kwaliteitsdocument.soort == _current.soort)
            & (Kwaliteitsdocument.naam == _current.naam)
            & (
                Kwaliteitsdocument.vervaldatum.is_(None)
                | (Kwaliteitsdocument.vervaldatum > _current.vervaldatum)
            )
        )
        .exists()
    )
    query = (
        select(_current, Aanbieder.agb)
        .join(Aanbieder, Aanbieder.id == _current.aanbieder_id)
        .where(_current.vervaldatum.between(peildatum, horizon), ~newer)
        .order_by(_current.vervaldatum, _current.id)
    )
    return [(d, agb) for d, agb in (await session.execute(query)).all()]


async def claim_meldingen(
    session: AsyncSession, kwaliteitsdocument_id: uuid.UUID, drempels: Sequence[int]
) -> list[int]:
    """Record the thresholds as reported; returns those not reported before."""
    if not drempels:
        return []
    inserted = await session.execute(
        insert(Verloopmelding)
        .values(
            [{"kwaliteitsdocument_id": kwaliteitsdocument_id, "drempel_dagen": d} for d in drempels]
        )
        .on_conflict_do_nothing()
        .returning(Verloopmelding.drempel_dagen)
    )
    return list(inserted.scalars().all())

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_providers.prestatie_indicatoren.models import (
    DeclaratieregelFeit,
    Prestatienorm,
    ResultaatFeit,
    ToewijzingFeit,
)


async def lock_toewijzing(
    session: AsyncSession, agb: str, toewijzingnummer: str, client_pseudonym: str
) -> ToewijzingFeit:
    """The fact row of a toewijzing, made if this is the first message about it, and locked."""
    await session.execute(
        insert(ToewijzingFeit)
        .values(
            id=uuid.uuid4(),
            aanbieder_agb=agb,
            toewijzingnummer=toewijzingnummer,
            client_pseudonym=client_pseudonym,
        )
        .on_conflict_do_nothing()
    )
    return (
        await session.execute(
            select(ToewijzingFeit)
            .where(
                ToewijzingFeit.aanbieder_agb == agb,
                ToewijzingFeit.toewijzingnummer == toewijzingnummer,
            )
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one()


async def upsert_declaratieregels(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """A later verdict on the same line (declaratie and referentie) replaces the earlier one."""
    if not rows:
        return
    statement = insert(DeclaratieregelFeit).values([{"id": uuid.uuid4(), **r} for r in rows])
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["declaratie_id", "referentie"],
            set_={
                "is_goedgekeurd": statement.excluded.is_goedgekeurd,
                "ingediend_cents": statement.excluded.ingediend_cents,
                "toegekend_cents": statement.excluded.toegekend_cents,
                "debet_credit": statement.excluded.debet_credit,
                "beoordeeld_date": statement.excluded.beoordeeld_date,
            },
        )
    )


async def upsert_resultaat(session: AsyncSession, row: dict[str, Any]) -> None:
    """Keep the newest evaluation of a resultaat, whatever order the evaluations arrive in."""
    statement = insert(ResultaatFeit).values(**row)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["id"],
            set_={
                "is_behaald": statement.excluded.is_behaald,
                "geevalueerd_date": statement.excluded.geevalueerd_date,
                "segment_id": statement.excluded.segment_id,
            },
            where=ResultaatFeit.geevalueerd_date <= statement.excluded.geevalueerd_date,
        )
    )


async def toewijzingen(
    session: AsyncSession, agb: str | None, segment_id: uuid.UUID | None
) -> Sequence[ToewijzingFeit]:
    query = select(ToewijzingFeit)
    if agb is not None:
        query = query.where(ToewijzingFeit.aanbieder_agb == agb)
    if segment_id is not None:
        query = query.where(ToewijzingFeit.segment_id == segment_id)
    return (await session.execute(query)).scalars().all()


async def declaratieregels(
    session: AsyncSession, agbs: Sequence[str] | None
) -> Sequence[DeclaratieregelFeit]:
    query = select(DeclaratieregelFeit)
    if agbs is not None:
        query = query.where(DeclaratieregelFeit.aanbieder_agb.in_(agbs))
    return (await session.execute(query)).scalars().all()


async def resultaten(
    session: AsyncSession, agb: str | None, segment_id: uuid.UUID | None
) -> Sequence[ResultaatFeit]:
    query = select(ResultaatFeit)
    if agb is not None:
        query = query.where(ResultaatFeit.aanbieder_agb == agb)
    if segment_id is not None:
        query = query.where(ResultaatFeit.segment_id == segment_id)
    return (await session.execute(query)).scalars().all()


async def find_norm(session: AsyncSession, segment_id: uuid.UUID) -> Prestatienorm | None:
    return await session.get(Prestatienorm, segment_id)


async def all_norms(session: AsyncSession) -> Sequence[Prestatienorm]:
    return (
        (await session.execute(select(Prestatienorm).order_by(Prestatienorm.segment_id)))
        .scalars()
        .all()
    )

"""What the letter needs beyond the beschikking: the onderzoek and plan it rests on, and who
delivers each indicatie."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.aanvragen.models import Aanvraag
from wmo_access.leesmodellen.aanbieders.models import Aanbieder
from wmo_access.ondersteuningsplannen.models import Ondersteuningsplan, Resultaat
from wmo_access.onderzoeken.models import Onderzoek
from wmo_access.toewijzingen.models import Toewijzing


async def find_aanvraag(session: AsyncSession, aanvraag_id: uuid.UUID) -> Aanvraag | None:
    return await session.get(Aanvraag, aanvraag_id)


async def find_plan(
    session: AsyncSession, plan_id: uuid.UUID
) -> tuple[Ondersteuningsplan, Onderzoek, list[Resultaat]] | None:
    """A plan with the onderzoek it follows and its resultaten (earliest streefdatum first)."""
    row = (
        await session.execute(
            select(Ondersteuningsplan, Onderzoek)
            .join(Onderzoek, Onderzoek.id == Ondersteuningsplan.onderzoek_id)
            .where(Ondersteuningsplan.id == plan_id)
        )
    ).one_or_none()
    if row is None:
        return None
    resultaten = await session.execute(
        select(Resultaat)
        .where(Resultaat.ondersteuningsplan_id == plan_id)
        .order_by(Resultaat.streefdatum, Resultaat.id)
    )
    return row[0], row[1], list(resultaten.scalars().all())


async def leveranciers(
    session: AsyncSession, indicatie_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str | None]]:
    """Per indicatie the AGB code and (if known) the name of the aanbieder it was assigned to
    most recently, a running toewijzing before an ended one."""
    query = (
        select(Toewijzing.indicatie_id, Toewijzing.aanbieder_agb, Aanbieder.naam)
        .outerjoin(Aanbieder, Aanbieder.agb == Toewijzing.aanbieder_agb)
        .where(Toewijzing.indicatie_id.in_(indicatie_ids))
        .order_by(
            Toewijzing.indicatie_id,
            (Toewijzing.status == "actief").desc(),
            Toewijzing.created_at.desc(),
        )
        .ext(distinct_on(Toewijzing.indicatie_id))
    )
    return {row[0]: (row[1], row[2]) for row in (await session.execute(query)).all()}

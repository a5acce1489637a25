from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.aanvragen.models import Aanvraag
from wmo_access.beschikkingen.models import BESCHIKKINGNUMMER, Beschikking, Indicatie
from wmo_access.toewijzingen.models import Toewijzing

# iWmo RedenWijziging 13: withdrawn as if never issued.
VERWIJDERD = "13"


async def next_beschikkingnummer(session: AsyncSession) -> int:
    return int((await session.execute(select(BESCHIKKINGNUMMER.next_value()))).scalar_one())


async def find(
    session: AsyncSession, beschikking_id: uuid.UUID, *, for_update: bool = False
) -> Beschikking | None:
    return await session.get(Beschikking, beschikking_id, with_for_update=for_update)


async def indicaties_of(session: AsyncSession, beschikking_id: uuid.UUID) -> list[Indicatie]:
    query = (
        select(Indicatie)
        .where(Indicatie.beschikking_id == beschikking_id)
        .order_by(Indicatie.ingangsdatum, Indicatie.product_categorie, Indicatie.id)
    )
    return list((await session.execute(query)).scalars().all())


async def delete_indicaties(session: AsyncSession, beschikking_id: uuid.UUID) -> None:
    await session.execute(delete(Indicatie).where(Indicatie.beschikking_id == beschikking_id))


async def find_indicatie(
    session: AsyncSession, indicatie_id: uuid.UUID
) -> tuple[Indicatie, Beschikking] | None:
    query = (
        select(Indicatie, Beschikking)
        .join(Beschikking, Beschikking.id == Indicatie.beschikking_id)
        .where(Indicatie.id == indicatie_id)
    )
    row = (await session.execute(query)).one_or_none()
    return None if row is None else (row[0], row[1])


async def toewijzingen_for_plan(session: AsyncSession, plan_id: uuid.UUID) -> list[Toewijzing]:
    """The toewijzingen of the beschikkingen that followed an ondersteuningsplan (through the
    aanvraag that names it), withdrawn ones left out, in a stable order."""
    query = (
        select(Toewijzing)
        .join(Beschikking, Beschikking.id == Toewijzing.beschikking_id)
        .join(Aanvraag, Aanvraag.id == Beschikking.aanvraag_id)
        .where(
            Aanvraag.ondersteuningsplan_id == plan_id,
            Toewijzing.reden_wijziging.is_distinct_from(VERWIJDERD),
        )
        .order_by(Toewijzing.ingangsdatum, Toewijzing.id)
    )
    return list((await session.execute(query)).scalars().all())

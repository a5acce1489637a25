from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.outputbetalingen.models import Outputbetaling, Zorgstart
from wmo_finance.verplichtingen.models import Verplichting


async def zorg_begindatum(
    session: AsyncSession, *, gemeentecode: str, aanbieder_agb: str, toewijzingnummer: str
) -> date | None:
    """The first day of care the aanbieder reported with a Wmo305 for a toewijzing, withdrawn
    reports left out; None while care has not started."""
    query = select(func.min(Zorgstart.begindatum)).where(
        Zorgstart.gemeentecode == gemeentecode,
        Zorgstart.aanbieder_agb == aanbieder_agb,
        Zorgstart.toewijzingnummer == toewijzingnummer,
        Zorgstart.is_verwijderd.is_(False),
    )
    return (await session.execute(query)).scalar_one()


async def upsert_zorgstart(session: AsyncSession, values: dict[str, object]) -> None:
    """Record a reported start; a withdrawal, once recorded, is never undone."""
    statement = insert(Zorgstart).values(id=uuid.uuid4(), **values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[
                Zorgstart.gemeentecode,
                Zorgstart.aanbieder_agb,
                Zorgstart.toewijzingnummer,
                Zorgstart.begindatum,
            ],
            set_={"is_verwijderd": Zorgstart.is_verwijderd | statement.excluded.is_verwijderd},
        )
    )


async def claim(session: AsyncSession, values: dict[str, object]) -> bool:
    """Record a payable share; False when this share of the toewijzing was recorded before."""
    result = await session.execute(
        insert(Outputbetaling)
        .values(id=uuid.uuid4(), created_at=func.now(), **values)
        .on_conflict_do_nothing(index_elements=["toewijzing_id", "soort"])
        .returning(Outputbetaling.id)
    )
    return result.first() is not None


async def list_actief(session: AsyncSession, toewijzing_id: uuid.UUID) -> list[Outputbetaling]:
    """The shares of a toewijzing made payable and not cancelled, oldest first."""
    query = (
        select(Outputbetaling)
        .where(
            Outputbetaling.toewijzing_id == toewijzing_id,
            Outputbetaling.geannuleerd_op.is_(None),
        )
        .order_by(Outputbetaling.created_at)
    )
    return list((await session.execute(query)).scalars())


async def add_betaalbaar(session: AsyncSession, verplichting_id: uuid.UUID, cents: int) -> None:
    await session.execute(
        update(Verplichting)
        .where(Verplichting.id == verplichting_id)
        .values(betaalbaar_cents=Verplichting.betaalbaar_cents + cents)
    )

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.budgetten.models import (
    Budget,
    Budgetdrempelmelding,
    Budgetplafond,
    Budgetplafondmelding,
)
from wmo_finance.declaraties.models import Prestatie
from wmo_finance.leesmodellen.contracten.models import Contract, Segment
from wmo_finance.lumpsumtermijnen.models import Lumpsumtermijn
from wmo_finance.verplichtingen.models import Verplichting


async def find_by_id(session: AsyncSession, budget_id: uuid.UUID) -> Budget | None:
    return await session.get(Budget, budget_id)


async def find_line(
    session: AsyncSession, *, jaar: int, segment_naam: str, gebied: str | None
) -> Budget | None:
    query = select(Budget).where(
        Budget.jaar == jaar,
        Budget.segment_naam == segment_naam,
        # IS NOT DISTINCT FROM matches a missing gebied too, like the unique constraint.
        Budget.gebied.is_not_distinct_from(gebied),
    )
    return (await session.execute(query)).scalar_one_or_none()


async def list_page(
    session: AsyncSession, *, offset: int, limit: int, jaar: int | None = None
) -> tuple[Sequence[Budget], int]:
    query = select(Budget)
    if jaar is not None:
        query = query.where(Budget.jaar == jaar)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(
        Budget.jaar, Budget.segment_naam, Budget.gebied.nulls_first(), Budget.id
    )
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count


async def find_segment_id(session: AsyncSession, segment_naam: str) -> uuid.UUID | None:
    query = select(Segment.id).where(Segment.naam == segment_naam).order_by(Segment.id).limit(1)
    return (await session.execute(query)).scalar_one_or_none()


async def list_lines_for(
    session: AsyncSession, *, jaar: int, segment_naam: str, gebied: str | None
) -> Sequence[Budget]:
    """The lines a commitment counts against: the regional line and that of its gebied."""
    query = select(Budget).where(
        Budget.jaar == jaar,
        Budget.segment_naam == segment_naam,
        or_(Budget.gebied.is_(None), Budget.gebied == gebied),
    )
    return (await session.execute(query.order_by(Budget.id))).scalars().all()


def _in_line(budget: Budget, jaar_column: Any, gebied_column: Any) -> list[Any]:
    conditions = [jaar_column == budget.jaar, Segment.naam == budget.segment_naam]
    if budget.gebied is not None:
        conditions.append(gebied_column == budget.gebied)
    return conditions


async def verplicht_cents(session: AsyncSession, budget: Budget) -> int:
    """Committed: the verplichtingen of the line's year, segment and gebied, plus the lumpsum
    fixed for it (a lumpsum is committed as a whole when it is set)."""
    verplichtingen = (
        select(func.coalesce(func.sum(Verplichting.bedrag_cents), 0))
        .join(Segment, Segment.id == Verplichting.segment_id)
        .where(*_in_line(budget, Verplichting.jaar, Verplichting.gebied))
    )
    lumpsum = (
        select(func.coalesce(func.sum(Lumpsumtermijn.bedrag_cents), 0))
        .join(Contract, Contract.id == Lumpsumtermijn.contract_id)
        .join(Segment, Segment.id == Contract.segment_id)
        .where(*_in_line(budget, Lumpsumtermijn.jaar, Lumpsumtermijn.gebied))
    )
    return int((await session.execute(verplichtingen)).scalar_one()) + int(
        (await session.execute(lumpsum)).scalar_one()
    )


async def realisatie(session: AsyncSession, budget: Budget) -> tuple[int, date | None]:
    """Realised: approved declaratie lines (debit minus credit) and lumpsum termijnen paid; and
    the last day that realisation covers (the latest line's or paid termijn's end)."""
    signed = case(
        (Prestatie.debet_credit == "C", -Prestatie.toegekend_bedrag_cents),
        else_=Prestatie.toegekend_bedrag_cents,
    )
    declaraties = (
        select(func.coalesce(func.sum(signed), 0), func.max(Prestatie.einddatum))
        .join(Verplichting, Verplichting.toewijzing_id == Prestatie.toewijzing_id)
        .join(Segment, Segment.id == Verplichting.segment_id)
        .where(
            Prestatie.is_goedgekeurd.is_(True),
            *_in_line(budget, func.extract("year", Prestatie.begindatum), Verplichting.gebied),
        )
    )
    lumpsum = (
        select(
            func.coalesce(func.sum(Lumpsumtermijn.bedrag_cents), 0),
            func.max(Lumpsumtermijn.periode_eind),
        )
        .join(Contract, Contract.id == Lumpsumtermijn.contract_id)
        .join(Segment, Segment.id == Contract.segment_id)
        .where(
            Lumpsumtermijn.betaald_op.is_not(None),
            *_in_line(budget, Lumpsumtermijn.jaar, Lumpsumtermijn.gebied),
        )
    )
    gedeclareerd, laatste_prestatie = (await session.execute(declaraties)).one()
    betaald, laatste_termijn = (await session.execute(lumpsum)).one()
    laatste = max((d for d in (laatste_prestatie, laatste_termijn) if d is not None), default=None)
    return int(gedeclareerd) + int(betaald), laatste


async def claim_melding(
    session: AsyncSession, budget_id: uuid.UUID, drempel: Decimal, besteed_cents: int
) -> bool:
    """Record that a threshold was crossed; False when it was recorded before."""
    result = await session.execute(
        insert(Budgetdrempelmelding)
        .values(
            id=uuid.uuid4(),
            budget_id=budget_id,
            drempel_percentage=drempel,
            besteed_cents=besteed_cents,
            created_at=func.now(),
        )
        .on_conflict_do_nothing(index_elements=["budget_id", "drempel_percentage"])
        .returning(Budgetdrempelmelding.id)
    )
    return result.first() is not None


async def upsert_plafond(
    session: AsyncSession,
    *,
    contract_id: uuid.UUID,
    aanbieder_agb: str,
    segment_id: uuid.UUID,
    jaar: int,
    plafond_cents: int,
) -> Budgetplafond:
    """The ceiling of a contract in a year, with its amount as the bekostiging sets it now."""
    statement = insert(Budgetplafond).values(
        id=uuid.uuid4(),
        contract_id=contract_id,
        aanbieder_agb=aanbieder_agb,
        segment_id=segment_id,
        jaar=jaar,
        plafond_cents=plafond_cents,
        created_at=func.now(),
        updated_at=func.now(),
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Budgetplafond.contract_id, Budgetplafond.jaar],
            set_={
                "aanbieder_agb": statement.excluded.aanbieder_agb,
                "segment_id": statement.excluded.segment_id,
                "plafond_cents": statement.excluded.plafond_cents,
                "updated_at": func.now(),
            },
        )
    )
    query = select(Budgetplafond).where(
        Budgetplafond.contract_id == contract_id, Budgetplafond.jaar == jaar
    )
    return (await session.execute(query.execution_options(populate_existing=True))).scalar_one()


async def find_plafond(session: AsyncSession, plafond_id: uuid.UUID) -> Budgetplafond | None:
    return await session.get(Budgetplafond, plafond_id)


async def list_plafonds(
    session: AsyncSession,
    *,
    aanbieder_agb: str | None,
    jaar: int | None,
    offset: int,
    limit: int,
) -> tuple[Sequence[Budgetplafond], int]:
    query = select(Budgetplafond)
    if aanbieder_agb is not None:
        query = query.where(Budgetplafond.aanbieder_agb == aanbieder_agb)
    if jaar is not None:
        query = query.where(Budgetplafond.jaar == jaar)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(
        Budgetplafond.jaar, Budgetplafond.aanbieder_agb, Budgetplafond.contract_id, Budgetplafond.id
    )
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count


async def besteed_onder_contract(session: AsyncSession, contract_id: uuid.UUID, jaar: int) -> int:
    """Committed under a contract in a year: what its verplichtingen hold now."""
    query = select(func.coalesce(func.sum(Verplichting.bedrag_cents), 0)).where(
        Verplichting.contract_id == contract_id, Verplichting.jaar == jaar
    )
    return int((await session.execute(query)).scalar_one())


async def claim_plafondmelding(
    session: AsyncSession, plafond_id: uuid.UUID, drempel: Decimal, besteed_cents: int
) -> bool:
    """Record that a ceiling's threshold was crossed; False when it was recorded before."""
    result = await session.execute(
        insert(Budgetplafondmelding)
        .values(
            id=uuid.uuid4(),
            budgetplafond_id=plafond_id,
            drempel_percentage=drempel,
            besteed_cents=besteed_cents,
            created_at=func.now(),
        )
        .on_conflict_do_nothing(index_elements=["budgetplafond_id", "drempel_percentage"])
        .returning(Budgetplafondmelding.id)
    )
    return result.first() is not None

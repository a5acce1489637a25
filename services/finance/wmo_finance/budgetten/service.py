from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events import outbox
from wmo_common.events.finance import BudgetdrempelOverschreden
from wmo_finance.budgetten import repository
from wmo_finance.budgetten.errors import BudgetBestaatAl, BudgetNietGevonden
from wmo_finance.budgetten.models import Budget
from wmo_finance.budgetten.schemas import BudgetCreate
from wmo_finance.contracten import repository as contracten


async def create_budget(session: AsyncSession, data: BudgetCreate) -> Budget:
    """Set a budget line; a year, segment and gebied have at most one."""
    existing = await repository.find_line(
        session, jaar=data.jaar, segment_naam=data.segment_naam, gebied=data.gebied
    )
    if existing is not None:
        raise BudgetBestaatAl(_taken(data))
    budget = Budget(
        jaar=data.jaar,
        segment_naam=data.segment_naam,
        gebied=data.gebied,
        bedrag_cents=data.bedrag_cents,
        drempel_percentages=[Decimal(p) for p in data.drempel_percentages],
    )
    try:
        # Two concurrent requests both pass the check above; the unique constraint decides.
        async with session.begin_nested():
            session.add(budget)
    except IntegrityError:
        raise BudgetBestaatAl(_taken(data)) from None
    # Commitments booked before the line existed count from the start.
    await check_drempels(session, budget)
    return budget


async def check_drempels(session: AsyncSession, budget: Budget) -> None:
    """Announce each threshold the committed amount has crossed, once per threshold.

    A line is watched on what is committed (verplichtingen and lumpsum), the early signal: what
    is realised never exceeds what was committed for the same toewijzingen.
    """
    if budget.bedrag_cents == 0:
        return  # nothing set aside: a percentage of nothing warns nobody
    besteed = await repository.verplicht_cents(session, budget)
    percentage = (Decimal(besteed) * 100 / Decimal(budget.bedrag_cents)).quantize(Decimal("0.01"))
    segment_id = await repository.find_segment_id(session, budget.segment_naam)
    for drempel in sorted(budget.drempel_percentages):
        if percentage < drempel:
            break
        if await repository.claim_melding(session, budget.id, drempel, besteed):
            await outbox.add(
                session,
                BudgetdrempelOverschreden(
                    budget_id=budget.id,
                    jaar=budget.jaar,
                    segment_id=segment_id,
                    gebied=budget.gebied,
                    budget_cents=budget.bedrag_cents,
                    besteed_cents=besteed,
                    percentage=percentage,
                    drempel_percentage=drempel,
                ),
            )


async def check_drempels_for(
    session: AsyncSession, *, jaar: int, segment_id: uuid.UUID | None, gebied: str | None
) -> None:
    """Check the budget lines a changed commitment counts against."""
    if segment_id is None:
        return
    segment = await contracten.find_segment(session, segment_id)
    if segment is None:
        return
    for budget in await repository.list_lines_for(
        session, jaar=jaar, segment_naam=segment.naam, gebied=gebied
    ):
        await check_drempels(session, budget)


async def stand(session: AsyncSession, budget: Budget) -> tuple[int, int]:
    """(committed, realised) of a budget line, in cents."""
    return (
        await repository.verplicht_cents(session, budget),
        await repository.gerealiseerd_cents(session, budget),
    )


async def get_budget(session: AsyncSession, budget_id: uuid.UUID) -> Budget:
    budget = await repository.find_by_id(session, budget_id)
    if budget is None:
        raise BudgetNietGevonden()
    return budget


def _taken(data: BudgetCreate) -> str:
    where = f"gebied {data.gebied}" if data.gebied is not None else "de hele regio"
    return f"Er is al een budget {data.jaar} voor {data.segment_naam}, {where}."

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.budgetten import repository
from wmo_finance.budgetten.errors import BudgetBestaatAl, BudgetNietGevonden
from wmo_finance.budgetten.models import Budget
from wmo_finance.budgetten.schemas import BudgetCreate


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
    )
    try:
        # Two concurrent requests both pass the check above; the unique constraint decides.
        async with session.begin_nested():
            session.add(budget)
    except IntegrityError:
        raise BudgetBestaatAl(_taken(data)) from None
    return budget


async def get_budget(session: AsyncSession, budget_id: uuid.UUID) -> Budget:
    budget = await repository.find_by_id(session, budget_id)
    if budget is None:
        raise BudgetNietGevonden()
    return budget


def _taken(data: BudgetCreate) -> str:
    where = f"gebied {data.gebied}" if data.gebied is not None else "de hele regio"
    return f"Er is al een budget {data.jaar} voor {data.segment_naam}, {where}."

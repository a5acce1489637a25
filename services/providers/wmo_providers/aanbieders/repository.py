from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from wmo_providers.aanbieders.models import Aanbieder, Contract, Contractpartij


async def find_by_agb(session: AsyncSession, agb: str) -> Aanbieder | None:
    return (
        await session.execute(select(Aanbieder).where(Aanbieder.agb == agb))
    ).scalar_one_or_none()


async def list_page(
    session: AsyncSession, *, offset: int, limit: int, agb: str | None = None
) -> tuple[Sequence[Aanbieder], int]:
    query = select(Aanbieder)
    if agb is not None:
        query = query.where(Aanbieder.agb == agb)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = (
        (
            await session.execute(
                query.order_by(Aanbieder.naam, Aanbieder.id).offset(offset).limit(limit)
            )
        )
        .scalars()
        .all()
    )
    return rows, count


async def list_all(session: AsyncSession, agb: str | None = None) -> Sequence[Aanbieder]:
    query = select(Aanbieder).order_by(Aanbieder.naam, Aanbieder.id)
    if agb is not None:
        query = query.where(Aanbieder.agb == agb)
    return (await session.execute(query)).scalars().all()


async def find_contract(session: AsyncSession, contract_id: uuid.UUID) -> Contract | None:
    return (
        await session.execute(
            select(Contract)
            .where(Contract.id == contract_id)
            .options(selectinload(Contract.partijen))
            .with_for_update()
        )
    ).scalar_one_or_none()


async def contracts_of(session: AsyncSession, agbs: Sequence[str]) -> Sequence[Contract]:
    """The contracts in which any of `agbs` takes part, with all their partijen."""
    with_party = select(Contractpartij.contract_id).where(Contractpartij.aanbieder_agb.in_(agbs))
    return (
        (
            await session.execute(
                select(Contract)
                .where(Contract.id.in_(with_party))
                .options(selectinload(Contract.partijen))
                .order_by(Contract.ingangsdatum, Contract.id)
            )
        )
        .scalars()
        .all()
    )

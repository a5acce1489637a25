from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from wmo_providers.leesmodellen.contracten.models import Contract, Contractpartij


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


async def running_segments(session: AsyncSession, agb: str, peildatum: date) -> set[uuid.UUID]:
    """The segments in which `agb` takes part in a contract that runs on `peildatum`."""
    query = (
        select(Contract.segment_id)
        .join(Contractpartij, Contractpartij.contract_id == Contract.id)
        .where(
            Contractpartij.aanbieder_agb == agb,
            Contract.segment_id.is_not(None),
            Contract.ingangsdatum <= peildatum,
            Contract.einddatum >= peildatum,
            or_(Contract.beeindigd_date.is_(None), Contract.beeindigd_date >= peildatum),
        )
    )
    return {s for s in (await session.execute(query)).scalars().all() if s is not None}

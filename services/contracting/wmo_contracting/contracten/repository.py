from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from wmo_common.lists import Periode, Sortering, order_by, within
from wmo_contracting.contracten.models import (
    Contract,
    Contractpartij,
    Contractproduct,
    Contractwijziging,
    Tarief,
    Termijnmelding,
)

# The fields the lists of contracten and their wijzigingen sort on, by their API names.
SORTEERVELDEN = {
    "contractnummer": Contract.contractnummer,
    "ingangsdatum": Contract.ingangsdatum,
    "einddatum": Contract.einddatum,
    "status": Contract.status,
    "createdAt": Contract.created_at,
}
SORTEERVELDEN_WIJZIGINGEN = {
    "volgnummer": Contractwijziging.volgnummer,
    "createdAt": Contractwijziging.created_at,
}

_WHOLE = (
    selectinload(Contract.partijen),
    selectinload(Contract.producten).selectinload(Contractproduct.product),
    selectinload(Contract.tarieven).selectinload(Tarief.product),
    selectinload(Contract.verlengingsopties),
)


async def find_by_id(
    session: AsyncSession, contract_id: uuid.UUID, *, for_update: bool = False
) -> Contract | None:
    """The contract with everything it holds; `for_update` locks it, so changes to one contract
    (and the checks they depend on, such as overlapping tarieven) happen one after the other."""
    query = select(Contract).where(Contract.id == contract_id).options(*_WHOLE)
    if for_update:
        query = query.with_for_update(of=Contract).execution_options(populate_existing=True)
    return (await session.execute(query)).scalar_one_or_none()


async def find_by_nummer(session: AsyncSession, contractnummer: str) -> Contract | None:
    query = select(Contract).where(Contract.contractnummer == contractnummer)
    return (await session.execute(query)).scalar_one_or_none()


async def list_page(
    session: AsyncSession,
    *,
    segment_id: uuid.UUID | None,
    status: str | None,
    aanbieder_agb: str | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[Sequence[Contract], int]:
    """Contracten; `periode` is on the ingangsdatum."""
    query = select(Contract).where(*within(Contract.ingangsdatum, periode))
    if segment_id is not None:
        query = query.where(Contract.segment_id == segment_id)
    if status is not None:
        query = query.where(Contract.status == status)
    if aanbieder_agb is not None:
        query = query.where(
            select(Contractpartij.id)
            .where(
                Contractpartij.contract_id == Contract.id,
                Contractpartij.aanbieder_agb == aanbieder_agb,
            )
            .exists()
        )
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(*order_by(sortering, SORTEERVELDEN, Contract.id)).options(*_WHOLE)
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count


async def next_wijziging_volgnummer(session: AsyncSession, contract_id: uuid.UUID) -> int:
    query = select(func.coalesce(func.max(Contractwijziging.volgnummer), 0)).where(
        Contractwijziging.contract_id == contract_id
    )
    return int((await session.execute(query)).scalar_one()) + 1


async def list_wijzigingen(
    session: AsyncSession,
    contract_id: uuid.UUID,
    *,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[Sequence[Contractwijziging], int]:
    query = select(Contractwijziging).where(Contractwijziging.contract_id == contract_id)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(*order_by(sortering, SORTEERVELDEN_WIJZIGINGEN, Contractwijziging.id))
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count


async def running(session: AsyncSession, peildatum: date) -> Sequence[Contract]:
    """Active and extended contracts that have not ended on `peildatum`."""
    query = (
        select(Contract)
        .where(Contract.status.in_(("actief", "verlengd")), Contract.einddatum >= peildatum)
        .options(selectinload(Contract.verlengingsopties))
        .order_by(Contract.einddatum, Contract.id)
    )
    return (await session.execute(query)).scalars().all()


async def reported(
    session: AsyncSession, contract_ids: Sequence[uuid.UUID]
) -> set[tuple[uuid.UUID, str, date]]:
    if not contract_ids:
        return set()
    query = select(
        Termijnmelding.contract_id, Termijnmelding.termijn, Termijnmelding.termijndatum
    ).where(Termijnmelding.contract_id.in_(contract_ids))
    return {(c, t, d) for c, t, d in (await session.execute(query)).all()}


async def claim_melding(
    session: AsyncSession, contract_id: uuid.UUID, termijn: str, termijndatum: date
) -> bool:
    """Record a deadline as reported; False when it was before (by this or another run).

    A concurrent run inserting the same row waits for this transaction and then inserts nothing.
    """
    inserted = await session.execute(
        insert(Termijnmelding)
        .values(contract_id=contract_id, termijn=termijn, termijndatum=termijndatum)
        .on_conflict_do_nothing()
        .returning(Termijnmelding.id)
    )
    return inserted.scalar_one_or_none() is not None


async def running_in_segment(
    session: AsyncSession,
    segment_id: uuid.UUID,
    ingangsdatum: date,
    einddatum: date,
    *,
    other_than: uuid.UUID,
) -> Sequence[Contract]:
    """The segment's active and extended contracts whose period shares a day with the given one."""
    query = (
        select(Contract)
        .where(
            Contract.segment_id == segment_id,
            Contract.id != other_than,
            Contract.status.in_(("actief", "verlengd")),
            Contract.ingangsdatum <= einddatum,
            Contract.einddatum >= ingangsdatum,
        )
        .options(selectinload(Contract.partijen))
        .order_by(Contract.contractnummer, Contract.id)
    )
    return (await session.execute(query)).scalars().all()

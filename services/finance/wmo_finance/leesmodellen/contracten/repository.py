"""Every query of the contract read model: segments, contracts and their tarieven."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.leesmodellen.contracten.models import Contract, ContractTarief, Segment


async def find_segment(session: AsyncSession, segment_id: uuid.UUID) -> Segment | None:
    return await session.get(Segment, segment_id)


async def find_contract(session: AsyncSession, contract_id: uuid.UUID) -> Contract | None:
    return await session.get(Contract, contract_id)


async def replace_tarieven(
    session: AsyncSession, contract_id: uuid.UUID, tarieven: Sequence[ContractTarief]
) -> None:
    await session.execute(delete(ContractTarief).where(ContractTarief.contract_id == contract_id))
    session.add_all(tarieven)
    await session.flush()


def _betalende_contracten(
    aanbieder_agb: str, segment_id: uuid.UUID | None, gebied: str | None
) -> Select[Contract]:
    """The contracts that may pay `aanbieder_agb` as their hoofdaannemer, on any day, in the
    order the first one valid on a day is chosen."""
    query = select(Contract).where(Contract.hoofdaannemer_agb == aanbieder_agb)
    if segment_id is not None:
        query = query.where(Contract.segment_id == segment_id)
    if gebied is not None:
        # A contract without gebieden covers the whole region.
        query = query.where(
            or_(func.cardinality(Contract.gebieden) == 0, Contract.gebieden.contains([gebied]))
        )
    return query.order_by(Contract.ingangsdatum.desc(), Contract.id)


async def find_betalend_contract(
    session: AsyncSession,
    *,
    aanbieder_agb: str,
    segment_id: uuid.UUID | None,
    gebied: str | None,
    op: date,
) -> Contract | None:
    """The contract under which `aanbieder_agb` is paid on `op`: it must be its hoofdaannemer."""
    query = _betalende_contracten(aanbieder_agb, segment_id, gebied).where(
        Contract.ingangsdatum <= op, Contract.einddatum >= op
    )
    return (await session.execute(query.limit(1))).scalar_one_or_none()


async def list_betalende_contracten(
    session: AsyncSession, *, aanbieder_agb: str, segment_id: uuid.UUID | None, gebied: str | None
) -> Sequence[Contract]:
    """Every contract `find_betalend_contract` chooses from, on any day, in its order of
    preference: `betalend_op` picks the one of a day without another query."""
    return (
        (await session.execute(_betalende_contracten(aanbieder_agb, segment_id, gebied)))
        .scalars()
        .all()
    )


def betalend_op(contracten: Sequence[Contract], op: date) -> Contract | None:
    """Of `list_betalende_contracten`, the one `find_betalend_contract` finds for `op`."""
    return next((c for c in contracten if c.ingangsdatum <= op <= c.einddatum), None)


async def find_lumpsum_contract(
    session: AsyncSession,
    *,
    aanbieder_agb: str,
    segment_id: uuid.UUID | None,
    gebied: str | None,
    op: date,
) -> Contract | None:
    """A taakgericht contract in which `aanbieder_agb` is any partij on `op`: the hoofdaannemer
    is paid its lumpsum, every partij (combinant, onderaannemer) delivers care under it."""
    query = select(Contract).where(
        Contract.partijen.contains([{"agb": aanbieder_agb}]),
        Contract.bekostigingsmodel == "taakgericht",
        Contract.ingangsdatum <= op,
        Contract.einddatum >= op,
    )
    if segment_id is not None:
        query = query.where(Contract.segment_id == segment_id)
    if gebied is not None:
        query = query.where(
            or_(func.cardinality(Contract.gebieden) == 0, Contract.gebieden.contains([gebied]))
        )
    query = query.order_by(Contract.ingangsdatum.desc(), Contract.id).limit(1)
    return (await session.execute(query)).scalar_one_or_none()


async def find_contract_van(
    session: AsyncSession,
    *,
    aanbieder_agb: str,
    segment_id: uuid.UUID | None,
    gebied: str | None,
    op: date,
) -> Contract | None:
    """The contract a toewijzing falls under: the aanbieder's paying contract, else a lumpsum
    contract it is a partij to."""
    return await find_betalend_contract(
        session, aanbieder_agb=aanbieder_agb, segment_id=segment_id, gebied=gebied, op=op
    ) or await find_lumpsum_contract(
        session, aanbieder_agb=aanbieder_agb, segment_id=segment_id, gebied=gebied, op=op
    )


async def list_tarieven(
    session: AsyncSession,
    contract_id: uuid.UUID,
    *,
    categorie: str,
    code: str | None,
    intensiteit: str | None = None,
) -> Sequence[ContractTarief]:
    """The tarieven of a product at an intensiteit: those of exactly that intensiteit when the
    contract has them, else those for any intensiteit of the product."""
    query = select(ContractTarief).where(
        ContractTarief.contract_id == contract_id,
        ContractTarief.categorie == categorie,
        ContractTarief.code.is_not_distinct_from(code),
        or_(ContractTarief.intensiteit.is_(None), ContractTarief.intensiteit == intensiteit),
    )
    rows = (await session.execute(query.order_by(ContractTarief.geldig_vanaf))).scalars().all()
    exact = [t for t in rows if t.intensiteit is not None]
    return exact or [t for t in rows if t.intensiteit is None]


def geldig_tarief(
    tarieven: Sequence[ContractTarief], eenheden: Sequence[str], op: date
) -> ContractTarief | None:
    """Of a product's tarieven (`list_tarieven`), the first per one of `eenheden` valid on
    `op`."""
    for tarief in tarieven:
        if (
            tarief.eenheid in eenheden
            and tarief.geldig_vanaf <= op
            and (tarief.geldig_tot is None or op <= tarief.geldig_tot)
        ):
            return tarief
    return None

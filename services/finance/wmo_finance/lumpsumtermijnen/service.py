"""Lumpsum per contract, gebied and year: net task budget in instalments, payments recorded."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal, ensure_own_agb, scoped_agb
from wmo_common.calendar import month_end
from wmo_finance.bekostiging import netto_lumpsum, termijnen
from wmo_finance.leesmodellen.contracten import repository as contracten
from wmo_finance.lumpsumtermijnen import repository
from wmo_finance.lumpsumtermijnen.errors import (
    ContractNietTaakgericht,
    ContractOnbekend,
    LumpsumBestaatAl,
    TermijnAlBetaald,
    TermijnNietGevonden,
)
from wmo_finance.lumpsumtermijnen.models import Lumpsumtermijn
from wmo_finance.lumpsumtermijnen.schemas import (
    BetalingCreate,
    LumpsumCreate,
    LumpsumtermijnRead,
)


async def create_lumpsum(session: AsyncSession, data: LumpsumCreate) -> list[Lumpsumtermijn]:
    """Set the termijnen of a taakgericht contract's lumpsum for one gebied and year."""
    contract = await contracten.find_contract(session, data.contract_id)
    if contract is None or contract.hoofdaannemer_agb is None:
        raise ContractOnbekend()
    if contract.bekostigingsmodel != "taakgericht":
        raise ContractNietTaakgericht()
    segment = await contracten.find_segment(session, contract.segment_id)
    korting = contract.kortingspercentage
    bijdrage = contract.uitvoeringsbijdrage_percentage
    if segment is not None:
        # What the contract leaves open, the segment's strategy sets.
        korting = korting if korting is not None else segment.kortingspercentage
        bijdrage = bijdrage if bijdrage is not None else segment.uitvoeringsbijdrage_percentage
    if await repository.exists(session, contract.id, data.gebied, data.jaar):
        raise LumpsumBestaatAl()
    netto = netto_lumpsum(data.taakbudget_cents, korting or Decimal(0), bijdrage or Decimal(0))
    maanden = 12 // data.aantal_termijnen
    rows = []
    for index, bedrag in enumerate(termijnen(netto, data.aantal_termijnen)):
        first_month = index * maanden + 1
        last_month = first_month + maanden - 1
        rows.append(
            Lumpsumtermijn(
                id=uuid.uuid4(),
                contract_id=contract.id,
                aanbieder_agb=contract.hoofdaannemer_agb,
                gebied=data.gebied,
                jaar=data.jaar,
                volgnummer=index + 1,
                periode_begin=date(data.jaar, first_month, 1),
                periode_eind=month_end(data.jaar, last_month),
                taakbudget_cents=data.taakbudget_cents,
                netto_budget_cents=netto,
                bedrag_cents=bedrag,
            )
        )
    try:
        # Two concurrent requests both pass the check above; the unique constraint decides.
        async with session.begin_nested():
            session.add_all(rows)
    except IntegrityError:
        raise LumpsumBestaatAl() from None
    return rows


async def list_termijnen(
    session: AsyncSession,
    viewer: Principal,
    *,
    contract_id: uuid.UUID | None,
    jaar: int | None,
    offset: int,
    limit: int,
) -> tuple[list[LumpsumtermijnRead], int]:
    """The termijnen with their payment; an aanbieder sees only its own."""
    rows, count = await repository.list_page(
        session,
        aanbieder_agb=scoped_agb(viewer, None),
        contract_id=contract_id,
        jaar=jaar,
        offset=offset,
        limit=limit,
    )
    return [to_read(r) for r in rows], count


async def read_termijn(
    session: AsyncSession, termijn_id: uuid.UUID, viewer: Principal
) -> LumpsumtermijnRead:
    """One termijn, for whoever may see it (an aanbieder only its own)."""
    termijn = await get_termijn(session, termijn_id)
    ensure_own_agb(viewer, termijn.aanbieder_agb)
    return to_read(termijn)


def to_read(termijn: Lumpsumtermijn) -> LumpsumtermijnRead:
    return LumpsumtermijnRead.model_validate(termijn, from_attributes=True)


async def get_termijn(session: AsyncSession, termijn_id: uuid.UUID) -> Lumpsumtermijn:
    termijn = await repository.find_by_id(session, termijn_id)
    if termijn is None:
        raise TermijnNietGevonden()
    return termijn


async def record_betaling(
    session: AsyncSession, termijn_id: uuid.UUID, data: BetalingCreate
) -> Lumpsumtermijn:
    termijn = await get_termijn(session, termijn_id)
    if termijn.betaald_op is not None:
        raise TermijnAlBetaald(f"Termijn {termijn.volgnummer} is betaald op {termijn.betaald_op}.")
    termijn.betaald_op = data.betaald_op
    await session.flush()
    return termijn

"""Lumpsum per contract (as a whole or per gebied) and year: the task budget minus the
reduction, paid to the hoofdaannemer in termijnen, each termijn split over the gemeenten by the
contract's verdeelsleutel; payments recorded.

The 6 % reduction (korting) comes off what the gemeenten pay; the coalition's contribution to
its central organisation (uitvoeringsbijdrage, 15 %) does not: it is a term inside the coalition,
shown per partij in the werkverdeling (`werkverdelingen`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal, scoped_agb
from wmo_common.calendar import month_end
from wmo_common.lists import Sortering
from wmo_finance.bekostiging import netto_lumpsum, termijnen, verdeel
from wmo_finance.leesmodellen.contracten import repository as contracten
from wmo_finance.lumpsumtermijnen import repository
from wmo_finance.lumpsumtermijnen.errors import (
    ContractNietTaakgericht,
    ContractOnbekend,
    GebiedBuitenContract,
    LumpsumBestaatAl,
    TaakbudgetOntbreekt,
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
    """Set the termijnen of a taakgericht contract's lumpsum for one year, for the whole
    contract or one gebied: task budget minus korting, in termijnen that add up exactly, each
    split over the gemeenten of the verdeelsleutel (the region as a whole without one)."""
    contract = await contracten.find_contract(session, data.contract_id)
    if contract is None or contract.hoofdaannemer_agb is None:
        raise ContractOnbekend()
    if contract.bekostigingsmodel != "taakgericht":
        raise ContractNietTaakgericht()
    if data.gebied is not None and contract.gebieden and data.gebied not in contract.gebieden:
        raise GebiedBuitenContract(
            f"Het contract geldt in {', '.join(contract.gebieden)}, niet in {data.gebied}."
        )
    taakbudget = data.taakbudget_cents
    if taakbudget is None:
        if contract.taakbudget_cents is None:
            raise TaakbudgetOntbreekt()
        if data.gebied is not None and len(contract.gebieden) > 1:
            # The contract's budget is for all its gebieden: one gebied needs its own.
            raise TaakbudgetOntbreekt(
                "Het taakbudget van het contract geldt voor al zijn gebieden; geef het "
                f"taakbudget van {data.gebied} mee."
            )
        taakbudget = contract.taakbudget_cents
    segment = await contracten.find_segment(session, contract.segment_id)
    korting = contract.kortingspercentage
    if korting is None and segment is not None:
        # What the contract leaves open, the segment's strategy sets.
        korting = segment.kortingspercentage
    if await repository.exists(session, contract.id, data.gebied, data.jaar):
        raise LumpsumBestaatAl()
    netto = netto_lumpsum(taakbudget, korting or Decimal(0))
    sleutel: dict[str | None, Decimal] = {
        r["gemeentecode"]: Decimal(r["percentage"]) for r in contract.verdeelsleutel
    } or {None: Decimal(1)}
    maanden = 12 // data.aantal_termijnen
    rows = []
    for index, termijn in enumerate(termijnen(netto, data.aantal_termijnen)):
        first_month = index * maanden + 1
        last_month = first_month + maanden - 1
        for gemeentecode, bedrag in verdeel(termijn, sleutel).items():
            rows.append(
                Lumpsumtermijn(
                    id=uuid.uuid4(),
                    contract_id=contract.id,
                    aanbieder_agb=contract.hoofdaannemer_agb,
                    gebied=data.gebied,
                    gemeentecode=gemeentecode,
                    jaar=data.jaar,
                    volgnummer=index + 1,
                    periode_begin=date(data.jaar, first_month, 1),
                    periode_eind=month_end(data.jaar, last_month),
                    taakbudget_cents=taakbudget,
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
    gemeentecode: str | None = None,
    aanbieder_agb: str | None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[LumpsumtermijnRead], int]:
    """The termijnen with their payment; an aanbieder sees only its own."""
    rows, count = await repository.list_page(
        session,
        aanbieder_agb=scoped_agb(viewer, aanbieder_agb),
        contract_id=contract_id,
        jaar=jaar,
        gemeentecode=gemeentecode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    return [to_read(r) for r in rows], count


async def read_termijn(
    session: AsyncSession, termijn_id: uuid.UUID, viewer: Principal
) -> LumpsumtermijnRead:
    """One termijn, for whoever may see it: another aanbieder's is "not found", as an unknown id
    is (its existence is not theirs to learn)."""
    termijn = await get_termijn(session, termijn_id)
    if viewer.is_provider_only and viewer.agb != termijn.aanbieder_agb:
        raise TermijnNietGevonden()
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

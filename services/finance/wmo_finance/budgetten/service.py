"""Budget lines and spending ceilings, for the region or per gemeente: what is committed,
realised and forecast, and the thresholds that signal `budgetdrempel-overschreden` once each.

Committed (verplicht): the parts of the verplichtingen that fall in the line's year (a
verplichting running into the next year counts there for its own part) and the lumpsum
termijnen of the year. Realised (gerealiseerd): approved declaratie lines, the 80/20 payments of
outputgerichte financing, and the lumpsum termijnen paid. Open (openstaand): per verplichting
its year's part minus what is realised on it that year (never below zero), plus the termijnen
not paid yet.

Forecast (prognose): what is realised plus what is still open, so a commitment not yet
realised counts in full, whatever the pace of the claims so far. The run rate is shown beside
it (`runRatePrognoseCents`): the realised amount divided by the months it covers, times twelve.
The months it covers run from January of the budget year to the month of the last day any
realisation of the line covers (the latest approved prestatie's einddatum, payment or paid
lumpsum termijn's periode_eind), because a declaratie arrives after the month it declares and
so a calendar count would understate the rate. Without realisation there is no run rate.
Rounded once, half-up to a cent (`bekostiging.to_cents`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal, scoped_agb
from wmo_common.lists import Sortering
from wmo_finance.bekostiging import to_cents
from wmo_finance.budgetten import drempels, posten, repository
from wmo_finance.budgetten.errors import (
    BudgetBestaatAl,
    BudgetNietGevonden,
    BudgetplafondBestaatAl,
    BudgetplafondNietGevonden,
    PlafondContractOnbekend,
    PlafondJaarBuitenContract,
)
from wmo_finance.budgetten.models import Budget, Budgetplafond
from wmo_finance.budgetten.schemas import (
    BudgetCreate,
    BudgetplafondCreate,
    BudgetplafondRead,
    BudgetplafondUpdate,
    BudgetRead,
)
from wmo_finance.leesmodellen.contracten import repository as contracten


async def create_budget(session: AsyncSession, data: BudgetCreate) -> Budget:
    """Set a budget line; a year, segment and gebied have at most one."""
    existing = await repository.find_line(
        session,
        jaar=data.jaar,
        segment_naam=data.segment_naam,
        gebied=data.gebied,
        gemeentecode=data.gemeentecode,
    )
    if existing is not None:
        raise BudgetBestaatAl(_taken(data))
    budget = Budget(
        jaar=data.jaar,
        segment_naam=data.segment_naam,
        gebied=data.gebied,
        gemeentecode=data.gemeentecode,
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
    await drempels.check_drempels(session, budget)
    return budget


@dataclass(frozen=True)
class Stand:
    verplicht_cents: int
    gerealiseerd_cents: int
    openstaand_cents: int
    prognose_cents: int
    run_rate_prognose_cents: int | None
    prognose_maanden: int


async def stand(session: AsyncSession, budget: Budget) -> Stand:
    """Committed, realised, open and the year-end forecasts of a budget line, in cents."""
    current = await posten.stand(session, budget)
    maanden = _maanden_gedekt(budget.jaar, current.laatste)
    return Stand(
        verplicht_cents=current.verplicht_cents,
        gerealiseerd_cents=current.gerealiseerd_cents,
        openstaand_cents=current.openstaand_cents,
        prognose_cents=current.gerealiseerd_cents + current.openstaand_cents,
        run_rate_prognose_cents=prognose(current.gerealiseerd_cents, maanden),
        prognose_maanden=maanden,
    )


def prognose(gerealiseerd_cents: int, maanden: int) -> int | None:
    """The year-end forecast from the run rate: realised / months covered x 12."""
    if maanden == 0:
        return None
    return to_cents(Decimal(gerealiseerd_cents) * 12 / Decimal(maanden))


def _maanden_gedekt(jaar: int, laatste: date | None) -> int:
    if laatste is None or laatste.year < jaar:
        return 0
    return 12 if laatste.year > jaar else laatste.month


async def create_gemeenteplafond(session: AsyncSession, data: BudgetplafondCreate) -> Budgetplafond:
    """Set a gemeente's ceiling under a contract in a year, beside the regional one; a threshold
    already crossed is announced now (each once)."""
    contract = await contracten.find_contract(session, data.contract_id)
    if contract is None or contract.hoofdaannemer_agb is None:
        raise PlafondContractOnbekend()
    if not contract.ingangsdatum.year <= data.jaar <= contract.einddatum.year:
        raise PlafondJaarBuitenContract(
            f"Het contract loopt van {contract.ingangsdatum.isoformat()} tot en met "
            f"{contract.einddatum.isoformat()}."
        )
    if await repository.find_plafond_van(session, contract.id, data.jaar, data.gemeentecode):
        raise BudgetplafondBestaatAl()
    plafond = Budgetplafond(
        contract_id=contract.id,
        aanbieder_agb=contract.hoofdaannemer_agb,
        segment_id=contract.segment_id,
        jaar=data.jaar,
        gemeentecode=data.gemeentecode,
        plafond_cents=data.plafond_cents,
        drempel_percentages=[Decimal(p) for p in data.drempel_percentages],
    )
    try:
        # Two concurrent requests both pass the check above; the unique index decides.
        async with session.begin_nested():
            session.add(plafond)
    except IntegrityError:
        raise BudgetplafondBestaatAl() from None
    await drempels.check_plafond_drempels(session, plafond)
    return plafond


async def list_budgetten(
    session: AsyncSession,
    *,
    jaar: int | None,
    gemeentecode: str | None,
    segment_id: uuid.UUID | None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[BudgetRead], int]:
    """The budget lines, of the region and per gemeente, with their stand."""
    segment_naam = None
    if segment_id is not None:
        segment = await contracten.find_segment(session, segment_id)
        if segment is None:
            return [], 0
        segment_naam = segment.naam
    rows, count = await repository.list_page(
        session,
        offset=offset,
        limit=limit,
        sortering=sortering,
        jaar=jaar,
        gemeentecode=gemeentecode,
        segment_naam=segment_naam,
    )
    return [await to_read(session, r) for r in rows], count


async def list_plafonds(
    session: AsyncSession,
    viewer: Principal,
    *,
    aanbieder_agb: str | None,
    jaar: int | None,
    segment_id: uuid.UUID | None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[BudgetplafondRead], int]:
    """The ceilings per aanbieder, contract and year; an aanbieder sees only its own."""
    rows, count = await repository.list_plafonds(
        session,
        aanbieder_agb=scoped_agb(viewer, aanbieder_agb),
        jaar=jaar,
        segment_id=segment_id,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    return [await plafond_to_read(session, r) for r in rows], count


async def read_plafond(
    session: AsyncSession, plafond_id: uuid.UUID, viewer: Principal
) -> BudgetplafondRead:
    """One ceiling, for whoever may see it: another aanbieder's is as unknown as a missing one
    (404), so its existence does not leak."""
    plafond = await get_plafond(session, plafond_id)
    if viewer.is_provider_only and viewer.agb != plafond.aanbieder_agb:
        raise BudgetplafondNietGevonden()
    return await plafond_to_read(session, plafond)


async def plafond_to_read(session: AsyncSession, plafond: Budgetplafond) -> BudgetplafondRead:
    per_gemeente = await drempels.besteed_onder(session, plafond)
    return BudgetplafondRead(
        id=plafond.id,
        contract_id=plafond.contract_id,
        aanbieder_agb=plafond.aanbieder_agb,
        segment_id=plafond.segment_id,
        jaar=plafond.jaar,
        gemeentecode=plafond.gemeentecode,
        plafond_cents=plafond.plafond_cents,
        drempel_percentages=[int(p) for p in plafond.drempel_percentages],
        besteed_cents=sum(per_gemeente.values()),
        per_gemeente=[
            {"gemeentecode": gemeente, "besteed_cents": besteed}
            for gemeente, besteed in per_gemeente.items()
        ],
        created_at=plafond.created_at,
    )


async def get_plafond(session: AsyncSession, plafond_id: uuid.UUID) -> Budgetplafond:
    plafond = await repository.find_plafond(session, plafond_id)
    if plafond is None:
        raise BudgetplafondNietGevonden()
    return plafond


async def update_plafond(
    session: AsyncSession, plafond_id: uuid.UUID, data: BudgetplafondUpdate
) -> Budgetplafond:
    """Set a ceiling's thresholds; one already crossed is announced now (each still once)."""
    plafond = await get_plafond(session, plafond_id)
    plafond.drempel_percentages = [Decimal(p) for p in data.drempel_percentages]
    await session.flush()
    await drempels.check_plafond_drempels(session, plafond)
    return plafond


async def to_read(session: AsyncSession, budget: Budget) -> BudgetRead:
    """A budget line as the API shows it, with what is committed, realised and forecast."""
    current = await stand(session, budget)
    return BudgetRead(
        id=budget.id,
        jaar=budget.jaar,
        segment_naam=budget.segment_naam,
        gebied=budget.gebied,
        gemeentecode=budget.gemeentecode,
        bedrag_cents=budget.bedrag_cents,
        drempel_percentages=[int(p) for p in budget.drempel_percentages],
        verplicht_cents=current.verplicht_cents,
        gerealiseerd_cents=current.gerealiseerd_cents,
        openstaand_cents=current.openstaand_cents,
        prognose_cents=current.prognose_cents,
        run_rate_prognose_cents=current.run_rate_prognose_cents,
        prognose_maanden=current.prognose_maanden,
        created_at=budget.created_at,
    )


async def get_budget(session: AsyncSession, budget_id: uuid.UUID) -> Budget:
    budget = await repository.find_by_id(session, budget_id)
    if budget is None:
        raise BudgetNietGevonden()
    return budget


def _taken(data: BudgetCreate) -> str:
    where = f"gebied {data.gebied}" if data.gebied is not None else "de hele regio"
    if data.gemeentecode is not None:
        where += f", gemeente {data.gemeentecode}"
    return f"Er is al een budget {data.jaar} voor {data.segment_naam}, {where}."

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
from wmo_common.events import outbox
from wmo_common.events.finance import BudgetdrempelOverschreden
from wmo_common.lists import Sortering
from wmo_finance.bekostiging import to_cents
from wmo_finance.budgetten import repository
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
from wmo_finance.leesmodellen.contracten.models import Contract


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
    await check_drempels(session, budget)
    return budget


async def check_drempels(
    session: AsyncSession, budget: Budget, sommen: repository.Sommen | None = None
) -> None:
    """Announce each threshold the committed amount has crossed, once per threshold.

    A line is watched on what is committed (verplichtingen and lumpsum), the early signal: what
    is realised never exceeds what was committed for the same toewijzingen. `sommen`: what is
    committed in the line's segment and year, when the caller has it already.
    """
    if budget.bedrag_cents == 0:
        return  # nothing set aside: a percentage of nothing warns nobody
    if sommen is None:
        besteed = await repository.verplicht_cents(session, budget)
    else:
        besteed = repository.verplicht_in(sommen, budget)
    percentage = _percentage(besteed, budget.bedrag_cents)
    segment_id: uuid.UUID | None = None
    for drempel in sorted(budget.drempel_percentages):
        if percentage < drempel:
            break
        if await repository.claim_melding(session, budget.id, drempel, besteed):
            segment_id = segment_id or await repository.find_segment_id(
                session, budget.segment_naam
            )
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
                    gemeentecode=budget.gemeentecode,
                ),
            )


async def check_drempels_for(
    session: AsyncSession,
    *,
    jaar: int,
    segment_id: uuid.UUID | None,
    gebied: str | None,
    gemeentecode: str | None = None,
) -> None:
    """Check the budget lines a changed commitment counts against (its gemeente's too)."""
    if segment_id is None:
        return
    segment = await contracten.find_segment(session, segment_id)
    if segment is None:
        return
    lines = await repository.list_lines_for(
        session, jaar=jaar, segment_naam=segment.naam, gebied=gebied, gemeentecode=gemeentecode
    )
    if not any(budget.bedrag_cents for budget in lines):
        return
    # One query for every line: each is a sum of the segment-year's sums per gebied and gemeente.
    sommen = await repository.verplicht_per_gebied_en_gemeente(
        session, jaar=jaar, segment_naam=segment.naam
    )
    for budget in lines:
        await check_drempels(session, budget, sommen)


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
    current = await repository.stand(session, budget)
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


async def check_plafond(session: AsyncSession, contract: Contract, jaar: int) -> None:
    """Announce each threshold of the aanbieder's ceiling under `contract` in `jaar` that what
    is committed under it has crossed, once per threshold.

    The ceiling is the contract's budgetplafond, else its segment's strategy's; a contract
    without one has nothing to watch.
    """
    if contract.hoofdaannemer_agb is None:
        return
    plafond_cents = contract.budgetplafond_cents
    if plafond_cents is None:
        segment = await contracten.find_segment(session, contract.segment_id)
        plafond_cents = segment.budgetplafond_cents if segment is not None else None
    plafonds = await repository.list_plafonds_of(session, contract.id, jaar)
    if plafond_cents is None and not plafonds:
        return  # no ceiling to set or watch
    besteed = await repository.besteed_per_gemeente(session, contract.id, jaar)
    regionaal = next((p for p in plafonds if p.gemeentecode is None), None)
    if plafond_cents is not None and (
        regionaal is None
        or (regionaal.plafond_cents, regionaal.aanbieder_agb, regionaal.segment_id)
        != (plafond_cents, contract.hoofdaannemer_agb, contract.segment_id)
    ):
        regionaal = await repository.upsert_plafond(
            session,
            contract_id=contract.id,
            aanbieder_agb=contract.hoofdaannemer_agb,
            segment_id=contract.segment_id,
            jaar=jaar,
            plafond_cents=plafond_cents,
        )
    if plafond_cents is not None and regionaal is not None:
        await _check_plafond_drempels(session, regionaal, besteed)
    # The ceilings per gemeente are watched the same way, each over its gemeente's spending.
    for gemeenteplafond in plafonds:
        if gemeenteplafond.gemeentecode is not None:
            await _check_plafond_drempels(session, gemeenteplafond, besteed)


async def check_plafonds_of(session: AsyncSession, contract: Contract) -> None:
    """Every year of a contract gets its ceiling, so its thresholds can be set ahead."""
    for jaar in range(contract.ingangsdatum.year, contract.einddatum.year + 1):
        await check_plafond(session, contract, jaar)


async def _check_plafond_drempels(
    session: AsyncSession,
    plafond: Budgetplafond,
    per_gemeente: dict[str | None, int] | None = None,
) -> None:
    """`per_gemeente`: what is committed under the plafond's contract in its year per gemeente,
    when the caller has it already."""
    if plafond.plafond_cents == 0:
        return  # no ceiling amount: a percentage of nothing warns nobody
    besteed = sum((await _besteed(session, plafond, per_gemeente)).values())
    percentage = _percentage(besteed, plafond.plafond_cents)
    for drempel in sorted(plafond.drempel_percentages):
        if percentage < drempel:
            break
        if await repository.claim_plafondmelding(session, plafond.id, drempel, besteed):
            await outbox.add(
                session,
                BudgetdrempelOverschreden(
                    budget_id=plafond.id,
                    jaar=plafond.jaar,
                    segment_id=plafond.segment_id,
                    budget_cents=plafond.plafond_cents,
                    besteed_cents=besteed,
                    percentage=percentage,
                    drempel_percentage=drempel,
                    soort="budgetplafond",
                    aanbieder_agb=plafond.aanbieder_agb,
                    contract_id=plafond.contract_id,
                    gemeentecode=plafond.gemeentecode,
                ),
            )


async def _besteed(
    session: AsyncSession,
    plafond: Budgetplafond,
    per_gemeente: dict[str | None, int] | None = None,
) -> dict[str | None, int]:
    """What is committed under the ceiling, per gemeente: every gemeente's for the regional
    one, only its own gemeente's for a gemeente's."""
    if per_gemeente is None:
        per_gemeente = await repository.besteed_per_gemeente(
            session, plafond.contract_id, plafond.jaar
        )
    return {
        gemeente: besteed
        for gemeente, besteed in per_gemeente.items()
        if plafond.gemeentecode is None or gemeente == plafond.gemeentecode
    }


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
    await _check_plafond_drempels(session, plafond)
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
    per_gemeente = await _besteed(session, plafond)
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
    await _check_plafond_drempels(session, plafond)
    return plafond


def _percentage(besteed_cents: int, van_cents: int) -> Decimal:
    return (Decimal(besteed_cents) * 100 / Decimal(van_cents)).quantize(Decimal("0.01"))


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

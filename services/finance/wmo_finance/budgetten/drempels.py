"""The thresholds of budget lines and spending ceilings: each announced once, with
`budgetdrempel-overschreden`, when what is committed crosses it. A line watches the committed
sums of its segment-year (one query for every line, `repository.verplicht_per_gebied_en_gemeente`);
a ceiling what is committed under its contract in its year, per gemeente."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events import outbox
from wmo_common.events.finance import BudgetdrempelOverschreden
from wmo_finance.budgetten import repository
from wmo_finance.budgetten.models import Budget, Budgetplafond
from wmo_finance.leesmodellen.contracten import repository as contracten
from wmo_finance.leesmodellen.contracten.models import Contract


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
    await _announce(session, [(budget, besteed)])


async def _announce(session: AsyncSession, lines: list[tuple[Budget, int]]) -> None:
    """Announce the thresholds the lines (each with what is committed on it) have reached and
    that were not announced before. What was announced is read in one query, so a line long
    past its thresholds costs no statement per threshold; the claim still decides when two
    transactions reach the same threshold at once."""
    bereikt = [
        (budget, besteed, drempel)
        for budget, besteed in lines
        for drempel in _reached(budget.drempel_percentages, besteed, budget.bedrag_cents)
    ]
    if not bereikt:
        return
    gemeld = await repository.gemelde_drempels(session, {budget.id for budget, _, _ in bereikt})
    segmenten: dict[str, uuid.UUID | None] = {}
    for budget, besteed, drempel in bereikt:
        if (budget.id, drempel) in gemeld:
            continue
        if await repository.claim_melding(session, budget.id, drempel, besteed):
            if budget.segment_naam not in segmenten:
                segmenten[budget.segment_naam] = await repository.find_segment_id(
                    session, budget.segment_naam
                )
            await outbox.add(
                session,
                BudgetdrempelOverschreden(
                    budget_id=budget.id,
                    jaar=budget.jaar,
                    segment_id=segmenten[budget.segment_naam],
                    gebied=budget.gebied,
                    budget_cents=budget.bedrag_cents,
                    besteed_cents=besteed,
                    percentage=percentage_van(besteed, budget.bedrag_cents),
                    drempel_percentage=drempel,
                    gemeentecode=budget.gemeentecode,
                ),
            )


def _reached(drempels: list[Decimal], besteed_cents: int, van_cents: int) -> list[Decimal]:
    """The thresholds (percentages of `van_cents`) that `besteed_cents` has reached, lowest
    first."""
    percentage = percentage_van(besteed_cents, van_cents)
    return [drempel for drempel in sorted(drempels) if percentage >= drempel]


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
    watched = [budget for budget in lines if budget.bedrag_cents]
    await _announce(session, [(b, repository.verplicht_in(sommen, b)) for b in watched])


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
        await check_plafond_drempels(session, regionaal, besteed)
    # The ceilings per gemeente are watched the same way, each over its gemeente's spending.
    for gemeenteplafond in plafonds:
        if gemeenteplafond.gemeentecode is not None:
            await check_plafond_drempels(session, gemeenteplafond, besteed)


async def check_plafonds_of(session: AsyncSession, contract: Contract) -> None:
    """Every year of a contract gets its ceiling, so its thresholds can be set ahead."""
    for jaar in range(contract.ingangsdatum.year, contract.einddatum.year + 1):
        await check_plafond(session, contract, jaar)


async def check_plafond_drempels(
    session: AsyncSession,
    plafond: Budgetplafond,
    per_gemeente: dict[str | None, int] | None = None,
) -> None:
    """`per_gemeente`: what is committed under the plafond's contract in its year per gemeente,
    when the caller has it already."""
    if plafond.plafond_cents == 0:
        return  # no ceiling amount: a percentage of nothing warns nobody
    besteed = sum((await besteed_onder(session, plafond, per_gemeente)).values())
    bereikt = _reached(plafond.drempel_percentages, besteed, plafond.plafond_cents)
    if not bereikt:
        return
    # As for a budget line: what was announced in one query, a claim only for the rest.
    gemeld = await repository.gemelde_plafonddrempels(session, plafond.id)
    percentage = percentage_van(besteed, plafond.plafond_cents)
    for drempel in bereikt:
        if drempel in gemeld:
            continue
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


async def besteed_onder(
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


def percentage_van(besteed_cents: int, van_cents: int) -> Decimal:
    return (Decimal(besteed_cents) * 100 / Decimal(van_cents)).quantize(Decimal("0.01"))

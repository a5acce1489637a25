from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from decimal import Decimal

from sqlalchemy import func, or_, select, union_all
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Sortering, order_by
from wmo_finance.budgetten.models import (
    Budget,
    Budgetdrempelmelding,
    Budgetplafond,
    Budgetplafondmelding,
)
from wmo_finance.leesmodellen.contracten.models import Contract, Segment
from wmo_finance.lumpsumtermijnen.models import Lumpsumtermijn
from wmo_finance.verplichtingen.models import Verplichting, Verplichtingjaar


async def find_by_id(session: AsyncSession, budget_id: uuid.UUID) -> Budget | None:
    return await session.get(Budget, budget_id)


async def find_line(
    session: AsyncSession,
    *,
    jaar: int,
    segment_naam: str,
    gebied: str | None,
    gemeentecode: str | None = None,
) -> Budget | None:
    query = select(Budget).where(
        Budget.jaar == jaar,
        Budget.segment_naam == segment_naam,
        # IS NOT DISTINCT FROM matches a missing gebied too, like the unique constraint.
        Budget.gebied.is_not_distinct_from(gebied),
        Budget.gemeentecode.is_not_distinct_from(gemeentecode),
    )
    return (await session.execute(query)).scalar_one_or_none()


# The fields the lists of budgetten and budgetplafonds sort on, by their API names.
SORTEERVELDEN = {
    "jaar": Budget.jaar,
    "segmentNaam": Budget.segment_naam,
    "gemeentecode": Budget.gemeentecode,
    "gebied": Budget.gebied,
    "bedragCents": Budget.bedrag_cents,
}
SORTEERVELDEN_PLAFONDS = {
    "jaar": Budgetplafond.jaar,
    "aanbiederAgb": Budgetplafond.aanbieder_agb,
    "plafondCents": Budgetplafond.plafond_cents,
}


async def list_page(
    session: AsyncSession,
    *,
    offset: int,
    limit: int,
    sortering: Sequence[Sortering],
    jaar: int | None = None,
    gemeentecode: str | None = None,
    segment_naam: str | None = None,
) -> tuple[Sequence[Budget], int]:
    query = select(Budget)
    if jaar is not None:
        query = query.where(Budget.jaar == jaar)
    if gemeentecode is not None:
        query = query.where(Budget.gemeentecode == gemeentecode)
    if segment_naam is not None:
        query = query.where(Budget.segment_naam == segment_naam)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    # Within equal sort values the regional line comes before a gemeente's or gebied's.
    ordered = query.order_by(
        *order_by(
            sortering,
            SORTEERVELDEN,
            Budget.id,
            daarna=(Budget.gemeentecode.asc().nulls_first(), Budget.gebied.asc().nulls_first()),
        )
    )
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count


async def find_segment_id(session: AsyncSession, segment_naam: str) -> uuid.UUID | None:
    query = select(Segment.id).where(Segment.naam == segment_naam).order_by(Segment.id).limit(1)
    return (await session.execute(query)).scalar_one_or_none()


async def list_lines_for(
    session: AsyncSession,
    *,
    jaar: int,
    segment_naam: str,
    gebied: str | None,
    gemeentecode: str | None = None,
) -> Sequence[Budget]:
    """The lines a commitment counts against: regional or of its gebied, for the whole region
    or for its gemeente."""
    query = select(Budget).where(
        Budget.jaar == jaar,
        Budget.segment_naam == segment_naam,
        or_(Budget.gebied.is_(None), Budget.gebied == gebied),
        or_(Budget.gemeentecode.is_(None), Budget.gemeentecode == gemeentecode),
    )
    return (await session.execute(query.order_by(Budget.id))).scalars().all()


Sommen = dict[tuple[str | None, str | None], int]
"""What is committed in a segment's year per (gebied, gemeentecode) of the verplichtingen and
lumpsum termijnen: every budget line of that year and segment is a sum of some of these."""


async def verplicht_per_gebied_en_gemeente(
    session: AsyncSession, *, jaar: int, segment_naam: str
) -> Sommen:
    """Committed in a segment's year: the verplichtingen' parts in the year and the lumpsum
    fixed for it (a lumpsum is committed as a whole when it is set), per gebied and gemeente.
    The same sums as `stand`'s committed column, without what is realised: a threshold watches
    only what is committed."""
    delen = (
        select(
            Verplichting.gebied.label("gebied"),
            Verplichting.gemeentecode.label("gemeentecode"),
            Verplichtingjaar.bedrag_cents.label("bedrag"),
        )
        .join(Verplichting, Verplichting.id == Verplichtingjaar.verplichting_id)
        .join(Segment, Segment.id == Verplichting.segment_id)
        .where(Verplichtingjaar.jaar == jaar, Segment.naam == segment_naam)
    )
    lumpsum = (
        select(Lumpsumtermijn.gebied, Lumpsumtermijn.gemeentecode, Lumpsumtermijn.bedrag_cents)
        .join(Contract, Contract.id == Lumpsumtermijn.contract_id)
        .join(Segment, Segment.id == Contract.segment_id)
        .where(Lumpsumtermijn.jaar == jaar, Segment.naam == segment_naam)
    )
    posten = union_all(delen, lumpsum).subquery()
    query = select(posten.c.gebied, posten.c.gemeentecode, func.sum(posten.c.bedrag)).group_by(
        posten.c.gebied, posten.c.gemeentecode
    )
    return {(g, m): int(bedrag) for g, m, bedrag in (await session.execute(query)).all()}


def verplicht_in(sommen: Sommen, budget: Budget) -> int:
    """What a line counts of its segment-year's sums: all of them, or its gebied's and/or its
    gemeente's (a lumpsum for a whole contract, without gebied, counts on lines without one)."""
    return sum(
        bedrag
        for (gebied, gemeentecode), bedrag in sommen.items()
        if budget.gebied in (None, gebied) and budget.gemeentecode in (None, gemeentecode)
    )


async def verplicht_cents(session: AsyncSession, budget: Budget) -> int:
    """Committed on one budget line."""
    sommen = await verplicht_per_gebied_en_gemeente(
        session, jaar=budget.jaar, segment_naam=budget.segment_naam
    )
    return verplicht_in(sommen, budget)


async def gemelde_drempels(
    session: AsyncSession, budget_ids: Collection[uuid.UUID]
) -> set[tuple[uuid.UUID, Decimal]]:
    """The thresholds already announced of the lines `budget_ids`, as (line, threshold)."""
    query = select(Budgetdrempelmelding.budget_id, Budgetdrempelmelding.drempel_percentage).where(
        Budgetdrempelmelding.budget_id.in_(budget_ids)
    )
    return {(budget_id, drempel) for budget_id, drempel in (await session.execute(query)).all()}


async def claim_melding(
    session: AsyncSession, budget_id: uuid.UUID, drempel: Decimal, besteed_cents: int
) -> bool:
    """Record that a threshold was crossed; False when it was recorded before."""
    result = await session.execute(
        insert(Budgetdrempelmelding)
        .values(
            id=uuid.uuid4(),
            budget_id=budget_id,
            drempel_percentage=drempel,
            besteed_cents=besteed_cents,
            created_at=func.now(),
        )
        .on_conflict_do_nothing(index_elements=["budget_id", "drempel_percentage"])
        .returning(Budgetdrempelmelding.id)
    )
    return result.first() is not None


async def upsert_plafond(
    session: AsyncSession,
    *,
    contract_id: uuid.UUID,
    aanbieder_agb: str,
    segment_id: uuid.UUID,
    jaar: int,
    plafond_cents: int,
) -> Budgetplafond:
    """The regional ceiling of a contract in a year, with its amount as the bekostiging sets
    it now."""
    statement = insert(Budgetplafond).values(
        id=uuid.uuid4(),
        contract_id=contract_id,
        aanbieder_agb=aanbieder_agb,
        segment_id=segment_id,
        jaar=jaar,
        plafond_cents=plafond_cents,
        created_at=func.now(),
        updated_at=func.now(),
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Budgetplafond.contract_id, Budgetplafond.jaar],
            index_where=Budgetplafond.gemeentecode.is_(None),
            set_={
                "aanbieder_agb": statement.excluded.aanbieder_agb,
                "segment_id": statement.excluded.segment_id,
                "plafond_cents": statement.excluded.plafond_cents,
                "updated_at": func.now(),
            },
        )
    )
    query = select(Budgetplafond).where(
        Budgetplafond.contract_id == contract_id,
        Budgetplafond.jaar == jaar,
        Budgetplafond.gemeentecode.is_(None),
    )
    return (await session.execute(query.execution_options(populate_existing=True))).scalar_one()


async def list_plafonds_of(
    session: AsyncSession, contract_id: uuid.UUID, jaar: int
) -> Sequence[Budgetplafond]:
    """The ceilings under a contract in a year: the regional one first, then per gemeente."""
    query = select(Budgetplafond).where(
        Budgetplafond.contract_id == contract_id, Budgetplafond.jaar == jaar
    )
    ordered = query.order_by(Budgetplafond.gemeentecode.nulls_first())
    # Fresh from the table: an upsert earlier in the transaction bypasses the identity map.
    return (
        (await session.execute(ordered.execution_options(populate_existing=True))).scalars().all()
    )


async def find_plafond_van(
    session: AsyncSession, contract_id: uuid.UUID, jaar: int, gemeentecode: str | None
) -> Budgetplafond | None:
    query = select(Budgetplafond).where(
        Budgetplafond.contract_id == contract_id,
        Budgetplafond.jaar == jaar,
        Budgetplafond.gemeentecode.is_(None)
        if gemeentecode is None
        else Budgetplafond.gemeentecode == gemeentecode,
    )
    return (await session.execute(query)).scalar_one_or_none()


async def find_plafond(session: AsyncSession, plafond_id: uuid.UUID) -> Budgetplafond | None:
    return await session.get(Budgetplafond, plafond_id)


async def list_plafonds(
    session: AsyncSession,
    *,
    aanbieder_agb: str | None,
    jaar: int | None,
    segment_id: uuid.UUID | None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[Sequence[Budgetplafond], int]:
    query = select(Budgetplafond)
    if segment_id is not None:
        query = query.where(Budgetplafond.segment_id == segment_id)
    if aanbieder_agb is not None:
        query = query.where(Budgetplafond.aanbieder_agb == aanbieder_agb)
    if jaar is not None:
        query = query.where(Budgetplafond.jaar == jaar)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(
        *order_by(
            sortering,
            SORTEERVELDEN_PLAFONDS,
            Budgetplafond.id,
            daarna=(Budgetplafond.contract_id.asc(),),
        )
    )
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count


async def besteed_onder_contract(session: AsyncSession, contract_id: uuid.UUID, jaar: int) -> int:
    """Committed under a contract in a year: the parts of its verplichtingen in that year."""
    return sum((await besteed_per_gemeente(session, contract_id, jaar)).values())


async def besteed_per_gemeente(
    session: AsyncSession, contract_id: uuid.UUID, jaar: int
) -> dict[str | None, int]:
    """Committed under a contract in a year, per gemeente that pays."""
    query = (
        select(Verplichting.gemeentecode, func.sum(Verplichtingjaar.bedrag_cents))
        .join(Verplichtingjaar, Verplichtingjaar.verplichting_id == Verplichting.id)
        .where(Verplichting.contract_id == contract_id, Verplichtingjaar.jaar == jaar)
        .group_by(Verplichting.gemeentecode)
        .order_by(Verplichting.gemeentecode.nulls_first())
    )
    return {gemeente: int(bedrag) for gemeente, bedrag in (await session.execute(query)).all()}


async def gemelde_plafonddrempels(session: AsyncSession, plafond_id: uuid.UUID) -> set[Decimal]:
    """The thresholds of a ceiling already announced."""
    query = select(Budgetplafondmelding.drempel_percentage).where(
        Budgetplafondmelding.budgetplafond_id == plafond_id
    )
    return set((await session.execute(query)).scalars().all())


async def claim_plafondmelding(
    session: AsyncSession, plafond_id: uuid.UUID, drempel: Decimal, besteed_cents: int
) -> bool:
    """Record that a ceiling's threshold was crossed; False when it was recorded before."""
    result = await session.execute(
        insert(Budgetplafondmelding)
        .values(
            id=uuid.uuid4(),
            budgetplafond_id=plafond_id,
            drempel_percentage=drempel,
            besteed_cents=besteed_cents,
            created_at=func.now(),
        )
        .on_conflict_do_nothing(index_elements=["budgetplafond_id", "drempel_percentage"])
        .returning(Budgetplafondmelding.id)
    )
    return result.first() is not None

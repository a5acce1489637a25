"""The posten of a budget year: one row per verplichting (its part in the year, what is
realised on it that year, what stays open) and per lumpsum termijn; a budget line's stand and
the spending overview (`uitgaven`) sum them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Subquery, case, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.budgetten.models import Budget
from wmo_finance.declaraties.models import Prestatie
from wmo_finance.leesmodellen.contracten.models import Contract, Segment
from wmo_finance.lumpsumtermijnen.models import Lumpsumtermijn
from wmo_finance.outputbetalingen.models import Outputbetaling
from wmo_finance.verplichtingen.models import Verplichting, Verplichtingjaar


@dataclass(frozen=True)
class Stand:
    """Committed, realised and still open (committed, not yet realised) in cents, and the last
    day the realisation covers."""

    verplicht_cents: int
    gerealiseerd_cents: int
    openstaand_cents: int
    laatste: date | None


def verplichting_posten(jaar: int) -> Subquery:
    """One row per verplichting with a part in `jaar` or realised in it: its part, what is
    realised on it that year (approved declaratie lines, debit minus credit, by their begin
    date; outputgericht payments by the day they became payable) and what stays open."""
    signed = case(
        (Prestatie.debet_credit == "C", -Prestatie.toegekend_bedrag_cents),
        else_=Prestatie.toegekend_bedrag_cents,
    )
    gedeclareerd = (
        select(
            Prestatie.toewijzing_id.label("toewijzing_id"),
            func.sum(signed).label("bedrag"),
            func.max(Prestatie.einddatum).label("laatste"),
        )
        .where(
            Prestatie.is_goedgekeurd.is_(True),
            func.extract("year", Prestatie.begindatum) == jaar,
        )
        .group_by(Prestatie.toewijzing_id)
        .subquery()
    )
    betaald = (
        select(
            Outputbetaling.verplichting_id.label("verplichting_id"),
            func.sum(Outputbetaling.bedrag_cents).label("bedrag"),
            func.max(Outputbetaling.betaalbaar_op).label("laatste"),
        )
        .where(func.extract("year", Outputbetaling.betaalbaar_op) == jaar)
        .group_by(Outputbetaling.verplichting_id)
        .subquery()
    )
    deel = (
        select(Verplichtingjaar.verplichting_id, Verplichtingjaar.bedrag_cents)
        .where(Verplichtingjaar.jaar == jaar)
        .subquery()
    )
    verplicht = func.coalesce(deel.c.bedrag_cents, 0)
    gerealiseerd = func.coalesce(gedeclareerd.c.bedrag, 0) + func.coalesce(betaald.c.bedrag, 0)
    return (
        select(
            Verplichting.gemeentecode.label("gemeentecode"),
            Verplichting.segment_id.label("segment_id"),
            Verplichting.gebied.label("gebied"),
            Verplichting.bekostigingsmodel.label("bekostigingsmodel"),
            verplicht.label("verplicht"),
            gerealiseerd.label("gerealiseerd"),
            func.greatest(verplicht - gerealiseerd, 0).label("openstaand"),
            func.greatest(gedeclareerd.c.laatste, betaald.c.laatste).label("laatste"),
        )
        .outerjoin(deel, deel.c.verplichting_id == Verplichting.id)
        .outerjoin(gedeclareerd, gedeclareerd.c.toewijzing_id == Verplichting.toewijzing_id)
        .outerjoin(betaald, betaald.c.verplichting_id == Verplichting.id)
        .where(
            or_(
                deel.c.verplichting_id.is_not(None),
                gedeclareerd.c.toewijzing_id.is_not(None),
                betaald.c.verplichting_id.is_not(None),
            )
        )
        .subquery()
    )


def lumpsum_posten(jaar: int) -> Subquery:
    """One row per lumpsum termijn of `jaar`: committed whole, realised when paid."""
    is_betaald = Lumpsumtermijn.betaald_op.is_not(None)
    return (
        select(
            Lumpsumtermijn.gemeentecode.label("gemeentecode"),
            Contract.segment_id.label("segment_id"),
            Lumpsumtermijn.gebied.label("gebied"),
            literal("taakgericht").label("bekostigingsmodel"),
            Lumpsumtermijn.bedrag_cents.label("verplicht"),
            case((is_betaald, Lumpsumtermijn.bedrag_cents), else_=0).label("gerealiseerd"),
            case((is_betaald, 0), else_=Lumpsumtermijn.bedrag_cents).label("openstaand"),
            case((is_betaald, Lumpsumtermijn.periode_eind), else_=None).label("laatste"),
        )
        .join(Contract, Contract.id == Lumpsumtermijn.contract_id)
        .where(Lumpsumtermijn.jaar == jaar)
        .subquery()
    )


async def stand(session: AsyncSession, budget: Budget) -> Stand:
    """The line's year, segment and (when set) gebied and gemeente, over verplichtingen and
    lumpsum. A lumpsum for a whole contract (no gebied) counts on lines without a gebied."""
    totals = [0, 0, 0]
    laatste: date | None = None
    for posten in (verplichting_posten(budget.jaar), lumpsum_posten(budget.jaar)):
        conditions = [Segment.naam == budget.segment_naam]
        if budget.gebied is not None:
            conditions.append(posten.c.gebied == budget.gebied)
        if budget.gemeentecode is not None:
            conditions.append(posten.c.gemeentecode == budget.gemeentecode)
        query = (
            select(
                func.coalesce(func.sum(posten.c.verplicht), 0),
                func.coalesce(func.sum(posten.c.gerealiseerd), 0),
                func.coalesce(func.sum(posten.c.openstaand), 0),
                func.max(posten.c.laatste),
            )
            .join(Segment, Segment.id == posten.c.segment_id)
            .where(*conditions)
        )
        verplicht, gerealiseerd, openstaand, last = (await session.execute(query)).one()
        totals = [
            totals[0] + int(verplicht),
            totals[1] + int(gerealiseerd),
            totals[2] + int(openstaand),
        ]
        if last is not None and (laatste is None or last > laatste):
            laatste = last
    return Stand(totals[0], totals[1], totals[2], laatste)

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import fields
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING

from sqlalchemy import String, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Periode, Sortering, order_by, within
from wmo_finance.declaraties.models import (
    BeoordeeldePrestatie,
    Betaalbatch,
    Declaratie,
    Prestatie,
)

if TYPE_CHECKING:
    import asyncpg

# The fields the lists of declaraties and betaalbatches sort on, by their API names.
SORTEERVELDEN = {
    "beoordeeldAt": Declaratie.beoordeeld_at,
    "declaratiedatum": Declaratie.declaratiedatum,
    "declaratienummer": Declaratie.declaratienummer,
    "periodeBegin": Declaratie.periode_begin,
    "totaalIngediendCents": Declaratie.totaal_ingediend_cents,
}
SORTEERVELDEN_BETAALBATCHES = {
    "periode": Betaalbatch.periode,
    "aanbiederAgb": Betaalbatch.aanbieder_agb,
    "gemeentecode": Betaalbatch.gemeentecode,
    "bedragCents": Betaalbatch.bedrag_cents,
}
_PRESTATIEKOLOMMEN = tuple(f.name for f in fields(BeoordeeldePrestatie))
_prestatiewaarden = attrgetter(*_PRESTATIEKOLOMMEN)
_ALLES = Periode(None, None)
_NIEUWSTE_EERST = (Sortering("beoordeeldAt", aflopend=True),)
_BATCHVOLGORDE = (
    Sortering("periode", aflopend=True),
    Sortering("aanbiederAgb", aflopend=False),
    Sortering("gemeentecode", aflopend=False),
)


async def find_by_id(session: AsyncSession, declaratie_id: uuid.UUID) -> Declaratie | None:
    return await session.get(Declaratie, declaratie_id)


async def find_by_bericht(session: AsyncSession, bericht_id: uuid.UUID) -> Declaratie | None:
    query = select(Declaratie).where(Declaratie.bericht_id == bericht_id)
    return (await session.execute(query)).scalar_one_or_none()


async def used_referenties(
    session: AsyncSession, aanbieder_agb: str, referenties: Collection[str]
) -> set[str]:
    """Which of these ReferentieNummers the aanbieder used in a line judged before (TR314)."""
    # One array parameter, not one bind parameter per referentie of a thousand-line declaratie.
    gezocht = bindparam("referenties", list(referenties), type_=ARRAY(String))
    query = select(Prestatie.referentie).where(
        Prestatie.aanbieder_agb == aanbieder_agb,
        Prestatie.referentie == any_(gezocht),
        Prestatie.is_beoordeeld.is_(True),
    )
    return set((await session.execute(query.distinct())).scalars().all())


async def find_goedgekeurde_debet(
    session: AsyncSession, aanbieder_agb: str, referentie: str
) -> Prestatie | None:
    query = select(Prestatie).where(
        Prestatie.aanbieder_agb == aanbieder_agb,
        Prestatie.referentie == referentie,
        Prestatie.debet_credit == "D",
        Prestatie.is_goedgekeurd.is_(True),
    )
    return (await session.execute(query.limit(1))).scalar_one_or_none()


async def list_lopende_debets(
    session: AsyncSession, toewijzing_ids: Collection[uuid.UUID]
) -> Sequence[Prestatie]:
    """Approved debit lines of these toewijzingen that were not credited: what counts as
    delivered."""
    query = select(Prestatie).where(
        Prestatie.toewijzing_id.in_(toewijzing_ids),
        Prestatie.debet_credit == "D",
        Prestatie.is_goedgekeurd.is_(True),
        Prestatie.is_gecrediteerd.is_(False),
    )
    return (await session.execute(query)).scalars().all()


async def list_prestaties(session: AsyncSession, declaratie_id: uuid.UUID) -> Sequence[Prestatie]:
    query = select(Prestatie).where(Prestatie.declaratie_id == declaratie_id)
    return (await session.execute(query.order_by(Prestatie.volgnummer))).scalars().all()


async def add_prestaties(session: AsyncSession, prestaties: Sequence[BeoordeeldePrestatie]) -> None:
    """Write judged lines with one COPY on the session's own connection, inside its transaction
    (the lock and the declaratie were written in it before): a rollback takes them back with
    everything else. No ORM object, no unit of work: they are not in the identity map, and a
    later query of this transaction reads them from the table."""
    if not prestaties:
        return
    raw = await (await session.connection()).get_raw_connection()
    driver: asyncpg.Connection = raw.driver_connection
    await driver.copy_records_to_table(
        Prestatie.__tablename__,
        columns=_PRESTATIEKOLOMMEN,
        records=[_prestatiewaarden(p) for p in prestaties],
    )


async def add_to_batch(
    session: AsyncSession,
    *,
    aanbieder_agb: str,
    gemeentecode: str,
    periode: date,
    bedrag_cents: int,
    aantal: int,
    outputbetalingen_cents: int = 0,
) -> None:
    """Add to what a gemeente pays an aanbieder for a month (`outputbetalingen_cents` of
    `bedrag_cents` made payable by outputgericht financing, the rest by declaraties)."""
    statement = insert(Betaalbatch).values(
        id=uuid.uuid4(),
        aanbieder_agb=aanbieder_agb,
        gemeentecode=gemeentecode,
        periode=periode,
        bedrag_cents=bedrag_cents,
        outputbetalingen_cents=outputbetalingen_cents,
        aantal_prestaties=aantal,
        updated_at=func.now(),
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[
                Betaalbatch.aanbieder_agb,
                Betaalbatch.gemeentecode,
                Betaalbatch.periode,
            ],
            set_={
                "bedrag_cents": Betaalbatch.bedrag_cents + statement.excluded.bedrag_cents,
                "outputbetalingen_cents": Betaalbatch.outputbetalingen_cents
                + statement.excluded.outputbetalingen_cents,
                "aantal_prestaties": Betaalbatch.aantal_prestaties
                + statement.excluded.aantal_prestaties,
                "updated_at": func.now(),
            },
        )
    )


async def list_page(
    session: AsyncSession,
    *,
    aanbieder_agb: str | None,
    gemeentecode: str | None = None,
    retourcode: str | None = None,
    periode: Periode = _ALLES,
    sortering: Sequence[Sortering] = _NIEUWSTE_EERST,
    offset: int,
    limit: int,
) -> tuple[Sequence[Declaratie], int]:
    """Judged declaraties; `periode` is on the declaratiedatum."""
    query = select(Declaratie).where(*within(Declaratie.declaratiedatum, periode))
    if aanbieder_agb is not None:
        query = query.where(Declaratie.aanbieder_agb == aanbieder_agb)
    if gemeentecode is not None:
        query = query.where(Declaratie.gemeentecode == gemeentecode)
    if retourcode is not None:
        query = query.where(Declaratie.retourcode == retourcode)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(*order_by(sortering, SORTEERVELDEN, Declaratie.id))
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count


async def list_batches(
    session: AsyncSession,
    *,
    aanbieder_agb: str | None,
    gemeentecode: str | None = None,
    periode: Periode = _ALLES,
    sortering: Sequence[Sortering] = _BATCHVOLGORDE,
    offset: int,
    limit: int,
) -> tuple[Sequence[Betaalbatch], int]:
    """Betaalbatches; `periode` is on the declaratiemaand (its first day)."""
    query = select(Betaalbatch).where(*within(Betaalbatch.periode, periode))
    if aanbieder_agb is not None:
        query = query.where(Betaalbatch.aanbieder_agb == aanbieder_agb)
    if gemeentecode is not None:
        query = query.where(Betaalbatch.gemeentecode == gemeentecode)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(*order_by(sortering, SORTEERVELDEN_BETAALBATCHES, Betaalbatch.id))
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count

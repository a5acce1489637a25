from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Sortering, order_by
from wmo_finance.cak_meldingen.models import (
    CakMelding,
    EigenBijdragePeriode,
    EigenBijdrageProduct,
    Zorgperiode,
)


async def list_product_rules(session: AsyncSession) -> Sequence[EigenBijdrageProduct]:
    query = select(EigenBijdrageProduct).order_by(
        EigenBijdrageProduct.categorie,
        EigenBijdrageProduct.code.nulls_first(),
        EigenBijdrageProduct.id,
    )
    return (await session.execute(query)).scalars().all()


async def find_product_rule(
    session: AsyncSession, rule_id: uuid.UUID
) -> EigenBijdrageProduct | None:
    return await session.get(EigenBijdrageProduct, rule_id)


async def find_product_rule_for(
    session: AsyncSession, categorie: str, code: str | None
) -> EigenBijdrageProduct | None:
    query = select(EigenBijdrageProduct).where(
        EigenBijdrageProduct.categorie == categorie,
        EigenBijdrageProduct.code.is_not_distinct_from(code),
    )
    return (await session.execute(query)).scalar_one_or_none()


async def upsert_zorgperiode(session: AsyncSession, values: dict[str, object]) -> None:
    """Record a reported start or stop; a withdrawal, once recorded, is never undone."""
    statement = insert(Zorgperiode).values(id=uuid.uuid4(), updated_at=func.now(), **values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[
                Zorgperiode.gemeentecode,
                Zorgperiode.aanbieder_agb,
                Zorgperiode.toewijzingnummer,
                Zorgperiode.begindatum,
                Zorgperiode.einddatum,
            ],
            set_={
                "is_verwijderd": Zorgperiode.is_verwijderd | statement.excluded.is_verwijderd,
                "updated_at": func.now(),
            },
        )
    )


async def list_zorgperioden(
    session: AsyncSession, client_pseudonym: str, gemeentecode: str
) -> Sequence[Zorgperiode]:
    query = select(Zorgperiode).where(
        Zorgperiode.client_pseudonym == client_pseudonym,
        Zorgperiode.gemeentecode == gemeentecode,
        Zorgperiode.is_verwijderd.is_(False),
    )
    return (
        (await session.execute(query.order_by(Zorgperiode.begindatum, Zorgperiode.id)))
        .scalars()
        .all()
    )


async def list_clients_with_product(
    session: AsyncSession, categorie: str, code: str | None
) -> Sequence[tuple[str, str]]:
    """(pseudonym, gemeentecode) of everyone with reported care in a categorie (or one code)."""
    query = select(Zorgperiode.client_pseudonym, Zorgperiode.gemeentecode).where(
        Zorgperiode.categorie == categorie
    )
    if code is not None:
        query = query.where(Zorgperiode.code == code)
    rows = await session.execute(
        query.distinct().order_by(Zorgperiode.client_pseudonym, Zorgperiode.gemeentecode)
    )
    return [(pseudonym, gemeente) for pseudonym, gemeente in rows.all()]


async def list_perioden(
    session: AsyncSession, client_pseudonym: str, gemeentecode: str, soort: str
) -> Sequence[EigenBijdragePeriode]:
    query = select(EigenBijdragePeriode).where(
        EigenBijdragePeriode.client_pseudonym == client_pseudonym,
        EigenBijdragePeriode.gemeentecode == gemeentecode,
        EigenBijdragePeriode.soort == soort,
        EigenBijdragePeriode.is_ingetrokken.is_(False),
    )
    ordered = query.order_by(EigenBijdragePeriode.startdatum, EigenBijdragePeriode.id)
    return (await session.execute(ordered)).scalars().all()


async def list_meldingen_van(session: AsyncSession, periode_id: uuid.UUID) -> Sequence[CakMelding]:
    query = select(CakMelding).where(CakMelding.periode_id == periode_id)
    return (
        (await session.execute(query.order_by(CakMelding.created_at, CakMelding.id)))
        .scalars()
        .all()
    )


async def delete_melding(session: AsyncSession, melding: CakMelding) -> None:
    await session.execute(delete(CakMelding).where(CakMelding.id == melding.id))


async def find_melding(session: AsyncSession, melding_id: uuid.UUID) -> CakMelding | None:
    return await session.get(CakMelding, melding_id)


# The fields a list of CAK-meldingen sorts on, by their API names.
SORTEERVELDEN = {
    "uitersteVerzenddatum": CakMelding.uiterste_verzenddatum,
    "startdatum": CakMelding.startdatum,
    "status": CakMelding.status,
    "createdAt": CakMelding.created_at,
}
_EERST_TE_VERZENDEN = (Sortering("uitersteVerzenddatum", aflopend=False),)


@dataclass(frozen=True)
class Filter:
    status: str | None = None
    berichtcode: str | None = None
    gemeentecode: str | None = None
    sortering: Sequence[Sortering] = _EERST_TE_VERZENDEN


async def list_page(
    session: AsyncSession, where: Filter, *, offset: int, limit: int
) -> tuple[Sequence[CakMelding], int]:
    query = select(CakMelding)
    if where.status is not None:
        query = query.where(CakMelding.status == where.status)
    if where.berichtcode is not None:
        query = query.where(CakMelding.berichtcode == where.berichtcode)
    if where.gemeentecode is not None:
        query = query.where(CakMelding.gemeentecode == where.gemeentecode)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(
        *order_by(
            where.sortering, SORTEERVELDEN, CakMelding.id, daarna=(CakMelding.created_at.asc(),)
        )
    )
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count

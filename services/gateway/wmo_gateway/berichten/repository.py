from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_gateway.berichten.models import Bericht, BerichtStatus


async def lock_key(
    session: AsyncSession, aanbieder_agb: str, berichtsoort: str, ident: str
) -> None:
    """Serialise work on one bericht key until the transaction ends (two posts at once)."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": f"bericht:{aanbieder_agb}:{berichtsoort}:{ident}"},
    )


async def find_by_key(
    session: AsyncSession, aanbieder_agb: str, berichtsoort: str, ident: str
) -> Bericht | None:
    query = select(Bericht).where(
        Bericht.aanbieder_agb == aanbieder_agb,
        Bericht.berichtsoort == berichtsoort,
        Bericht.berichtidentificatie == ident,
    )
    return (await session.execute(query)).scalar_one_or_none()


async def get(
    session: AsyncSession, bericht_id: uuid.UUID, *, for_update: bool = False
) -> Bericht | None:
    query = select(Bericht).where(Bericht.id == bericht_id)
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def used_referenties(
    session: AsyncSession, aanbieder_agb: str, exclude: uuid.UUID
) -> frozenset[str]:
    """ReferentieAanbieder values of this aanbieder's accepted 315s and 317s (TR347)."""
    query = select(func.unnest(Bericht.referenties)).where(
        Bericht.aanbieder_agb == aanbieder_agb,
        Bericht.berichtsoort.in_(["WMO315", "WMO317"]),
        Bericht.status == BerichtStatus.GEACCEPTEERD,
        Bericht.id != exclude,
    )
    return frozenset((await session.execute(query)).scalars())


async def used_declaratienummers(
    session: AsyncSession, aanbieder_agb: str, exclude: uuid.UUID
) -> frozenset[str]:
    """DeclaratieNummers of this aanbieder's accepted 323s (TR333)."""
    query = select(func.unnest(Bericht.referenties)).where(
        Bericht.aanbieder_agb == aanbieder_agb,
        Bericht.berichtsoort == "WMO323",
        Bericht.status == BerichtStatus.GEACCEPTEERD,
        Bericht.id != exclude,
    )
    return frozenset((await session.execute(query)).scalars())


async def find_verzoek(
    session: AsyncSession, aanbieder_agb: str, referentie: str
) -> Bericht | None:
    query = (
        select(Bericht)
        .where(
            Bericht.aanbieder_agb == aanbieder_agb,
            Bericht.berichtsoort.in_(["WMO315", "WMO317"]),
            Bericht.status == BerichtStatus.GEACCEPTEERD,
            Bericht.referenties.contains([referentie]),
        )
        .with_for_update()
    )
    return (await session.execute(query.limit(1))).scalar_one_or_none()


@dataclass(frozen=True)
class Zoekvraag:
    berichtidentificatie: str | None = None
    berichtsoort: str | None = None
    aanbieder_agb: str | None = None
    toewijzingnummer: str | None = None
    status: str | None = None
    ontvangen_vanaf: datetime | None = None
    ontvangen_tot: datetime | None = None


def _filtered(vraag: Zoekvraag) -> Select[Bericht]:
    query = select(Bericht)
    if vraag.berichtidentificatie is not None:
        query = query.where(Bericht.berichtidentificatie == vraag.berichtidentificatie)
    if vraag.berichtsoort is not None:
        query = query.where(Bericht.berichtsoort == vraag.berichtsoort)
    if vraag.aanbieder_agb is not None:
        query = query.where(Bericht.aanbieder_agb == vraag.aanbieder_agb)
    if vraag.toewijzingnummer is not None:
        query = query.where(Bericht.toewijzingnummers.contains([vraag.toewijzingnummer]))
    if vraag.status is not None:
        query = query.where(Bericht.status == vraag.status)
    if vraag.ontvangen_vanaf is not None:
        query = query.where(Bericht.received_at >= vraag.ontvangen_vanaf)
    if vraag.ontvangen_tot is not None:
        query = query.where(Bericht.received_at < vraag.ontvangen_tot)
    return query


async def search(
    session: AsyncSession, vraag: Zoekvraag, *, offset: int, limit: int
) -> tuple[Sequence[Bericht], int]:
    query = _filtered(vraag)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    ordered = query.order_by(Bericht.received_at.desc(), Bericht.id)
    rows = (await session.execute(ordered.offset(offset).limit(limit))).scalars().all()
    return rows, count


async def rejection_counts(
    session: AsyncSession, *, vanaf: datetime | None, tot: datetime | None
) -> Sequence[tuple[str, str, int]]:
    """(aanbieder, retour code, number of berichten with that code), most first; a 323 whose
    lines the gateway rejected counts too, though its other lines went on to finance."""
    finding = func.jsonb_array_elements(Bericht.findings).table_valued("value").alias("finding")
    code = finding.c.value.op("->>")("code")
    query = (
        select(Bericht.aanbieder_agb, code.label("code"), func.count(func.distinct(Bericht.id)))
        .select_from(Bericht)
        .join(finding, text("true"))
        .group_by(Bericht.aanbieder_agb, code)
        .order_by(func.count(func.distinct(Bericht.id)).desc(), Bericht.aanbieder_agb, code)
    )
    if vanaf is not None:
        query = query.where(Bericht.received_at >= vanaf)
    if tot is not None:
        query = query.where(Bericht.received_at < tot)
    return [(a, c, n) for a, c, n in (await session.execute(query)).all()]

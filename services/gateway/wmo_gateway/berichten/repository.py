from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.lists import Sortering, order_by
from wmo_gateway.berichten.models import (
    Bericht,
    BerichtStatus,
    Levering,
    Transportsleutel,
)


async def _lock(session: AsyncSession, key: str) -> None:
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key}
    )


async def lock_key(
    session: AsyncSession, aanbieder_agb: str, berichtsoort: str, ident: str
) -> None:
    """Serialise work on one bericht key until the transaction ends (two posts at once)."""
    await _lock(session, f"bericht:{aanbieder_agb}:{berichtsoort}:{ident}")


async def lock_transportsleutel(session: AsyncSession, aanbieder_agb: str, sleutel: str) -> None:
    """Serialise two retries with one transport key until the transaction ends."""
    await _lock(session, f"transportsleutel:{aanbieder_agb}:{sleutel}")


async def lock_aanbieder(session: AsyncSession, aanbieder_agb: str) -> None:
    """One aanbieder's berichten are judged one at a time: each sees what the one before it
    recorded (a start before its stop, a verzoek before the next, a DeclaratieNummer)."""
    await _lock(session, f"beoordeling:{aanbieder_agb}")


async def find_by_key(
    session: AsyncSession, aanbieder_agb: str, berichtsoort: str, ident: str
) -> Bericht | None:
    """The bericht that holds this key (TR056); a later reuse of it (dubbel) does not."""
    query = select(Bericht).where(
        Bericht.aanbieder_agb == aanbieder_agb,
        Bericht.berichtsoort == berichtsoort,
        Bericht.berichtidentificatie == ident,
        Bericht.status != BerichtStatus.DUBBEL,
    )
    return (await session.execute(query)).scalar_one_or_none()


async def find_transportsleutel(
    session: AsyncSession, aanbieder_agb: str, sleutel: str
) -> Transportsleutel | None:
    query = select(Transportsleutel).where(
        Transportsleutel.aanbieder_agb == aanbieder_agb, Transportsleutel.sleutel == sleutel
    )
    return (await session.execute(query)).scalar_one_or_none()


async def list_leveringen(
    session: AsyncSession,
    *,
    gemeentecode: str,
    aanbieder_agb: str,
    client_pseudonym: str,
    toewijzingnummers: Collection[int],
) -> Sequence[Levering]:
    """The starts and stops on these toewijzingen for this client that were not withdrawn."""
    if not toewijzingnummers:
        return []
    query = select(Levering).where(
        Levering.gemeentecode == gemeentecode,
        Levering.aanbieder_agb == aanbieder_agb,
        Levering.client_pseudonym == client_pseudonym,
        Levering.toewijzingnummer.in_(list(toewijzingnummers)),
        Levering.verwijderd_door.is_(None),
    )
    return (await session.execute(query)).scalars().all()


async def open_referenties(
    session: AsyncSession, *, gemeentecode: str, aanbieder_agb: str, client_pseudonym: str
) -> frozenset[str]:
    """ReferentieAanbieder values of this client's accepted 315s and 317s at this aanbieder that
    access has not answered for good yet (TR374)."""
    query = select(Bericht.referenties, Bericht.beantwoorde_referenties).where(
        Bericht.gemeentecode == gemeentecode,
        Bericht.aanbieder_agb == aanbieder_agb,
        Bericht.berichtsoort.in_(["WMO315", "WMO317"]),
        Bericht.status == BerichtStatus.GEACCEPTEERD,
        Bericht.client_pseudonyms.contains([client_pseudonym]),
    )
    open_: set[str] = set()
    for referenties, beantwoord in (await session.execute(query)).all():
        open_.update(set(referenties) - set(beantwoord))
    return frozenset(open_)


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
    sortering: Sequence[Sortering]
    berichtidentificatie: str | None = None
    berichtsoort: str | None = None
    aanbieder_agb: str | None = None
    toewijzingnummer: str | None = None
    status: str | None = None
    ontvangen_vanaf: datetime | None = None
    ontvangen_tot: datetime | None = None
    gemeentecode: str | None = None


# The fields the berichtenlogboek sorts on, by their API names.
SORTEERVELDEN = {
    "receivedAt": Bericht.received_at,
    "dagtekening": Bericht.dagtekening,
    "berichtsoort": Bericht.berichtsoort,
    "status": Bericht.status,
    "antwoordDeadline": Bericht.antwoord_deadline,
}


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
    if vraag.gemeentecode is not None:
        query = query.where(Bericht.gemeentecode == vraag.gemeentecode)
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
    ordered = query.order_by(*order_by(vraag.sortering, SORTEERVELDEN, Bericht.id))
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

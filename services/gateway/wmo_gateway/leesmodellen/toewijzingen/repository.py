"""Every query of the toewijzingen copy, and `apply_toewijzing`, which keeps it current."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.calendar import AMSTERDAM
from wmo_common.events.access import ToewijzingAfgegeven, ToewijzingBeeindigd, ToewijzingGewijzigd
from wmo_common.events.consumer import PermanentError
from wmo_gateway.leesmodellen.toewijzingen.models import Toewijzing

ToewijzingEvent = ToewijzingAfgegeven | ToewijzingGewijzigd | ToewijzingBeeindigd


async def find_for_update(session: AsyncSession, toewijzing_id: uuid.UUID) -> Toewijzing | None:
    query = select(Toewijzing).where(Toewijzing.id == toewijzing_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def by_nummers(
    session: AsyncSession, gemeentecode: str, nummers: Collection[int]
) -> dict[int, Toewijzing]:
    if not nummers:
        return {}
    query = select(Toewijzing).where(
        Toewijzing.gemeentecode == gemeentecode, Toewijzing.nummer.in_(list(nummers))
    )
    return {t.nummer: t for t in (await session.execute(query)).scalars()}


async def current_of_client(
    session: AsyncSession, *, gemeentecode: str, aanbieder_agb: str, client_pseudonym: str, on: date
) -> Sequence[Toewijzing]:
    """The client's toewijzingen at this aanbieder that run on or after `on` (OP087)."""
    query = (
        select(Toewijzing)
        .where(
            Toewijzing.gemeentecode == gemeentecode,
            Toewijzing.aanbieder_agb == aanbieder_agb,
            Toewijzing.client_pseudonym == client_pseudonym,
            or_(Toewijzing.einddatum.is_(None), Toewijzing.einddatum >= on),
        )
        .order_by(Toewijzing.nummer)
    )
    return (await session.execute(query)).scalars().all()


async def running_of_client(
    session: AsyncSession, client_pseudonym: str, *, on: date
) -> Sequence[Toewijzing]:
    """The client's toewijzingen at any aanbieder and gemeente that run on or after `on`."""
    query = (
        select(Toewijzing)
        .where(
            Toewijzing.client_pseudonym == client_pseudonym,
            or_(Toewijzing.einddatum.is_(None), Toewijzing.einddatum >= on),
        )
        .order_by(Toewijzing.gemeentecode, Toewijzing.nummer)
    )
    return (await session.execute(query)).scalars().all()


def iwmo_nummer(toewijzingnummer: str) -> int:
    """The iWmo ToewijzingNummer (an integer, LDT_Nummer) of access's toewijzingnummer."""
    if not toewijzingnummer.isdigit():
        raise PermanentError("a toewijzingnummer must be digits to travel in iWmo (LDT_Nummer)")
    return int(toewijzingnummer)


async def apply_toewijzing(
    session: AsyncSession, event: ToewijzingEvent, recorded_at: datetime
) -> Toewijzing | None:
    """Hold this version of the toewijzing unless a newer one is held; returns the toewijzing when
    a Wmo301 must go out for it: a newer version, or a late honouring of a verzoek."""
    existing = await find_for_update(session, event.toewijzing_id)
    if existing is not None and existing.version_at >= recorded_at:
        # An older version changes nothing, unless it was the one that honoured a verzoek: the
        # aanbieder still waits for that answer, so the held version goes out carrying it.
        if not _honours_new_verzoek(existing, event, recorded_at):
            return None
        _hold_referentie(existing, event, recorded_at)
        await session.flush()
        return existing
    toewijzing = existing or Toewijzing(id=event.toewijzing_id, referentie_te_melden=False)
    toewijzing.toewijzingnummer = event.toewijzingnummer
    toewijzing.nummer = iwmo_nummer(event.toewijzingnummer)
    toewijzing.gemeentecode = event.gemeentecode
    toewijzing.aanbieder_agb = event.aanbieder_agb
    toewijzing.client_pseudonym = event.client_pseudonym
    toewijzing.product_categorie = event.product.categorie
    toewijzing.product_code = event.product.code
    toewijzing.ingangsdatum = event.ingangsdatum
    toewijzing.einddatum = event.einddatum
    toewijzing.omvang_volume = event.omvang.volume if event.omvang else None
    toewijzing.omvang_eenheid = event.omvang.eenheid if event.omvang else None
    toewijzing.omvang_frequentie = event.omvang.frequentie if event.omvang else None
    toewijzing.budget_cents = event.budget_cents
    toewijzing.toewijzingsdatum = event.toewijzingsdatum
    toewijzing.toewijzingstijd = recorded_at.astimezone(AMSTERDAM).time().replace(microsecond=0)
    toewijzing.reden_wijziging = getattr(event, "reden_wijziging", None)
    toewijzing.version_at = recorded_at
    # A version without a referentie keeps the one held: it names the verzoek honoured earlier.
    if _honours_new_verzoek(toewijzing, event, recorded_at):
        _hold_referentie(toewijzing, event, recorded_at)
    if existing is None:
        session.add(toewijzing)
    await session.flush()
    return toewijzing


def _honours_new_verzoek(
    toewijzing: Toewijzing, event: ToewijzingEvent, recorded_at: datetime
) -> bool:
    """The event honours a 315/317 and is not a copy of (or older than) the honouring held."""
    return event.referentie_aanbieder is not None and (
        toewijzing.referentie_version_at is None or toewijzing.referentie_version_at < recorded_at
    )


def _hold_referentie(toewijzing: Toewijzing, event: ToewijzingEvent, recorded_at: datetime) -> None:
    toewijzing.referentie_aanbieder = event.referentie_aanbieder
    toewijzing.referentie_version_at = recorded_at
    toewijzing.referentie_te_melden = True

"""The GGk outbox: the envelopes the gateway sends to the GGk, and the queries its sender and
the status use. Writing a 301, 319 or 325 puts its Di01 here (`enqueue_heenbericht`, from
`uitgaande_berichten.service.add_uitgaand`)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from iwmo import Bericht as IwmoBericht
from wmo_common.db import utcnow
from wmo_gateway.ggk import envelop
from wmo_gateway.ggk.envelop import Systeem
from wmo_gateway.ggk.models import GgkZending
from wmo_gateway.settings import Settings
from wmo_gateway.uitgaande_berichten.models import UitgaandBericht

# What the gateway sends as a Di01 (a heenbericht); retours go as a Du01 to the Di01 they answer.
HEENBERICHTEN = frozenset({"WMO301", "WMO319", "WMO325"})


async def add(session: AsyncSession, zending: GgkZending) -> None:
    """Into the outbox; a second Du01/Fo01 to the same envelope is not added (one answer)."""
    values = {
        column.key: getattr(zending, column.key)
        for column in GgkZending.__table__.columns
        if getattr(zending, column.key) is not None
    }
    statement = (
        insert(GgkZending)
        .values(**values)
        .on_conflict_do_nothing(
            index_elements=["berichtcode", "cross_refnummer"],
            index_where=GgkZending.cross_refnummer.is_not(None),
        )
    )
    await session.execute(statement)


def new_zending(
    berichtcode: str,
    functie: str | None,
    ontvanger: str,
    data: bytes,
    referentienummer: str,
    cross_refnummer: str | None,
    uitgaand_bericht_id: uuid.UUID | None = None,
) -> GgkZending:
    nu = utcnow()
    return GgkZending(
        id=uuid.uuid4(),
        berichtcode=berichtcode,
        functie=functie,
        referentienummer=referentienummer,
        cross_refnummer=cross_refnummer,
        ontvanger=ontvanger,
        envelop=data.decode("utf-8"),
        uitgaand_bericht_id=uitgaand_bericht_id,
        created_at=nu,
        pogingen=0,
        volgende_poging_at=nu,
    )


async def enqueue_heenbericht(
    session: AsyncSession, uitgaand: UitgaandBericht, message: IwmoBericht
) -> None:
    """A 301, 319 or 325 the gateway wrote, as a Di01 from its gemeente to the aanbieder."""
    if uitgaand.berichtsoort not in HEENBERICHTEN:
        return
    gemeente = str(getattr(message.header, "afzender", ""))
    referentienummer = envelop.new_referentienummer()
    data = envelop.write_bericht(
        "Di01",
        zender=Systeem(gemeente, envelop.APPLICATIE),
        ontvanger=Systeem(organisatie=uitgaand.aanbieder_agb, applicatie="aanbieder"),
        referentienummer=referentienummer,
        functie=uitgaand.berichtsoort,
        bericht=uitgaand.xml.encode("utf-8"),
        referentienummer_bericht=uitgaand.berichtidentificatie,
    )
    session.add(
        new_zending(
            "Di01",
            uitgaand.berichtsoort,
            uitgaand.aanbieder_agb,
            data,
            referentienummer,
            None,
            uitgaand.id,
        )
    )


async def due(session: AsyncSession, limit: int) -> list[GgkZending]:
    """Envelopes whose next try is due, oldest first; locked, so two senders never share one."""
    query = (
        select(GgkZending)
        .where(GgkZending.afgeleverd_at.is_(None), GgkZending.volgende_poging_at <= utcnow())
        .order_by(GgkZending.created_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(query)).scalars())


def mark_delivered(zending: GgkZending) -> None:
    zending.pogingen += 1
    zending.afgeleverd_at = utcnow()
    zending.laatste_fout = None


def mark_failed(zending: GgkZending, reason: str, settings: Settings) -> None:
    """Not delivered: try again after a back-off that doubles with each try."""
    zending.pogingen += 1
    wait = min(
        settings.ggk_backoff_first_seconds * 2 ** (zending.pogingen - 1),
        settings.ggk_backoff_max_seconds,
    )
    zending.volgende_poging_at = utcnow() + timedelta(seconds=wait)
    zending.laatste_fout = reason[:200]


async def count_undelivered(session: AsyncSession) -> int:
    query = select(func.count()).select_from(GgkZending).where(GgkZending.afgeleverd_at.is_(None))
    return int((await session.execute(query)).scalar_one())


async def outbox_status(session: AsyncSession) -> tuple[int, datetime | None, str | None]:
    """How many envelopes are undelivered, since when, and the oldest one's last failure."""
    oudste = (
        await session.execute(
            select(GgkZending.created_at, GgkZending.laatste_fout)
            .where(GgkZending.afgeleverd_at.is_(None))
            .order_by(GgkZending.created_at)
            .limit(1)
        )
    ).first()
    count = await count_undelivered(session)
    return count, (oudste[0] if oudste else None), (oudste[1] if oudste else None)

"""Announcing and ending aanmeldstops; access hears of both and refuses new toewijzingen while
a stop holds."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.db import utcnow
from wmo_common.events import outbox
from wmo_common.events.common import Product
from wmo_common.events.providers import AanmeldstopAangekondigd, AanmeldstopBeeindigd
from wmo_common.problems import BadRequest, InvalidParam
from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.aanbieders.schemas import ProductRef
from wmo_providers.aanmeldstops import repository
from wmo_providers.aanmeldstops.errors import (
    AanmeldstopAlBeeindigd,
    AanmeldstopNietGevonden,
    AanmeldtermijnTeKort,
)
from wmo_providers.aanmeldstops.models import Aanmeldstop
from wmo_providers.aanmeldstops.schemas import (
    AanmeldstopBeeindiging,
    AanmeldstopCreate,
    AanmeldstopRead,
)

AANKONDIGINGSTERMIJN = timedelta(days=14)
"""Contractstandaarden Wmo art. 3.6: an aanmeldstop is announced at least 14 days ahead."""


async def announce_aanmeldstop(
    session: AsyncSession, aanbieder: Aanbieder, data: AanmeldstopCreate, today: date
) -> Aanmeldstop:
    """Record a stop that starts at least 14 days from today and announce it."""
    earliest = today + AANKONDIGINGSTERMIJN
    if data.ingangsdatum < earliest:
        raise AanmeldtermijnTeKort(
            f"Een aanmeldstop die vandaag wordt aangekondigd gaat op zijn vroegst in op "
            f"{earliest.isoformat()}."
        )
    stop = Aanmeldstop(
        aanbieder_id=aanbieder.id,
        product_categorie=data.product.categorie if data.product else None,
        product_code=data.product.code if data.product else None,
        gebied=data.gebied,
        reden=data.reden,
        ingangsdatum=data.ingangsdatum,
        einddatum=data.einddatum,
    )
    session.add(stop)
    await session.flush()
    await outbox.add(
        session,
        AanmeldstopAangekondigd(
            aanbieder_id=aanbieder.id,
            aanmeldstop_id=stop.id,
            agb=aanbieder.agb,
            product=(
                Product(categorie=stop.product_categorie, code=stop.product_code)
                if stop.product_categorie
                else None
            ),
            gebied=stop.gebied,
            reden=stop.reden,
            ingangsdatum=stop.ingangsdatum,
            einddatum=stop.einddatum,
        ),
    )
    return stop


async def end_aanmeldstop(
    session: AsyncSession,
    aanbieder: Aanbieder,
    aanmeldstop_id: uuid.UUID,
    data: AanmeldstopBeeindiging,
    today: date,
) -> Aanmeldstop:
    """End a stop on request: its last day becomes `einddatum` (default today); ending it before
    it starts withdraws it."""
    stop = await get_aanmeldstop(session, aanbieder, aanmeldstop_id)
    if stop.beeindigd_at is not None or (stop.einddatum is not None and stop.einddatum < today):
        raise AanmeldstopAlBeeindigd()
    einddatum = data.einddatum or today
    if einddatum < today:
        raise _invalid_einddatum("de einddatum ligt niet in het verleden")
    if stop.einddatum is not None and einddatum > stop.einddatum:
        raise _invalid_einddatum(
            f"de stop eindigt al op {stop.einddatum.isoformat()}; beëindigen verlengt niet"
        )
    # A stop ended before it starts never takes effect: its last day is the day before.
    stop.einddatum = max(einddatum, stop.ingangsdatum - timedelta(days=1))
    stop.beeindigingsreden = data.reden
    stop.beeindigd_at = utcnow()
    await session.flush()
    await outbox.add(
        session,
        AanmeldstopBeeindigd(
            aanbieder_id=aanbieder.id,
            aanmeldstop_id=stop.id,
            agb=aanbieder.agb,
            einddatum=stop.einddatum,
            reden=data.reden,
        ),
    )
    return stop


async def get_aanmeldstop(
    session: AsyncSession, aanbieder: Aanbieder, aanmeldstop_id: uuid.UUID
) -> Aanmeldstop:
    stop = await repository.find(session, aanbieder.id, aanmeldstop_id)
    if stop is None:
        raise AanmeldstopNietGevonden()
    return stop


async def list_aanmeldstops(session: AsyncSession, aanbieder: Aanbieder) -> Sequence[Aanmeldstop]:
    return await repository.list_for(session, aanbieder.id)


def to_read(stop: Aanmeldstop, agb: str, today: date) -> AanmeldstopRead:
    return AanmeldstopRead(
        id=stop.id,
        agb=agb,
        product=(
            ProductRef(categorie=stop.product_categorie, code=stop.product_code)
            if stop.product_categorie
            else None
        ),
        gebied=stop.gebied,
        reden=stop.reden,
        ingangsdatum=stop.ingangsdatum,
        einddatum=stop.einddatum,
        beeindigingsreden=stop.beeindigingsreden,
        is_actief=stop.ingangsdatum <= today
        and (stop.einddatum is None or today <= stop.einddatum),
        created_at=stop.created_at,
    )


def _invalid_einddatum(reason: str) -> BadRequest:
    return BadRequest(
        "1 invoerfout(en) gevonden.",
        [InvalidParam(name="einddatum", code="datum", reason=reason)],
    )

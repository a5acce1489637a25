"""Keeping the aanbieder read model, and the questions toewijzingen ask of it."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.aanbieders import repository
from wmo_common.events.common import Product
from wmo_common.events.providers import (
    AanbiederGeregistreerd,
    AanbiederGesignaleerd,
    AanbiederGewijzigd,
    SignaleringOpgeheven,
)


async def apply_aanbieder(
    session: AsyncSession,
    event: AanbiederGeregistreerd | AanbiederGewijzigd,
    recorded_at: datetime,
) -> None:
    await repository.upsert_aanbieder(
        session,
        {
            "agb": event.agb,
            "aanbieder_id": event.aanbieder_id,
            "naam": event.naam,
            "capaciteit": [
                {
                    "categorie": c.product.categorie,
                    "code": c.product.code,
                    "plaatsen": c.plaatsen,
                }
                for c in event.capaciteit
            ],
            "version_at": recorded_at,
        },
    )


async def apply_signalering(session: AsyncSession, event: AanbiederGesignaleerd) -> None:
    await repository.upsert_signalering(
        session,
        {
            "id": event.signalering_id,
            "agb": event.agb,
            "segment_id": event.segment_id,
            "reden": event.reden[:500],
            "is_blokkerend": event.blokkeert_toewijzing,
        },
    )


async def lift_signalering(session: AsyncSession, event: SignaleringOpgeheven) -> None:
    await repository.lift_signalering(session, event.signalering_id, event.agb)


async def is_blocked(session: AsyncSession, agb: str, segment_id: uuid.UUID | None) -> bool:
    return bool(await repository.blocking_signaleringen(session, agb, segment_id))


async def plaatsen(session: AsyncSession, agb: str, product: Product) -> int | None:
    """The places `agb` offers for the product (exact code first, then the whole category);
    None when the aanbieder published no capaciteit for it."""
    aanbieder = await repository.find_aanbieder(session, agb)
    if aanbieder is None:
        return None
    by_product = {(c["categorie"], c["code"]): int(c["plaatsen"]) for c in aanbieder.capaciteit}
    exact = by_product.get((product.categorie, product.code))
    return exact if exact is not None else by_product.get((product.categorie, None))

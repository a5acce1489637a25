"""Recording the warnings a new toewijzing carries, and counting them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.leesmodellen.aanbieders.models import Signalering
from wmo_access.waarschuwingen import repository
from wmo_access.waarschuwingen.models import ToewijzingWaarschuwing
from wmo_access.waarschuwingen.schemas import Waarschuwingtelling


def record(
    session: AsyncSession,
    toewijzing_id: uuid.UUID,
    agb: str,
    signaleringen: Sequence[Signalering],
) -> list[str]:
    """Record the open, non-blocking signaleringen of the aanbieder (those the rules read) on
    the new toewijzing (a blocking one has refused it before); returns their reasons."""
    reasons = []
    for signalering in signaleringen:
        if signalering.is_blokkerend:
            continue
        reden = f"Aanbieder {agb} is gesignaleerd: {signalering.reden or '(geen reden)'}"
        session.add(
            ToewijzingWaarschuwing(
                toewijzing_id=toewijzing_id,
                agb=agb,
                signalering_id=signalering.id,
                reden=reden[:500],
            )
        )
        reasons.append(reden[:500])
    return reasons


async def for_toewijzing(session: AsyncSession, toewijzing_id: uuid.UUID) -> list[str]:
    return [w.reden for w in await repository.for_toewijzing(session, toewijzing_id)]


async def counts(session: AsyncSession, agb: str | None) -> list[Waarschuwingtelling]:
    return [
        Waarschuwingtelling(agb=a, waarschuwingen=n, toewijzingen=t)
        for a, n, t in await repository.counts(session, agb)
    ]

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.db import utcnow
from wmo_gateway.uitgaande_berichten import repository
from wmo_gateway.uitgaande_berichten.errors import BerichtAlBevestigd, BerichtNietGevonden
from wmo_gateway.uitgaande_berichten.models import UitgaandBericht


async def acknowledge_bericht(
    session: AsyncSession, bericht_id: uuid.UUID, *, aanbieder_agb: str
) -> UitgaandBericht:
    """Record that the aanbieder received its message; once only."""
    # Another aanbieder's message is "not found", not "forbidden": its existence is not theirs.
    bericht = await repository.find_for_aanbieder(session, bericht_id, aanbieder_agb)
    if bericht is None:
        raise BerichtNietGevonden()
    if bericht.acknowledged_at is not None:
        raise BerichtAlBevestigd()
    bericht.acknowledged_at = utcnow()
    return bericht

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.db import utcnow
from wmo_common.events import outbox
from wmo_common.events.providers import AanbiederGesignaleerd, SignaleringOpgeheven
from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.signaleringen import repository
from wmo_providers.signaleringen.errors import SignaleringAlOpgeheven, SignaleringNietGevonden
from wmo_providers.signaleringen.models import Signalering
from wmo_providers.signaleringen.schemas import SignaleringRead


async def raise_signalering(
    session: AsyncSession,
    aanbieder: Aanbieder,
    *,
    reden: str,
    actor: str,
    segment_id: uuid.UUID | None = None,
    indicator: str | None = None,
    periode: str | None = None,
    is_blokkerend: bool = False,
) -> Signalering:
    """Flag an aanbieder and tell access (`aanbieder-gesignaleerd`): it steers referrals on it."""
    signalering = Signalering(
        aanbieder_id=aanbieder.id,
        segment_id=segment_id,
        indicator=indicator,
        periode=periode,
        reden=reden,
        is_blokkerend=is_blokkerend,
        gesignaleerd_door=actor,
    )
    session.add(signalering)
    await session.flush()
    await outbox.add(
        session,
        AanbiederGesignaleerd(
            aanbieder_id=aanbieder.id,
            signalering_id=signalering.id,
            agb=aanbieder.agb,
            segment_id=segment_id,
            reden=reden,
            blokkeert_toewijzing=is_blokkerend,
        ),
    )
    return signalering


async def lift(
    session: AsyncSession, signalering: Signalering, agb: str, *, reden: str, actor: str
) -> Signalering:
    """Lift an open signalering and announce it (`signalering-opgeheven`)."""
    if signalering.opgeheven_at is not None:
        raise SignaleringAlOpgeheven(f"Opgeheven op {signalering.opgeheven_at:%Y-%m-%d}.")
    signalering.opgeheven_at = utcnow()
    signalering.opheffing_reden = reden
    signalering.opgeheven_door = actor
    await outbox.add(
        session,
        SignaleringOpgeheven(
            aanbieder_id=signalering.aanbieder_id,
            signalering_id=signalering.id,
            agb=agb,
            reden=reden,
        ),
    )
    return signalering


async def get_signalering(
    session: AsyncSession, signalering_id: uuid.UUID
) -> tuple[Signalering, str]:
    found = await repository.find(session, signalering_id)
    if found is None:
        raise SignaleringNietGevonden()
    return found


def to_read(signalering: Signalering, agb: str) -> SignaleringRead:
    return SignaleringRead(
        id=signalering.id,
        agb=agb,
        segment_id=signalering.segment_id,
        indicator=signalering.indicator,
        periode=signalering.periode,
        reden=signalering.reden,
        is_blokkerend=signalering.is_blokkerend,
        is_open=signalering.opgeheven_at is None,
        created_at=signalering.created_at,
        opgeheven_at=signalering.opgeheven_at,
        opheffing_reden=signalering.opheffing_reden,
    )

"""Reactions to access's indicaties: an evaluated result releases or keeps the held-back share."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.access import ResultaatGeevalueerd
from wmo_common.events.envelope import CloudEvent
from wmo_finance.verplichtingen import service


async def on_resultaat_geevalueerd(
    session: AsyncSession, event: ResultaatGeevalueerd, envelope: CloudEvent
) -> None:
    await service.record_evaluatie(session, event)

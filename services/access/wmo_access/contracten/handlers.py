"""Reactions to `contracting.contracten.v1`."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.contracten import service
from wmo_common.events.contracting import (
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
    VerwervingsstrategieGepubliceerd,
)
from wmo_common.events.envelope import CloudEvent


async def on_verwervingsstrategie_gepubliceerd(
    session: AsyncSession, event: VerwervingsstrategieGepubliceerd, envelope: CloudEvent
) -> None:
    await service.apply_strategie(session, event)


async def on_contract_geactiveerd(
    session: AsyncSession, event: ContractGeactiveerd, envelope: CloudEvent
) -> None:
    await service.apply_contract(session, event, envelope.time)


async def on_contract_gewijzigd(
    session: AsyncSession, event: ContractGewijzigd, envelope: CloudEvent
) -> None:
    await service.apply_contract(session, event, envelope.time)


async def on_contract_beeindigd(
    session: AsyncSession, event: ContractBeeindigd, envelope: CloudEvent
) -> None:
    await service.end_contract(session, event)

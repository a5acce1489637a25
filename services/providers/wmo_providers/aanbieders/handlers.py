"""Reactions to `contracting.contracten.v1`: which aanbieder takes part in which contract."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.contracting import ContractBeeindigd, ContractGeactiveerd, ContractGewijzigd
from wmo_common.events.envelope import CloudEvent
from wmo_providers.aanbieders import service


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

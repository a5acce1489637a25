"""Every reaction of the providers service to other services' events: the consumer groups and
what each event sets in motion.

- `providers.contracten` (contracting.contracten.v1): keeps the contract read model (which
  aanbieder takes part in which contract, in what rol), and takes a published strategy's
  contract KPIs as the segment's norms and its policy on expired quality documents.
- `providers.prestatie-indicatoren` (access.toewijzingen.v1, gateway.inbound.v1,
  finance.declaraties.v1, access.indicaties.v1): records the KPI facts the indicators are
  computed from.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.access import (
    INDICATIES,
    TOEWIJZINGEN,
    ResultaatGeevalueerd,
    ToewijzingAfgegeven,
    ToewijzingBeeindigd,
    ToewijzingGewijzigd,
)
from wmo_common.events.consumer import HandlerContext
from wmo_common.events.contracting import (
    CONTRACTEN,
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
    VerwervingsstrategieGepubliceerd,
)
from wmo_common.events.finance import DECLARATIES, DeclaratieBeoordeeld
from wmo_common.events.gateway import INBOUND, ZorgGestart, ZorgGestopt
from wmo_common.runtime import ConsumerSpec
from wmo_providers.leesmodellen.contracten import service as contracten
from wmo_providers.leesmodellen.strategieen import service as strategieen
from wmo_providers.prestatie_indicatoren import feiten, strategie
from wmo_providers.settings import Settings

Context = HandlerContext[Settings]


# contracting.contracten.v1 -> the contract read model


async def on_contract_geactiveerd(
    session: AsyncSession, event: ContractGeactiveerd, context: Context
) -> None:
    await contracten.apply_contract(session, event, context.envelope.time)


async def on_contract_gewijzigd(
    session: AsyncSession, event: ContractGewijzigd, context: Context
) -> None:
    await contracten.apply_contract(session, event, context.envelope.time)


async def on_contract_beeindigd(
    session: AsyncSession, event: ContractBeeindigd, context: Context
) -> None:
    await contracten.apply_contract_beeindigd(session, event)


async def on_verwervingsstrategie_gepubliceerd(
    session: AsyncSession, event: VerwervingsstrategieGepubliceerd, context: Context
) -> None:
    await strategie.apply_strategie(session, event)
    await strategieen.apply_strategie(session, event)


# toewijzingen, 305/307, declaraties and resultaten -> the KPI facts


async def on_toewijzing(
    session: AsyncSession,
    event: ToewijzingAfgegeven | ToewijzingGewijzigd | ToewijzingBeeindigd,
    context: Context,
) -> None:
    await feiten.record_toewijzing(session, event, context.envelope.time)


async def on_zorg_gestart(session: AsyncSession, event: ZorgGestart, context: Context) -> None:
    await feiten.record_zorg_gestart(session, event, context.envelope.time)


async def on_zorg_gestopt(session: AsyncSession, event: ZorgGestopt, context: Context) -> None:
    await feiten.record_zorg_gestopt(session, event, context.envelope.time)


async def on_declaratie_beoordeeld(
    session: AsyncSession, event: DeclaratieBeoordeeld, context: Context
) -> None:
    await feiten.record_declaratie_beoordeeld(session, event, context.envelope.time)


async def on_resultaat_geevalueerd(
    session: AsyncSession, event: ResultaatGeevalueerd, context: Context
) -> None:
    await feiten.record_resultaat(session, event)


CONSUMERS = [
    ConsumerSpec(
        purpose="contracten",
        topics=[CONTRACTEN],
        handlers={
            ContractGeactiveerd: on_contract_geactiveerd,
            ContractGewijzigd: on_contract_gewijzigd,
            ContractBeeindigd: on_contract_beeindigd,
            VerwervingsstrategieGepubliceerd: on_verwervingsstrategie_gepubliceerd,
        },
    ),
    ConsumerSpec(
        purpose="prestatie-indicatoren",
        topics=[TOEWIJZINGEN, INBOUND, DECLARATIES, INDICATIES],
        handlers={
            ToewijzingAfgegeven: on_toewijzing,
            ToewijzingGewijzigd: on_toewijzing,
            ToewijzingBeeindigd: on_toewijzing,
            ZorgGestart: on_zorg_gestart,
            ZorgGestopt: on_zorg_gestopt,
            DeclaratieBeoordeeld: on_declaratie_beoordeeld,
            ResultaatGeevalueerd: on_resultaat_geevalueerd,
        },
    ),
]

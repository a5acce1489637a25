"""Every reaction of the access service to other services' events: the consumer groups and what
each event sets in motion.

- `access.contracten` (contracting.contracten.v1): keeps the contract read model.
- `access.aanbieders` (providers.aanbieders.v1): keeps the aanbieder read model.
- `access.berichten` (gateway.inbound.v1): the aanbieder's start and stop of care (305/307)
  record the delivery, a definitive stop ends the toewijzing (a Wmo301 for the gateway); its
  verzoeken (315/317) are recorded, then granted or queued as a taak.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.leesmodellen.aanbieders import service as aanbieders
from wmo_access.leesmodellen.contracten import service as contracten
from wmo_access.settings import Settings
from wmo_access.toewijzingen import service as toewijzingen
from wmo_access.verzoeken import service as verzoeken
from wmo_common.events.consumer import HandlerContext
from wmo_common.events.contracting import (
    CONTRACTEN,
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
    VerwervingsstrategieGepubliceerd,
)
from wmo_common.events.gateway import (
    INBOUND,
    VerzoekToewijzingOntvangen,
    VerzoekWijzigingOntvangen,
    ZorgGestart,
    ZorgGestopt,
)
from wmo_common.events.providers import (
    AANBIEDERS,
    AanbiederGeregistreerd,
    AanbiederGesignaleerd,
    AanbiederGewijzigd,
    AanmeldstopAangekondigd,
    AanmeldstopBeeindigd,
    PrestatiesBijgewerkt,
    SignaleringOpgeheven,
)
from wmo_common.runtime import ConsumerSpec

Context = HandlerContext[Settings]


# contracting.contracten.v1 -> the contract read model


async def on_verwervingsstrategie_gepubliceerd(
    session: AsyncSession, event: VerwervingsstrategieGepubliceerd, context: Context
) -> None:
    await contracten.apply_strategie(session, event)


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


# providers.aanbieders.v1 -> the aanbieder read model


async def on_aanbieder(
    session: AsyncSession,
    event: AanbiederGeregistreerd | AanbiederGewijzigd,
    context: Context,
) -> None:
    await aanbieders.apply_aanbieder(session, event, context.envelope.time)


async def on_aanbieder_gesignaleerd(
    session: AsyncSession, event: AanbiederGesignaleerd, context: Context
) -> None:
    await aanbieders.apply_signalering(session, event)


async def on_signalering_opgeheven(
    session: AsyncSession, event: SignaleringOpgeheven, context: Context
) -> None:
    await aanbieders.apply_signalering_opgeheven(session, event)


async def on_aanmeldstop_aangekondigd(
    session: AsyncSession, event: AanmeldstopAangekondigd, context: Context
) -> None:
    await aanbieders.apply_aanmeldstop(session, event)


async def on_aanmeldstop_beeindigd(
    session: AsyncSession, event: AanmeldstopBeeindigd, context: Context
) -> None:
    await aanbieders.apply_aanmeldstop_beeindigd(session, event)


async def on_prestaties_bijgewerkt(
    session: AsyncSession, event: PrestatiesBijgewerkt, context: Context
) -> None:
    await aanbieders.apply_prestaties(session, event)


# gateway.inbound.v1 -> toewijzingen (305/307) and verzoeken (315/317)


async def on_zorg_gestart(session: AsyncSession, event: ZorgGestart, context: Context) -> None:
    await toewijzingen.record_zorg_gestart(session, event)


async def on_zorg_gestopt(session: AsyncSession, event: ZorgGestopt, context: Context) -> None:
    """A definitive stop ends the toewijzing, whose event carries personal data sealed for the
    gateway with the app's key."""
    await toewijzingen.record_zorg_gestopt(
        session, event, field_key_gateway=context.settings.field_key_gateway
    )


async def on_verzoek(
    session: AsyncSession,
    event: VerzoekToewijzingOntvangen | VerzoekWijzigingOntvangen,
    context: Context,
) -> None:
    """A granted verzoek is answered with personal data sealed for the gateway with the app's
    key."""
    await verzoeken.receive_verzoek(
        session, event, field_key_gateway=context.settings.field_key_gateway
    )


CONSUMERS = [
    ConsumerSpec(
        purpose="contracten",
        topics=[CONTRACTEN],
        handlers={
            VerwervingsstrategieGepubliceerd: on_verwervingsstrategie_gepubliceerd,
            ContractGeactiveerd: on_contract_geactiveerd,
            ContractGewijzigd: on_contract_gewijzigd,
            ContractBeeindigd: on_contract_beeindigd,
        },
    ),
    ConsumerSpec(
        purpose="aanbieders",
        topics=[AANBIEDERS],
        handlers={
            AanbiederGeregistreerd: on_aanbieder,
            AanbiederGewijzigd: on_aanbieder,
            AanbiederGesignaleerd: on_aanbieder_gesignaleerd,
            SignaleringOpgeheven: on_signalering_opgeheven,
            AanmeldstopAangekondigd: on_aanmeldstop_aangekondigd,
            AanmeldstopBeeindigd: on_aanmeldstop_beeindigd,
            PrestatiesBijgewerkt: on_prestaties_bijgewerkt,
        },
    ),
    ConsumerSpec(
        purpose="berichten",
        topics=[INBOUND],
        handlers={
            ZorgGestart: on_zorg_gestart,
            ZorgGestopt: on_zorg_gestopt,
            VerzoekToewijzingOntvangen: on_verzoek,
            VerzoekWijzigingOntvangen: on_verzoek,
        },
    ),
]

"""Every reaction of the gateway to other services' events.

- `access.toewijzingen.v1`: a toewijzing afgegeven, gewijzigd or beeindigd updates the copy of
  it (what starts, stops, verzoeken and declaraties are judged against) and sends its Wmo301; a
  verzoek beantwoord closes that verzoek (its term, and TR374 for the client's next one) and a
  refusal goes out as a Wmo319; a verzoek in onderzoek goes out as a Wmo319 with answer 2 and
  leaves the verzoek open; a client verhuisd (within the region) sends the Wmo301 of the
  client's running toewijzingen again with the new address.
- `finance.declaraties.v1`: a declaratie beoordeeld sends the Wmo325 of its Wmo323.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.access import (
    TOEWIJZINGEN,
    ClientVerhuisd,
    ToewijzingAfgegeven,
    ToewijzingBeeindigd,
    ToewijzingGewijzigd,
    VerzoekBeantwoord,
    VerzoekInOnderzoek,
)
from wmo_common.events.consumer import HandlerContext
from wmo_common.events.finance import DECLARATIES, DeclaratieBeoordeeld
from wmo_common.runtime import ConsumerSpec
from wmo_gateway.berichten.service import antwoorden
from wmo_gateway.leesmodellen.toewijzingen import repository as toewijzingen
from wmo_gateway.leesmodellen.toewijzingen.repository import ToewijzingEvent
from wmo_gateway.settings import Settings
from wmo_gateway.uitgaande_berichten import service as uitgaand
from wmo_gateway.uitgaande_berichten.clientgegevens import open_client_gegevens


async def on_toewijzing(
    session: AsyncSession, event: ToewijzingEvent, context: HandlerContext[Settings]
) -> None:
    """Afgegeven, gewijzigd and beeindigd alike: each carries the full Wmo301 content."""
    gegevens = open_client_gegevens(event.client_gegevens, context.settings.field_key_gateway)
    toewijzing = await toewijzingen.apply_toewijzing(session, event, context.envelope.time)
    # An older version than the one held sends nothing (its 301 would be outdated), unless it
    # honoured a verzoek the aanbieder has had no answer to yet.
    if toewijzing is not None:
        await uitgaand.send_wmo301(session, toewijzing, gegevens)


async def on_client_verhuisd(
    session: AsyncSession, event: ClientVerhuisd, context: HandlerContext[Settings]
) -> None:
    """A move within the region: the running toewijzingen go out again with the new address."""
    gegevens = open_client_gegevens(event.client_gegevens, context.settings.field_key_gateway)
    await uitgaand.resend_wmo301(session, event.client_pseudonym, gegevens)


async def on_verzoek_beantwoord(
    session: AsyncSession, event: VerzoekBeantwoord, context: HandlerContext[Settings]
) -> None:
    await antwoorden.record_verzoek_antwoord(session, event)


async def on_verzoek_in_onderzoek(
    session: AsyncSession, event: VerzoekInOnderzoek, context: HandlerContext[Settings]
) -> None:
    await antwoorden.record_verzoek_in_onderzoek(session, event)


async def on_declaratie_beoordeeld(
    session: AsyncSession, event: DeclaratieBeoordeeld, context: HandlerContext[Settings]
) -> None:
    await antwoorden.answer_declaratie(session, event)


CONSUMERS = [
    ConsumerSpec(
        purpose="toewijzingen",
        topics=[TOEWIJZINGEN],
        handlers={
            ToewijzingAfgegeven: on_toewijzing,
            ToewijzingGewijzigd: on_toewijzing,
            ToewijzingBeeindigd: on_toewijzing,
            VerzoekBeantwoord: on_verzoek_beantwoord,
            VerzoekInOnderzoek: on_verzoek_in_onderzoek,
            ClientVerhuisd: on_client_verhuisd,
        },
    ),
    ConsumerSpec(
        purpose="declaraties",
        topics=[DECLARATIES],
        handlers={DeclaratieBeoordeeld: on_declaratie_beoordeeld},
    ),
]

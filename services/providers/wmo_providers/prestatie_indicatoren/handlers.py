"""KPI facts from access, the gateway and finance. Each handler lands on the row of the event's
logical key (toewijzingnummer, declaratie line, resultaat), so redelivery and any arrival order
give the same facts."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.access import (
    ResultaatGeevalueerd,
    ToewijzingAfgegeven,
    ToewijzingBeeindigd,
    ToewijzingGewijzigd,
)
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.finance import DeclaratieBeoordeeld
from wmo_common.events.gateway import ZorgGestart, ZorgGestopt
from wmo_providers.kalender import lokale_datum
from wmo_providers.prestatie_indicatoren import repository

# iWmo StatusAanlevering 3: the aanbieder withdraws a message it sent before.
VERWIJDEREN = "3"


async def on_toewijzing(
    session: AsyncSession,
    event: ToewijzingAfgegeven | ToewijzingGewijzigd | ToewijzingBeeindigd,
    envelope: CloudEvent,
) -> None:
    feit = await repository.lock_toewijzing(
        session, event.aanbieder_agb, event.toewijzingnummer, event.client_pseudonym
    )
    # The first 301 is when the aanbieder received the toewijzing, whichever version came first.
    if feit.toewijzingsdatum is None or event.toewijzingsdatum < feit.toewijzingsdatum:
        feit.toewijzingsdatum = event.toewijzingsdatum
    if feit.toewijzing_at is not None and feit.toewijzing_at > envelope.time:
        return
    feit.toewijzing_at = envelope.time
    feit.segment_id = event.segment_id
    feit.gebied = event.gebied
    feit.ingangsdatum = event.ingangsdatum
    feit.einddatum = event.einddatum
    if isinstance(event, ToewijzingBeeindigd):
        feit.beeindigd_reden = event.reden_wijziging


async def on_zorg_gestart(session: AsyncSession, event: ZorgGestart, envelope: CloudEvent) -> None:
    feit = await repository.lock_toewijzing(
        session, event.aanbieder_agb, event.toewijzingnummer, event.client_pseudonym
    )
    if feit.start_at is not None and feit.start_at > envelope.time:
        return
    feit.start_at = envelope.time
    if event.status_aanlevering == VERWIJDEREN:
        feit.begindatum = None
        feit.start_ontvangen_date = None
        return
    feit.begindatum = event.begindatum
    received = lokale_datum(envelope.time)
    # A corrected 305 does not make the first one late: the earliest receipt counts.
    if feit.start_ontvangen_date is None or received < feit.start_ontvangen_date:
        feit.start_ontvangen_date = received


async def on_zorg_gestopt(session: AsyncSession, event: ZorgGestopt, envelope: CloudEvent) -> None:
    feit = await repository.lock_toewijzing(
        session, event.aanbieder_agb, event.toewijzingnummer, event.client_pseudonym
    )
    if feit.stop_at is not None and feit.stop_at > envelope.time:
        return
    feit.stop_at = envelope.time
    if event.status_aanlevering == VERWIJDEREN:
        feit.stopdatum = None
        feit.reden_beeindiging = None
        feit.stop_ontvangen_date = None
        return
    feit.stopdatum = event.einddatum
    feit.reden_beeindiging = event.reden_beeindiging
    received = lokale_datum(envelope.time)
    if feit.stop_ontvangen_date is None or received < feit.stop_ontvangen_date:
        feit.stop_ontvangen_date = received
    if feit.begindatum is None:
        feit.begindatum = event.begindatum


async def on_declaratie_beoordeeld(
    session: AsyncSession, event: DeclaratieBeoordeeld, envelope: CloudEvent
) -> None:
    beoordeeld = lokale_datum(envelope.time)
    await repository.upsert_declaratieregels(
        session,
        [
            {
                "declaratie_id": event.declaratie_id,
                "referentie": p.referentie,
                "aanbieder_agb": event.aanbieder_agb,
                "toewijzingnummer": p.toewijzingnummer,
                "is_goedgekeurd": p.goedgekeurd,
                "ingediend_cents": p.ingediend_bedrag_cents,
                "toegekend_cents": p.toegekend_bedrag_cents,
                "debet_credit": p.debet_credit,
                "beoordeeld_date": beoordeeld,
            }
            for p in event.prestaties
        ],
    )


async def on_resultaat_geevalueerd(
    session: AsyncSession, event: ResultaatGeevalueerd, envelope: CloudEvent
) -> None:
    if event.aanbieder_agb is None:
        return  # a result reached without an aanbieder says nothing about one
    await repository.upsert_resultaat(
        session,
        {
            "id": event.resultaat_id,
            "aanbieder_agb": event.aanbieder_agb,
            "segment_id": event.segment_id,
            "toewijzing_id": event.toewijzing_id,
            "is_behaald": event.behaald,
            "geevalueerd_date": event.geevalueerd_op,
        },
    )

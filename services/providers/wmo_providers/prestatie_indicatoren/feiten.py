"""Recording the KPI facts that access, the gateway and finance report. Each fact lands on the
row of its logical key (toewijzingnummer, declaratie line, resultaat), so redelivery and any
arrival order give the same facts. `recorded_at` is the event's `time`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.calendar import local_date
from wmo_common.events.access import (
    ResultaatGeevalueerd,
    ToewijzingAfgegeven,
    ToewijzingBeeindigd,
    ToewijzingGewijzigd,
)
from wmo_common.events.finance import DeclaratieBeoordeeld
from wmo_common.events.gateway import ZorgGestart, ZorgGestopt
from wmo_providers.prestatie_indicatoren import repository

# iWmo StatusAanlevering 3: the aanbieder withdraws a message it sent before.
VERWIJDEREN = "3"


async def record_toewijzing(
    session: AsyncSession,
    event: ToewijzingAfgegeven | ToewijzingGewijzigd | ToewijzingBeeindigd,
    recorded_at: datetime,
) -> None:
    feit = await repository.lock_toewijzing(
        session, event.aanbieder_agb, event.toewijzingnummer, event.client_pseudonym
    )
    # The first 301 is when the aanbieder received the toewijzing, whichever version came first.
    if feit.toewijzingsdatum is None or event.toewijzingsdatum < feit.toewijzingsdatum:
        feit.toewijzingsdatum = event.toewijzingsdatum
    if feit.toewijzing_at is not None and feit.toewijzing_at > recorded_at:
        return
    feit.toewijzing_at = recorded_at
    feit.segment_id = event.segment_id
    feit.gebied = event.gebied
    feit.ingangsdatum = event.ingangsdatum
    feit.einddatum = event.einddatum
    if isinstance(event, ToewijzingBeeindigd):
        feit.beeindigd_reden = event.reden_wijziging


async def record_zorg_gestart(
    session: AsyncSession, event: ZorgGestart, recorded_at: datetime
) -> None:
    feit = await repository.lock_toewijzing(
        session, event.aanbieder_agb, event.toewijzingnummer, event.client_pseudonym
    )
    if feit.start_at is not None and feit.start_at > recorded_at:
        return
    feit.start_at = recorded_at
    if event.status_aanlevering == VERWIJDEREN:
        feit.begindatum = None
        feit.start_ontvangen_date = None
        return
    feit.begindatum = event.begindatum
    received = local_date(recorded_at)
    # A corrected 305 does not make the first one late: the earliest receipt counts.
    if feit.start_ontvangen_date is None or received < feit.start_ontvangen_date:
        feit.start_ontvangen_date = received


async def record_zorg_gestopt(
    session: AsyncSession, event: ZorgGestopt, recorded_at: datetime
) -> None:
    feit = await repository.lock_toewijzing(
        session, event.aanbieder_agb, event.toewijzingnummer, event.client_pseudonym
    )
    if feit.stop_at is not None and feit.stop_at > recorded_at:
        return
    feit.stop_at = recorded_at
    if event.status_aanlevering == VERWIJDEREN:
        feit.stopdatum = None
        feit.reden_beeindiging = None
        feit.stop_ontvangen_date = None
        return
    feit.stopdatum = event.einddatum
    feit.reden_beeindiging = event.reden_beeindiging
    received = local_date(recorded_at)
    if feit.stop_ontvangen_date is None or received < feit.stop_ontvangen_date:
        feit.stop_ontvangen_date = received
    if feit.begindatum is None:
        feit.begindatum = event.begindatum


async def record_declaratie_beoordeeld(
    session: AsyncSession, event: DeclaratieBeoordeeld, recorded_at: datetime
) -> None:
    beoordeeld = local_date(recorded_at)
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


async def record_resultaat(session: AsyncSession, event: ResultaatGeevalueerd) -> None:
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

"""Reactions to the gateway's Wmo305/307: the real start and stop of care drive the CAK."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.envelope import CloudEvent
from wmo_common.events.gateway import ZorgGestart, ZorgGestopt
from wmo_finance.cak_meldingen import service

# A correction is due a month after the municipality's calendar day it was learned.
TIJDZONE = ZoneInfo("Europe/Amsterdam")


async def on_zorg_gestart(session: AsyncSession, event: ZorgGestart, envelope: CloudEvent) -> None:
    await service.record_zorg(
        session,
        gemeentecode=event.gemeentecode,
        aanbieder_agb=event.aanbieder_agb,
        toewijzingnummer=event.toewijzingnummer,
        client_pseudonym=event.client_pseudonym,
        product=event.product,
        begindatum=event.begindatum,
        einddatum=None,
        status_aanlevering=event.status_aanlevering,
        today=datetime.now(TIJDZONE).date(),
    )


async def on_zorg_gestopt(session: AsyncSession, event: ZorgGestopt, envelope: CloudEvent) -> None:
    await service.record_zorg(
        session,
        gemeentecode=event.gemeentecode,
        aanbieder_agb=event.aanbieder_agb,
        toewijzingnummer=event.toewijzingnummer,
        client_pseudonym=event.client_pseudonym,
        product=event.product,
        begindatum=event.begindatum,
        einddatum=event.einddatum,
        status_aanlevering=event.status_aanlevering,
        today=datetime.now(TIJDZONE).date(),
    )

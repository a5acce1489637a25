"""Keeping the aanbieder read model: applied from providers' events, order-free."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.leesmodellen.aanbieders import repository
from wmo_common.events.providers import (
    AanbiederGeregistreerd,
    AanbiederGesignaleerd,
    AanbiederGewijzigd,
    AanmeldstopAangekondigd,
    AanmeldstopBeeindigd,
    PrestatiesBijgewerkt,
    SignaleringOpgeheven,
)


async def apply_aanbieder(
    session: AsyncSession,
    event: AanbiederGeregistreerd | AanbiederGewijzigd,
    recorded_at: datetime,
) -> None:
    await repository.upsert_aanbieder(
        session,
        {
            "agb": event.agb,
            "aanbieder_id": event.aanbieder_id,
            "naam": event.naam,
            "capaciteit": [
                {
                    "categorie": c.product.categorie,
                    "code": c.product.code,
                    "plaatsen": c.plaatsen,
                }
                for c in event.capaciteit
            ],
            "version_at": recorded_at,
        },
    )


async def apply_signalering(session: AsyncSession, event: AanbiederGesignaleerd) -> None:
    await repository.upsert_signalering(
        session,
        {
            "id": event.signalering_id,
            "agb": event.agb,
            "segment_id": event.segment_id,
            "reden": event.reden[:500],
            "is_blokkerend": event.blokkeert_toewijzing,
        },
    )


async def apply_signalering_opgeheven(session: AsyncSession, event: SignaleringOpgeheven) -> None:
    await repository.lift_signalering(session, event.signalering_id, event.agb)


async def apply_aanmeldstop(session: AsyncSession, event: AanmeldstopAangekondigd) -> None:
    await repository.add_aanmeldstop(
        session,
        {
            "id": event.aanmeldstop_id,
            "agb": event.agb,
            "product_categorie": event.product.categorie if event.product else None,
            "product_code": event.product.code if event.product else None,
            "gebied": event.gebied,
            "reden": event.reden[:1000],
            "ingangsdatum": event.ingangsdatum,
            "einddatum": event.einddatum,
        },
    )


async def apply_aanmeldstop_beeindigd(session: AsyncSession, event: AanmeldstopBeeindigd) -> None:
    await repository.end_aanmeldstop(session, event.aanmeldstop_id, event.einddatum)


async def apply_prestaties(session: AsyncSession, event: PrestatiesBijgewerkt) -> None:
    await repository.upsert_prestatie(
        session,
        {
            "agb": event.agb,
            "segment_id": event.segment_id,
            "periode": event.periode,
            "gemiddelde_wachttijd_dagen": event.gemiddelde_wachttijd_dagen,
            "treeknorm_dagen": event.treeknorm_dagen,
        },
    )

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.access import ToewijzingAfgegeven, ToewijzingBeeindigd, ToewijzingGewijzigd
from wmo_common.events.consumer import PermanentError
from wmo_gateway.kalender import AMSTERDAM
from wmo_gateway.toewijzingen import repository
from wmo_gateway.toewijzingen.models import Toewijzing

ToewijzingEvent = ToewijzingAfgegeven | ToewijzingGewijzigd | ToewijzingBeeindigd


def iwmo_nummer(toewijzingnummer: str) -> int:
    """The iWmo ToewijzingNummer (an integer, LDT_Nummer) of access's toewijzingnummer."""
    if not toewijzingnummer.isdigit():
        raise PermanentError("a toewijzingnummer must be digits to travel in iWmo (LDT_Nummer)")
    return int(toewijzingnummer)


async def apply_toewijzing(
    session: AsyncSession, event: ToewijzingEvent, recorded_at: datetime
) -> Toewijzing | None:
    """Hold this version of the toewijzing unless a newer one is held; returns it when applied."""
    existing = await repository.find_for_update(session, event.toewijzing_id)
    if existing is not None and existing.version_at >= recorded_at:
        return None
    toewijzing = existing or Toewijzing(id=event.toewijzing_id)
    toewijzing.toewijzingnummer = event.toewijzingnummer
    toewijzing.nummer = iwmo_nummer(event.toewijzingnummer)
    toewijzing.gemeentecode = event.gemeentecode
    toewijzing.aanbieder_agb = event.aanbieder_agb
    toewijzing.client_pseudonym = event.client_pseudonym
    toewijzing.product_categorie = event.product.categorie
    toewijzing.product_code = event.product.code
    toewijzing.ingangsdatum = event.ingangsdatum
    toewijzing.einddatum = event.einddatum
    toewijzing.omvang_volume = event.omvang.volume if event.omvang else None
    toewijzing.omvang_eenheid = event.omvang.eenheid if event.omvang else None
    toewijzing.omvang_frequentie = event.omvang.frequentie if event.omvang else None
    toewijzing.budget_cents = event.budget_cents
    toewijzing.toewijzingsdatum = event.toewijzingsdatum
    toewijzing.toewijzingstijd = recorded_at.astimezone(AMSTERDAM).time().replace(microsecond=0)
    toewijzing.reden_wijziging = getattr(event, "reden_wijziging", None)
    toewijzing.version_at = recorded_at
    if existing is None:
        session.add(toewijzing)
    await session.flush()
    return toewijzing

"""Keep the toewijzing read model in step with access's events (order-free, newest wins)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.access import ToewijzingAfgegeven, ToewijzingBeeindigd, ToewijzingGewijzigd
from wmo_finance.toewijzingen import repository
from wmo_finance.toewijzingen.models import Toewijzing

ToewijzingFeit = ToewijzingAfgegeven | ToewijzingGewijzigd | ToewijzingBeeindigd


async def apply_toewijzing(session: AsyncSession, event: ToewijzingFeit) -> Toewijzing | None:
    """Take a version of a toewijzing; one older than the held version changes nothing.

    The newest Toewijzingsdatum is the current version (iWmo IV013); an end is final for that
    date, so a change dated the same day does not reopen it.
    """
    toewijzing = await repository.find_by_id(session, event.toewijzing_id)
    if toewijzing is not None and (
        event.toewijzingsdatum < toewijzing.toewijzingsdatum
        or (
            event.toewijzingsdatum == toewijzing.toewijzingsdatum
            and toewijzing.is_beeindigd
            and not isinstance(event, ToewijzingBeeindigd)
        )
    ):
        return None
    if toewijzing is None:
        toewijzing = Toewijzing(id=event.toewijzing_id)
        session.add(toewijzing)
    toewijzing.toewijzingnummer = event.toewijzingnummer
    toewijzing.gemeentecode = event.gemeentecode
    toewijzing.aanbieder_agb = event.aanbieder_agb
    toewijzing.client_pseudonym = event.client_pseudonym
    toewijzing.categorie = event.product.categorie
    toewijzing.code = event.product.code
    toewijzing.ingangsdatum = event.ingangsdatum
    toewijzing.einddatum = event.einddatum
    toewijzing.volume = event.omvang.volume if event.omvang else None
    toewijzing.eenheid = event.omvang.eenheid if event.omvang else None
    toewijzing.frequentie = event.omvang.frequentie if event.omvang else None
    toewijzing.budget_cents = event.budget_cents
    toewijzing.segment_id = event.segment_id
    toewijzing.gebied = event.gebied
    toewijzing.toewijzingsdatum = event.toewijzingsdatum
    toewijzing.reden_wijziging = (
        event.reden_wijziging if not isinstance(event, ToewijzingAfgegeven) else None
    )
    toewijzing.is_beeindigd = isinstance(event, ToewijzingBeeindigd)
    await session.flush()
    return toewijzing

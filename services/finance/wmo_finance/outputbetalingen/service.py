"""Outputgericht financing pays a result, not the hours: 80 % of the verplichting becomes
payable when the aanbieder reports the start of care (Wmo305), the held-back 20 % when the
agreed results are met, and nothing more when they are not (the 20 % is then released from the
verplichting). Each share is made payable once, into the betaalbatch of the aanbieder, the
gemeente that pays and the month it became payable; `settle` may run any number of times, in
any order of 305, toewijzing and evaluation.

A share made payable stays: a later change of the toewijzing changes the verplichting, not
what was already paid (a correction is a matter between the gemeente and the aanbieder).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.gateway import ZorgGestart
from wmo_finance.cak_meldingen.service import VERWIJDEREN
from wmo_finance.declaraties import repository as batches
from wmo_finance.leesmodellen.toewijzingen import repository as toewijzingen
from wmo_finance.leesmodellen.toewijzingen.models import Toewijzing
from wmo_finance.outputbetalingen import repository
from wmo_finance.verplichtingen import repository as verplichtingen
from wmo_finance.verplichtingen.models import Verplichting

START = "start"
RESULTAAT = "resultaat"


async def settle(session: AsyncSession, verplichting: Verplichting, toewijzing: Toewijzing) -> None:
    """Make payable what an outputgericht verplichting owes by now."""
    if verplichting.bekostigingsmodel != "outputgericht" or verplichting.status == "vrijgegeven":
        return
    start = await repository.zorg_begindatum(
        session,
        gemeentecode=toewijzing.gemeentecode,
        aanbieder_agb=toewijzing.aanbieder_agb,
        toewijzingnummer=toewijzing.toewijzingnummer,
    )
    if start is None:
        return
    totaal = verplichting.bedrag_cents
    if verplichting.resultaatstatus == "niet-behaald":
        totaal += verplichting.resultaat_cents
    await _pay(session, verplichting, START, totaal - verplichting.resultaat_cents, start)
    if verplichting.resultaatstatus == "behaald" and verplichting.resultaat_cents > 0:
        evaluaties = await toewijzingen.list_evaluaties(session, toewijzing.id)
        behaald_op = max(e.geevalueerd_op for e in evaluaties)
        await _pay(
            session, verplichting, RESULTAAT, verplichting.resultaat_cents, max(start, behaald_op)
        )


async def record_zorg_gestart(session: AsyncSession, event: ZorgGestart) -> None:
    """Keep the reported start and make payable what the start of care releases."""
    await repository.upsert_zorgstart(
        session,
        {
            "gemeentecode": event.gemeentecode,
            "aanbieder_agb": event.aanbieder_agb,
            "toewijzingnummer": event.toewijzingnummer,
            "begindatum": event.begindatum,
            "is_verwijderd": event.status_aanlevering == VERWIJDEREN,
        },
    )
    toewijzing = await toewijzingen.find_by_nummer(
        session,
        gemeentecode=event.gemeentecode,
        aanbieder_agb=event.aanbieder_agb,
        toewijzingnummer=event.toewijzingnummer,
    )
    if toewijzing is None:
        return  # the toewijzing's own booking settles when it arrives
    verplichting = await verplichtingen.find_for_toewijzing(session, toewijzing.id)
    if verplichting is not None:
        await settle(session, verplichting, toewijzing)


async def _pay(
    session: AsyncSession, verplichting: Verplichting, soort: str, bedrag_cents: int, op: date
) -> None:
    if verplichting.gemeentecode is None:
        return
    if not await repository.claim(
        session,
        {
            "verplichting_id": verplichting.id,
            "toewijzing_id": verplichting.toewijzing_id,
            "aanbieder_agb": verplichting.aanbieder_agb,
            "gemeentecode": verplichting.gemeentecode,
            "segment_id": verplichting.segment_id,
            "soort": soort,
            "bedrag_cents": bedrag_cents,
            "betaalbaar_op": op,
        },
    ):
        return
    await repository.add_betaalbaar(session, verplichting.id, bedrag_cents)
    await session.refresh(verplichting, ["betaalbaar_cents"])
    await batches.add_to_batch(
        session,
        aanbieder_agb=verplichting.aanbieder_agb,
        gemeentecode=verplichting.gemeentecode,
        periode=op.replace(day=1),
        bedrag_cents=bedrag_cents,
        aantal=0,
        outputbetalingen_cents=bedrag_cents,
    )

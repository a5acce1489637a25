"""Outputgericht financing pays a result, not the hours: 80 % of the verplichting becomes
payable when the aanbieder reports the start of care (Wmo305), the held-back 20 % when the
agreed results are met, and nothing more when they are not (the 20 % is then released from the
verplichting). Each share is made payable once, into the betaalbatch of the aanbieder, the
gemeente that pays and the month it became payable; `settle` may run any number of times, in
any order of 305, toewijzing and evaluation.

When the toewijzing changes afterwards (docs/bekostiging.md, "80/20 after a change"):
- ended early (access's `toewijzing-beeindigd`, not withdrawn): the 80 % made payable stays (it
  pays the start of the trajectory, "80 % vooraf"), and the verplichting never drops below what
  was made payable. Only a result evaluated on or before the einddatum counts; once the
  einddatum has passed without one, the 20 % can no longer be earned: it lapses (`vervallen`)
  and leaves the verplichting, as when the result is not met.
- withdrawn (reden 13: as if never issued, so care never started under it): every share made
  payable and not yet paid is cancelled: it leaves its betaalbatch and `betaalbaarCents`, and
  stays recorded as cancelled so it is never made payable again. The suite makes shares payable
  and never pays them itself, so no share is paid yet while finance holds it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.calendar import today
from wmo_common.events.gateway import ZorgGestart
from wmo_finance.cak_meldingen.service import VERWIJDEREN
from wmo_finance.declaraties import repository as batches
from wmo_finance.leesmodellen.toewijzingen import repository as toewijzingen
from wmo_finance.leesmodellen.toewijzingen.models import Resultaatevaluatie, Toewijzing
from wmo_finance.outputbetalingen import repository
from wmo_finance.verplichtingen import repository as verplichtingen
from wmo_finance.verplichtingen.models import Verplichting

START = "start"
RESULTAAT = "resultaat"


async def evaluaties(session: AsyncSession, toewijzing: Toewijzing) -> Sequence[Resultaatevaluatie]:
    """The evaluations that count for a toewijzing's result: of one ended early (not withdrawn)
    only those on or before its einddatum, as the care ended before a later result moment."""
    found = await toewijzingen.list_evaluaties(session, toewijzing.id)
    einde = toewijzing.einddatum
    if toewijzing.is_beeindigd and not toewijzing.is_verwijderd and einde is not None:
        return [e for e in found if e.geevalueerd_op <= einde]
    return found


def is_resultaat_vervallen(toewijzing: Toewijzing) -> bool:
    """An early-ended toewijzing whose einddatum passed: its result can no longer be earned."""
    einde = toewijzing.einddatum
    return (
        toewijzing.is_beeindigd
        and not toewijzing.is_verwijderd
        and einde is not None
        and einde < today()
    )


async def betaalbaar_cents(session: AsyncSession, toewijzing: Toewijzing) -> int:
    """What was made payable for a toewijzing and not cancelled."""
    return sum(b.bedrag_cents for b in await repository.list_actief(session, toewijzing.id))


async def settle(session: AsyncSession, verplichting: Verplichting, toewijzing: Toewijzing) -> None:
    """Make payable what an outputgericht verplichting owes by now; cancel what a withdrawn
    toewijzing had made payable."""
    if verplichting.bekostigingsmodel != "outputgericht":
        return
    if verplichting.status == "vrijgegeven":
        await _cancel(session, verplichting)
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
    if verplichting.resultaatstatus in ("niet-behaald", "vervallen"):
        totaal += verplichting.resultaat_cents
    await _pay(session, verplichting, START, totaal - verplichting.resultaat_cents, start)
    if verplichting.resultaatstatus == "behaald" and verplichting.resultaat_cents > 0:
        behaald_op = max(e.geevalueerd_op for e in await evaluaties(session, toewijzing))
        await _pay(
            session, verplichting, RESULTAAT, verplichting.resultaat_cents, max(start, behaald_op)
        )


async def _cancel(session: AsyncSession, verplichting: Verplichting) -> None:
    """Take every share not yet cancelled out of `betaalbaarCents` and its betaalbatch."""
    for betaling in await repository.list_actief(session, verplichting.toewijzing_id):
        betaling.geannuleerd_op = today()
        await repository.add_betaalbaar(session, verplichting.id, -betaling.bedrag_cents)
        await batches.add_to_batch(
            session,
            aanbieder_agb=betaling.aanbieder_agb,
            gemeentecode=betaling.gemeentecode,
            periode=betaling.betaalbaar_op.replace(day=1),
            bedrag_cents=-betaling.bedrag_cents,
            aantal=0,
            outputbetalingen_cents=-betaling.bedrag_cents,
        )
    await session.flush()
    await session.refresh(verplichting, ["betaalbaar_cents"])


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

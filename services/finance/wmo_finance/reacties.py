"""Every reaction of finance to other services' events, and what each one sets in motion.

Contracting's strategies and contracts and access's toewijzingen arrive on different topics, in
different consumers, in any order. Each reaction takes its locks first, in the order of
`locks` (beschikking, then aanbieder(s), then segment), applies the event to the read model,
and then runs the use case that depends on it: (re)book the verplichtingen (which also checks
the budget lines and budgetplafonds they count against and makes payable what outputgericht
financing owes), set the budgetplafonds of a contract, judge a declaratie, keep the
CAK-meldingen in line with the care delivered, pay the 80 % of an outputgericht toewijzing when
its care starts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.access import (
    INDICATIES,
    TOEWIJZINGEN,
    BeschikkingAfgegeven,
    IndicatieVerlopen,
    ResultaatGeevalueerd,
    ToewijzingAfgegeven,
    ToewijzingBeeindigd,
    ToewijzingGewijzigd,
)
from wmo_common.events.consumer import HandlerContext
from wmo_common.events.contracting import (
    CONTRACTEN,
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
    VerwervingsstrategieGepubliceerd,
)
from wmo_common.events.gateway import INBOUND, DeclaratieOntvangen, ZorgGestart, ZorgGestopt
from wmo_common.runtime import ConsumerSpec
from wmo_finance.budgetten import drempels
from wmo_finance.cak_meldingen import service as cak_meldingen
from wmo_finance.declaraties import service as declaraties
from wmo_finance.leesmodellen.contracten import service as contracten
from wmo_finance.leesmodellen.toewijzingen import repository as toewijzingen_repository
from wmo_finance.leesmodellen.toewijzingen import service as toewijzingen
from wmo_finance.locks import lock, lock_all
from wmo_finance.outputbetalingen import service as outputbetalingen
from wmo_finance.settings import Settings
from wmo_finance.verplichtingen import service as verplichtingen

Context = HandlerContext[Settings]


# --- contracting: strategies and contracts -------------------------------------------------


async def on_verwervingsstrategie_gepubliceerd(
    session: AsyncSession, event: VerwervingsstrategieGepubliceerd, context: Context
) -> None:
    """A new strategy version can price the segment's toewijzingen: rebook them."""
    await lock(session, "segment", event.segment_id)
    segment = await contracten.apply_strategie(session, event)
    if segment is not None:
        await verplichtingen.book_all(
            session, await toewijzingen_repository.list_for_segment(session, segment.id)
        )


async def on_contract(
    session: AsyncSession, event: ContractGeactiveerd | ContractGewijzigd, context: Context
) -> None:
    """A contract sets the budgetplafond of each of its years and prices its hoofdaannemer's
    toewijzingen (a lumpsum contract those of every partij): check the ceilings, then rebook
    those toewijzingen."""
    betaald = [p.aanbieder_agb for p in event.partijen if p.rol == "hoofdaannemer"]
    if event.bekostiging.model == "taakgericht":
        betaald = [p.aanbieder_agb for p in event.partijen]
    await lock_all(session, _aanbieders_then_segmenten((p, event.segment_id) for p in betaald))
    contract = await contracten.apply_contract(session, event)
    await drempels.check_plafonds_of(session, contract)
    for partij in sorted(set(betaald)):
        await verplichtingen.book_all(
            session, await toewijzingen_repository.list_for_aanbieder(session, partij)
        )


async def on_contract_beeindigd(
    session: AsyncSession, event: ContractBeeindigd, context: Context
) -> None:
    await contracten.apply_contract_beeindigd(session, event)


# --- access: toewijzingen, results and expired indicaties ---------------------------------


async def on_toewijzing(
    session: AsyncSession,
    event: ToewijzingAfgegeven | ToewijzingGewijzigd | ToewijzingBeeindigd,
    context: Context,
) -> None:
    """Book, adjust or end the verplichting of a new version of a toewijzing."""
    locks: list[tuple[str, str | uuid.UUID]] = [
        ("beschikking", event.beschikking_id),
        ("aanbieder", event.aanbieder_agb),
    ]
    if event.segment_id is not None:
        locks.append(("segment", event.segment_id))
    await lock_all(session, locks)
    toewijzing = await toewijzingen.apply_toewijzing(session, event)
    if toewijzing is not None:
        await verplichtingen.book(session, toewijzing)


def _aanbieders_then_segmenten(
    paren: Iterable[tuple[str, uuid.UUID | None]],
) -> list[tuple[str, str | uuid.UUID]]:
    """The locks of these aanbieders and segments in the order of locks.py: each kind sorted,
    every aanbieder before any segment."""
    paren = list(paren)
    agbs = sorted({agb for agb, _ in paren})
    segmenten = sorted({s for _, s in paren if s is not None})
    return [("aanbieder", agb) for agb in agbs] + [("segment", s) for s in segmenten]


async def on_resultaat_geevalueerd(
    session: AsyncSession, event: ResultaatGeevalueerd, context: Context
) -> None:
    """An evaluated result releases (met: payable) or keeps back (not met: released from the
    verplichting) the held-back share: rebook the toewijzingen it names. The aanbieder's lock
    orders this against the start of care (`on_zorg_gestart_bekostiging`) that pays with it."""
    ids = [i for i in {*event.toewijzing_ids, event.toewijzing_id} if i is not None]
    known = [t for i in ids if (t := await toewijzingen_repository.find_by_id(session, i))]
    await lock_all(
        session, _aanbieders_then_segmenten((t.aanbieder_agb, t.segment_id) for t in known)
    )
    for toewijzing in await toewijzingen.apply_resultaat_geevalueerd(session, event):
        await verplichtingen.book(session, toewijzing)


async def on_beschikking_afgegeven(
    session: AsyncSession, event: BeschikkingAfgegeven, context: Context
) -> None:
    """The indicated intensiteiten choose the tarieven: rebook the beschikking's toewijzingen."""
    await lock(session, "beschikking", event.beschikking_id)
    known = await toewijzingen_repository.list_for_beschikking(session, event.beschikking_id)
    await lock_all(
        session, _aanbieders_then_segmenten((t.aanbieder_agb, t.segment_id) for t in known)
    )
    await verplichtingen.book_all(
        session, await toewijzingen.apply_beschikking_afgegeven(session, event)
    )


async def on_indicatie_verlopen(
    session: AsyncSession, event: IndicatieVerlopen, context: Context
) -> None:
    """End the verplichtingen of the toewijzingen that ended with the indicatie."""
    await lock(session, "beschikking", event.beschikking_id)
    # Booking checks budgets and plafonds: take what a toewijzing version of these aanbieders
    # and segments takes, in the same order (locks.py), before touching their rows.
    paren = await toewijzingen_repository.list_aanbieders_ending_by(
        session, event.beschikking_id, event.einddatum
    )
    await lock_all(session, _aanbieders_then_segmenten(paren))
    for toewijzing in await toewijzingen.apply_indicatie_verlopen(session, event):
        await verplichtingen.book(session, toewijzing)


# --- gateway: declaraties and the real start and stop of care -----------------------------


async def on_declaratie_ontvangen(
    session: AsyncSession, event: DeclaratieOntvangen, context: Context
) -> None:
    """Judge the money of every received Wmo323; the judging takes the aanbieder's declaraties
    lock itself."""
    await declaraties.judge_declaratie(session, event)


async def on_zorg_gestart(session: AsyncSession, event: ZorgGestart, context: Context) -> None:
    """A Wmo305: the real start of care may start an eigen bijdrage (a CAK-melding), and makes
    the 80 % of an outputgericht toewijzing payable. The aanbieder's lock, which every booking
    of its toewijzingen takes too, makes the one that commits second see the other: a start
    that arrives before its toewijzing is paid when the toewijzing is booked."""
    await lock(session, "aanbieder", event.aanbieder_agb)
    await cak_meldingen.record_zorg(
        session,
        gemeentecode=event.gemeentecode,
        aanbieder_agb=event.aanbieder_agb,
        toewijzingnummer=event.toewijzingnummer,
        client_pseudonym=event.client_pseudonym,
        product=event.product,
        begindatum=event.begindatum,
        einddatum=None,
        status_aanlevering=event.status_aanlevering,
        today=context.today(),
    )
    await outputbetalingen.record_zorg_gestart(session, event)


async def on_zorg_gestopt(session: AsyncSession, event: ZorgGestopt, context: Context) -> None:
    """A Wmo307: the real stop of care may stop an eigen bijdrage (a CAK-melding)."""
    await cak_meldingen.record_zorg(
        session,
        gemeentecode=event.gemeentecode,
        aanbieder_agb=event.aanbieder_agb,
        toewijzingnummer=event.toewijzingnummer,
        client_pseudonym=event.client_pseudonym,
        product=event.product,
        begindatum=event.begindatum,
        einddatum=event.einddatum,
        status_aanlevering=event.status_aanlevering,
        # A correction is due a month after the Dutch calendar day it was learned.
        today=context.today(),
    )


CONSUMERS = [
    ConsumerSpec(
        purpose="contracten",
        topics=[CONTRACTEN],
        handlers={
            VerwervingsstrategieGepubliceerd: on_verwervingsstrategie_gepubliceerd,
            ContractGeactiveerd: on_contract,
            ContractGewijzigd: on_contract,
            ContractBeeindigd: on_contract_beeindigd,
        },
    ),
    ConsumerSpec(
        purpose="toewijzingen",
        topics=[TOEWIJZINGEN, INDICATIES],
        handlers={
            ToewijzingAfgegeven: on_toewijzing,
            ToewijzingGewijzigd: on_toewijzing,
            ToewijzingBeeindigd: on_toewijzing,
            ResultaatGeevalueerd: on_resultaat_geevalueerd,
            IndicatieVerlopen: on_indicatie_verlopen,
            BeschikkingAfgegeven: on_beschikking_afgegeven,
        },
    ),
    ConsumerSpec(
        purpose="declaraties",
        topics=[INBOUND],
        handlers={DeclaratieOntvangen: on_declaratie_ontvangen},
    ),
    # Its own group: a long run of declaraties never delays what the CAK must hear in time
    # (nor the 80 % the start of outputgericht care makes payable).
    ConsumerSpec(
        purpose="cak-meldingen",
        topics=[INBOUND],
        handlers={ZorgGestart: on_zorg_gestart, ZorgGestopt: on_zorg_gestopt},
    ),
]

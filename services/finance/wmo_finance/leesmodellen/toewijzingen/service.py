"""Keep the toewijzing read model in step with access's events (order-free, newest wins).

Each `apply_*` returns the toewijzingen whose verplichting it changes; booking them is the
caller's (`reacties`) business, not the read model's."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.access import (
    BeschikkingAfgegeven,
    IndicatieVerlopen,
    ResultaatGeevalueerd,
    ToewijzingAfgegeven,
    ToewijzingBeeindigd,
    ToewijzingGewijzigd,
)
from wmo_finance.leesmodellen.toewijzingen import repository
from wmo_finance.leesmodellen.toewijzingen.models import (
    Indicatie,
    Resultaatevaluatie,
    Toewijzing,
    VerlopenIndicatie,
)

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
    toewijzing.beschikking_id = event.beschikking_id
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
    # Derived from this version, not carried over: an extension onto a new beschikking (or past
    # the expired end) makes the toewijzing run again.
    toewijzing.is_verlopen = event.einddatum is not None and await repository.is_verlopen(
        session, event.beschikking_id, event.einddatum
    )
    await session.flush()
    return toewijzing


async def apply_indicatie_verlopen(
    session: AsyncSession, event: IndicatieVerlopen
) -> Sequence[Toewijzing]:
    """Keep the expired indicatie and end the toewijzingen that ended with it; returns them.

    Taking the same event again changes nothing. The caller holds the beschikking's lock, which
    a toewijzing version of this beschikking waits for, so neither misses the other.
    """
    if await repository.find_verlopen_indicatie(session, event.indicatie_id) is None:
        session.add(
            VerlopenIndicatie(
                indicatie_id=event.indicatie_id,
                beschikking_id=event.beschikking_id,
                einddatum=event.einddatum,
            )
        )
    toewijzingen = await repository.list_ending_by(session, event.beschikking_id, event.einddatum)
    for toewijzing in toewijzingen:
        toewijzing.is_verlopen = True
    await session.flush()
    return toewijzingen


async def apply_resultaat_geevalueerd(
    session: AsyncSession, event: ResultaatGeevalueerd
) -> list[Toewijzing]:
    """Keep the newest evaluation of a resultaat for each toewijzing it names; returns the
    known toewijzingen whose evaluation changed (a result of a plan without a toewijzing holds
    no money back; a toewijzing not known yet is booked with it when it arrives)."""
    ids = list(dict.fromkeys([*event.toewijzing_ids, event.toewijzing_id]))
    changed = []
    for toewijzing_id in (i for i in ids if i is not None):
        evaluatie = await repository.find_evaluatie(session, event.resultaat_id, toewijzing_id)
        if evaluatie is not None and evaluatie.geevalueerd_op > event.geevalueerd_op:
            continue
        if evaluatie is None:
            evaluatie = Resultaatevaluatie(
                resultaat_id=event.resultaat_id, toewijzing_id=toewijzing_id
            )
            session.add(evaluatie)
        evaluatie.is_behaald = event.behaald
        evaluatie.geevalueerd_op = event.geevalueerd_op
        await session.flush()
        toewijzing = await repository.find_by_id(session, toewijzing_id)
        if toewijzing is not None:
            changed.append(toewijzing)
    return changed


async def apply_beschikking_afgegeven(
    session: AsyncSession, event: BeschikkingAfgegeven
) -> Sequence[Toewijzing]:
    """Keep the intensiteit of each indicated product; returns the beschikking's known
    toewijzingen, whose price may depend on it."""
    for regel in event.indicaties:
        indicatie = await repository.find_indicatie(session, regel.indicatie_id)
        if indicatie is None:
            indicatie = Indicatie(indicatie_id=regel.indicatie_id)
            session.add(indicatie)
        indicatie.beschikking_id = event.beschikking_id
        indicatie.categorie = regel.product.categorie
        indicatie.code = regel.product.code
        indicatie.intensiteit = regel.intensiteit
    await session.flush()
    return await repository.list_for_beschikking(session, event.beschikking_id)

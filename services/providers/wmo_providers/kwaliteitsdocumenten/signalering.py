"""An expired quality document flags its aanbieder: access then warns on every toewijzing to
it. Where a segment's strategy says so, it also gets a blocking flag for that segment, and access
refuses toewijzingen to it there. A valid new document of that soort lifts the flags."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_providers.aanbieders import repository as aanbieders
from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.kwaliteitsdocumenten.models import Kwaliteitsdocument
from wmo_providers.kwaliteitsdocumenten.schemas import Soort
from wmo_providers.leesmodellen.contracten import repository as contracten
from wmo_providers.leesmodellen.strategieen import repository as strategieen
from wmo_providers.signaleringen import repository as signaleringen
from wmo_providers.signaleringen.service import lift, raise_signalering

SYSTEEM = "verloopcontrole"


def indicator(soort: str) -> str:
    return f"kwaliteitsdocument-{soort}"


async def flag_expired(
    session: AsyncSession, verlopen: dict[str, list[Soort]], peildatum: date
) -> int:
    """Flag each aanbieder once per soort whose documents all expired (per `verlopen`, by AGB),
    and once more, blocking, in each segment of its running contracts whose strategy makes an
    expired document block; returns how many flags were raised."""
    raised = 0
    for agb, soorten in verlopen.items():
        aanbieder = await aanbieders.find_by_agb(session, agb)
        if aanbieder is None or not soorten:
            continue
        blokkerend = await strategieen.blocking_expired_documents(
            session, await contracten.running_segments(session, agb, peildatum)
        )
        for soort in soorten:
            reden = f"Kwaliteitsdocument {soort} is verlopen (peildatum {peildatum:%Y-%m-%d})."
            if await signaleringen.find_open(session, aanbieder.id, indicator(soort)) is None:
                await raise_signalering(
                    session, aanbieder, reden=reden, actor=SYSTEEM, indicator=indicator(soort)
                )
                raised += 1
            for segment_id in sorted(blokkerend):
                if await signaleringen.find_open_in_segment(
                    session, aanbieder.id, indicator(soort), segment_id
                ):
                    continue
                await raise_signalering(
                    session,
                    aanbieder,
                    reden=f"{reden} De verwervingsstrategie van het segment blokkeert dan "
                    "toewijzingen.",
                    actor=SYSTEEM,
                    segment_id=segment_id,
                    indicator=indicator(soort),
                    is_blokkerend=True,
                )
                raised += 1
    return raised


async def lift_when_renewed(
    session: AsyncSession, aanbieder: Aanbieder, document: Kwaliteitsdocument, today: date
) -> None:
    """A document valid today lifts the open flags for its soort, blocking or not."""
    if document.afgiftedatum > today or (
        document.vervaldatum is not None and document.vervaldatum < today
    ):
        return
    for open_flag in await signaleringen.open_with_indicator(
        session, aanbieder.id, indicator(document.soort)
    ):
        await lift(
            session,
            open_flag,
            aanbieder.agb,
            reden=f"Nieuw kwaliteitsdocument {document.soort} geldig tot "
            f"{document.vervaldatum.isoformat() if document.vervaldatum else 'onbepaald'}.",
            actor=SYSTEEM,
        )

"""An expired quality document flags its aanbieder: access then warns on every toewijzing to
it; a valid new document of that soort lifts the flag."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_providers.aanbieders import repository as aanbieders
from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.kwaliteitsdocumenten.models import Kwaliteitsdocument
from wmo_providers.kwaliteitsdocumenten.schemas import Soort
from wmo_providers.signaleringen import repository as signaleringen
from wmo_providers.signaleringen.service import lift, raise_signalering

SYSTEEM = "verloopcontrole"


def indicator(soort: str) -> str:
    return f"kwaliteitsdocument-{soort}"


async def flag_expired(
    session: AsyncSession, verlopen: dict[str, list[Soort]], peildatum: date
) -> int:
    """Flag each aanbieder once per soort whose documents all expired (per `verlopen`, by AGB);
    returns how many flags were raised."""
    raised = 0
    for agb, soorten in verlopen.items():
        aanbieder = await aanbieders.find_by_agb(session, agb)
        if aanbieder is None:
            continue
        for soort in soorten:
            if await signaleringen.find_open(session, aanbieder.id, indicator(soort)) is not None:
                continue
            await raise_signalering(
                session,
                aanbieder,
                reden=f"Kwaliteitsdocument {soort} is verlopen (peildatum {peildatum:%Y-%m-%d}).",
                actor=SYSTEEM,
                indicator=indicator(soort),
            )
            raised += 1
    return raised


async def lift_when_renewed(
    session: AsyncSession, aanbieder: Aanbieder, document: Kwaliteitsdocument, today: date
) -> None:
    """A document valid today lifts the open flag for its soort."""
    if document.afgiftedatum > today or (
        document.vervaldatum is not None and document.vervaldatum < today
    ):
        return
    open_flag = await signaleringen.find_open(session, aanbieder.id, indicator(document.soort))
    if open_flag is not None:
        await lift(
            session,
            open_flag,
            aanbieder.agb,
            reden=f"Nieuw kwaliteitsdocument {document.soort} geldig tot "
            f"{document.vervaldatum.isoformat() if document.vervaldatum else 'onbepaald'}.",
            actor=SYSTEEM,
        )

"""The indication expiry check: announce indicaties nearing their end (a herindicatie taak) and
those that reached it (their toewijzingen end). Each announcement happens once per indicatie."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.indicaties import repository
from wmo_access.indicaties.schemas import VerloopcontroleResultaat
from wmo_access.taken import service as taken
from wmo_access.toewijzingen import repository as toewijzingen
from wmo_common.events import outbox
from wmo_common.events.access import IndicatieVerloopt, IndicatieVerlopen
from wmo_common.scheduling import recorded_run


async def _announce_expiry(session: AsyncSession, peildatum: date) -> VerloopcontroleResultaat:
    verloopt = verlopen = beeindigd = 0
    for indicatie, beschikking, client in await repository.nearing_end(session, peildatum):
        if indicatie.einddatum is None or not await repository.claim(
            session, indicatie.id, "verloopt", peildatum
        ):
            continue
        await outbox.add(
            session,
            IndicatieVerloopt(
                indicatie_id=indicatie.id,
                beschikking_id=beschikking.id,
                client_pseudonym=client.pseudonym,
                einddatum=indicatie.einddatum,
                dagen_resterend=repository.dagen_tot(indicatie.einddatum, peildatum),
            ),
        )
        await taken.add_herindicatie(
            session,
            client_id=client.id,
            gemeentecode=beschikking.gemeentecode,
            gebied=client.gebied,
            indicatie_id=indicatie.id,
            deadline=indicatie.einddatum,
        )
        verloopt += 1
    for indicatie, beschikking, client in await repository.at_end(session, peildatum):
        if indicatie.einddatum is None or not await repository.claim(
            session, indicatie.id, "verlopen", peildatum
        ):
            continue
        await outbox.add(
            session,
            IndicatieVerlopen(
                indicatie_id=indicatie.id,
                beschikking_id=beschikking.id,
                client_pseudonym=client.pseudonym,
                einddatum=indicatie.einddatum,
            ),
        )
        # A toewijzing never runs past its indicatie, so its Wmo301 already carries this end:
        # it is closed here without a new version for the aanbieder.
        for toewijzing in await toewijzingen.active_for_indicatie(session, indicatie.id):
            toewijzing.status = "beeindigd"
            beeindigd += 1
        verlopen += 1
    await session.flush()
    return VerloopcontroleResultaat(
        peildatum=peildatum, verloopt=verloopt, verlopen=verlopen, toewijzingen_beeindigd=beeindigd
    )


async def check_expiry(session: AsyncSession, peildatum: date) -> VerloopcontroleResultaat:
    """Run the expiry check as one recorded run of the `indicaties` scheduler."""
    async with recorded_run(session, "indicaties", peildatum):
        return await _announce_expiry(session, peildatum)

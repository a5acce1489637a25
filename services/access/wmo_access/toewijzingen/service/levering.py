"""The aanbieder's delivery messages: start (Wmo305) and stop (Wmo307) of the care, order-free."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.beschikkingen.models import Beschikking
from wmo_access.clienten import service as clienten
from wmo_access.toewijzingen import repository
from wmo_access.toewijzingen.models import Toewijzing
from wmo_access.toewijzingen.service.wmo301 import close
from wmo_common.events.consumer import PermanentError
from wmo_common.events.gateway import ZorgGestart, ZorgGestopt

GEINITIEERD_DOOR_AANBIEDER = "12"
# StatusAanlevering 3: the provider withdraws an earlier start or stop.
VERWIJDEREN = "3"
# RedenBeeindiging 20: care paused (e.g. a hospital stay), not ended.
TIJDELIJK_GESTOPT = "20"
# RedenBeeindiging -> RedenWijziging, after the iWmo table reden-wijziging-naar-reden-beeindiging.
REDEN_BIJ_BEEINDIGING = {"02": "02", "31": "07", "38": "09", "39": "06"}


class OnbekendeToewijzing(PermanentError):
    """An inbound message names a toewijzing we never gave to that aanbieder for that client."""


async def _delivered(
    session: AsyncSession, toewijzingnummer: str, agb: str, pseudonym: str
) -> Toewijzing:
    toewijzing = await repository.find_by_nummer(session, toewijzingnummer, for_update=True)
    if toewijzing is None or toewijzing.aanbieder_agb != agb:
        raise OnbekendeToewijzing(
            "Het bericht noemt een toewijzingnummer dat niet aan deze aanbieder is toegewezen."
        )
    client = await clienten.load_client(session, toewijzing.client_id)
    if client.pseudonym != pseudonym:
        raise OnbekendeToewijzing("Het bericht noemt een andere cliënt dan de toewijzing.")
    return toewijzing


async def record_zorg_gestart(session: AsyncSession, event: ZorgGestart) -> None:
    """Wmo305: delivery started. Order-free: a stop that arrived first is not undone."""
    toewijzing = await _delivered(
        session, event.toewijzingnummer, event.aanbieder_agb, event.client_pseudonym
    )
    if event.status_aanlevering == VERWIJDEREN:
        if (
            toewijzing.leveringsstatus == "gestart"
            and toewijzing.zorg_begindatum == event.begindatum
        ):
            toewijzing.leveringsstatus = "niet-gestart"
            toewijzing.zorg_begindatum = None
    else:
        toewijzing.zorg_begindatum = event.begindatum
        if toewijzing.leveringsstatus == "niet-gestart":
            toewijzing.leveringsstatus = "gestart"
    await session.flush()


async def record_zorg_gestopt(
    session: AsyncSession, event: ZorgGestopt, *, field_key_gateway: str | None
) -> None:
    """Wmo307: delivery stopped. A definitive stop also ends the toewijzing per that date; a
    temporary one (reden 20, e.g. a hospital stay) leaves it running."""
    toewijzing = await _delivered(
        session, event.toewijzingnummer, event.aanbieder_agb, event.client_pseudonym
    )
    if event.status_aanlevering == VERWIJDEREN:
        if toewijzing.leveringsstatus == "gestopt" and toewijzing.zorg_einddatum == event.einddatum:
            toewijzing.leveringsstatus = "gestart"
            toewijzing.zorg_einddatum = None
            toewijzing.reden_beeindiging = None
        await session.flush()
        return
    toewijzing.leveringsstatus = "gestopt"
    toewijzing.zorg_begindatum = toewijzing.zorg_begindatum or event.begindatum
    toewijzing.zorg_einddatum = event.einddatum
    toewijzing.reden_beeindiging = event.reden_beeindiging
    definitief = event.reden_beeindiging != TIJDELIJK_GESTOPT
    if definitief and toewijzing.status == "actief":
        einde = max(toewijzing.ingangsdatum, event.einddatum)
        if toewijzing.einddatum is not None:
            einde = min(einde, toewijzing.einddatum)
        beschikking = await session.get(Beschikking, toewijzing.beschikking_id)
        if beschikking is None:
            raise OnbekendeToewijzing("De beschikking van deze toewijzing ontbreekt.")
        client = await clienten.load_client(session, toewijzing.client_id)
        reden = REDEN_BIJ_BEEINDIGING.get(event.reden_beeindiging or "", GEINITIEERD_DOOR_AANBIEDER)
        await close(session, toewijzing, beschikking, client, einde, reden, field_key_gateway)
    await session.flush()

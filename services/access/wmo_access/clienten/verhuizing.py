"""A client moves (verhuizing): the BSN stays the key, the one client record gets the new address
and gemeente.

Within the region (a gemeente in `gemeenten.toml`, the region's gemeenten with their
letterheads) the running toewijzingen continue under the gemeente that issued them: their
ToewijzingNummer, the aanbieder's starts, stops and declaraties and finance's verplichting stay
with it. The aanbieder gets the Wmo301 again with the new address (client-verhuisd); a new
toewijzing after the move goes under the new gemeente. Leaving the region ends every running
toewijzing on the date of the move with RedenWijziging 07 (verhuizing naar een andere gemeente)
through the ordinary end of a toewijzing: a Wmo301 per toewijzing-beeindigd; a verzoek still
open is refused with RedenAfwijzingVerzoek 5 (andere gemeente): a Wmo319."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from wmo_access.beschikkingen.brief.sjablonen import sjablonen
from wmo_access.clienten import service as clienten
from wmo_access.clienten.errors import GeenVerhuizing
from wmo_access.clienten.models import Client
from wmo_access.clienten.schemas import Verhuizing
from wmo_access.toewijzingen import repository as toewijzingen
from wmo_access.toewijzingen import service as toewijzing_service
from wmo_access.toewijzingen.schemas import ToewijzingBeeindiging
from wmo_access.verzoeken import repository as verzoeken
from wmo_access.verzoeken import service as verzoek_service
from wmo_access.verzoeken.schemas import VerzoekBeslissing
from wmo_common.auth import Principal
from wmo_common.concurrency import VersieVerouderd, ensure_version
from wmo_common.events import outbox
from wmo_common.events.access import ClientVerhuisd

# iWmo RedenWijziging 07: verhuizing naar een andere gemeente (the aanbieder's stop reason 31).
VERHUIZING = "07"
ANDERE_GEMEENTE = "5"


def in_regio(gemeentecode: str) -> bool:
    """Whether the gemeente belongs to the region this toegang serves."""
    return gemeentecode in sjablonen()


async def move_client(
    session: AsyncSession,
    client_id: uuid.UUID,
    data: Verhuizing,
    *,
    versie: int,
    field_key_gateway: str | None,
    actor: Principal,
) -> Client:
    """Record the move on the version the caller read, then continue or end the client's running
    toewijzingen as the new gemeente says."""
    client = await clienten.load_client(session, client_id)
    ensure_version(versie, client.versie)
    binnen = in_regio(data.gemeentecode)
    gebied = data.gebied if binnen else None
    if (
        clienten.adres_of(client) == data.adres
        and client.gemeentecode == data.gemeentecode
        and client.gebied == gebied
    ):
        raise GeenVerhuizing()
    client.gemeentecode = data.gemeentecode
    client.gebied = gebied
    clienten.set_adres(client, data.adres)
    try:
        await session.flush()
    except StaleDataError:
        raise VersieVerouderd() from None
    await clienten.record_change(session, actor, client)
    lopend = await toewijzingen.running_of_client(session, client.id, data.verhuisdatum)
    if binnen:
        if lopend:
            await outbox.add(
                session,
                ClientVerhuisd(
                    client_id=client.id,
                    client_pseudonym=client.pseudonym,
                    client_gegevens=clienten.gateway_gegevens(client, field_key_gateway),
                    gemeentecode=client.gemeentecode,
                    verhuisdatum=data.verhuisdatum,
                ),
            )
        return client
    # The new gemeente decides what the client asks from now on: an open verzoek is refused
    # with RedenAfwijzingVerzoek 5 (andere gemeente), and the aanbieder gets its Wmo319.
    for verzoek in await verzoeken.open_of_client(session, client.id):
        await verzoek_service.decide_verzoek(
            session,
            verzoek.id,
            VerzoekBeslissing(besluit="afwijzen", reden_afwijzing=ANDERE_GEMEENTE),
            field_key_gateway=field_key_gateway,
            actor=actor,
        )
    for toewijzing in lopend:
        await toewijzing_service.end_toewijzing(
            session,
            toewijzing.id,
            ToewijzingBeeindiging(
                # One that would only start after the move ends on its first day.
                einddatum=max(toewijzing.ingangsdatum, data.verhuisdatum),
                reden_wijziging=VERHUIZING,
            ),
            versie=toewijzing.versie,
            field_key_gateway=field_key_gateway,
            actor=actor,
        )
    return client

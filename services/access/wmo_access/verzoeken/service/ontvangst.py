"""Receiving verzoeken (Wmo315/317): recorded once per (aanbieder, referentie). In a lumpsum
segment without individual decisions the coalition decides, so a fitting 315 is granted at once;
every other verzoek becomes a consultant taak with its iWmo deadline."""

from __future__ import annotations

import uuid

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.clienten import service as clienten
from wmo_access.clienten.models import Client
from wmo_access.leesmodellen.aanbieders import repository as aanbieders
from wmo_access.leesmodellen.contracten import repository as contracten
from wmo_access.leesmodellen.contracten.models import Segment
from wmo_access.taken import service as taken
from wmo_access.termijnen import VERZOEK_WERKDAGEN
from wmo_access.toewijzingen import afgiftefeiten
from wmo_access.verzoeken.models import Verzoek
from wmo_access.verzoeken.service.antwoord import answer, assign
from wmo_common.auth import Principal
from wmo_common.calendar import add_working_days, today
from wmo_common.events.consumer import PermanentError
from wmo_common.events.gateway import (
    GevraagdProduct,
    VerzoekToewijzingOntvangen,
    VerzoekWijzigingOntvangen,
)

# Who the audit log names when toegang grants a verzoek by the segment's rules.
SYSTEEM = Principal(subject="systeem:verzoekbeoordeling", roles=frozenset())


class OnbekendeClient(PermanentError):
    """A verzoek for a client toegang does not know; the gateway cannot be answered for it."""


async def receive_verzoek(
    session: AsyncSession,
    event: VerzoekToewijzingOntvangen | VerzoekWijzigingOntvangen,
    *,
    field_key_gateway: str | None,
) -> None:
    """Record a verzoek once per (aanbieder, referentie), then grant it or queue a taak."""
    client = await clienten.find_by_pseudonym(session, event.client_pseudonym)
    if client is None:
        raise OnbekendeClient("Het verzoek noemt een cliënt die toegang niet kent.")
    soort = "toewijzing" if isinstance(event, VerzoekToewijzingOntvangen) else "wijziging"
    ontvangen = today()
    inserted = await session.execute(
        insert(Verzoek)
        .values(
            id=uuid.uuid4(),
            bericht_id=event.bericht_id,
            soort=soort,
            referentie=event.referentie,
            aanbieder_agb=event.aanbieder_agb,
            client_id=client.id,
            gemeentecode=event.gemeentecode,
            producten=[p.model_dump(mode="json") for p in event.producten],
            ontvangen_date=ontvangen,
            deadline_date=add_working_days(ontvangen, VERZOEK_WERKDAGEN),
            is_in_onderzoek=False,
            status="in-behandeling",
        )
        .on_conflict_do_nothing()
        .returning(Verzoek.id)
    )
    verzoek_id = inserted.scalar_one_or_none()
    if verzoek_id is None:
        return  # this verzoek was received before: the answer stands
    verzoek = await session.get(Verzoek, verzoek_id)
    if verzoek is None:
        raise RuntimeError("the verzoek just inserted is gone")
    segment = None
    # Without an address or phone number no Wmo301 can go out: a consultant completes the file.
    if soort == "toewijzing" and client.has_contact:
        segment = await _lumpsum_segment(session, client, event.aanbieder_agb, event.producten)
    if segment is None:
        await taken.add_verzoek(
            session,
            client_id=client.id,
            gemeentecode=verzoek.gemeentecode,
            gebied=client.gebied,
            verzoek_id=verzoek.id,
            deadline=verzoek.deadline_date,
        )
        return
    _, nummers = await assign(
        session, verzoek, client, segment, event.producten, field_key_gateway, SYSTEEM
    )
    await answer(session, verzoek, client, nummers, field_key_gateway, SYSTEEM)


async def _lumpsum_segment(
    session: AsyncSession, client: Client, agb: str, producten: list[GevraagdProduct]
) -> Segment | None:
    """The one lumpsum segment whose coalition contract covers every asked product within the
    segment's limits; None when a consultant must decide."""
    gevonden: set[uuid.UUID] = set()
    for gevraagd in producten:
        contracts = await contracten.active_contracts(
            session,
            agb=agb,
            product=gevraagd.product,
            gebied=client.gebied,
            on=gevraagd.ingangsdatum,
        )
        segment_ids = {c.segment_id for c in contracts if c.segment_id is not None}
        lumpsum = [
            s
            for s in [await contracten.find_segment(session, i) for i in sorted(segment_ids)]
            if s is not None and s.is_lumpsum and _within_limits(s, gevraagd)
        ]
        if not lumpsum:
            return None
        gevonden.add(lumpsum[0].id)
        if await aanbieders.is_blocked(session, agb, lumpsum[0].id):
            return None
        if await afgiftefeiten.pgb_overlapping(
            session, client.id, gevraagd.product, gevraagd.ingangsdatum, gevraagd.einddatum
        ):
            return None
    if len(gevonden) != 1:
        return None
    return await contracten.find_segment(session, gevonden.pop())


def _within_limits(segment: Segment, gevraagd: GevraagdProduct) -> bool:
    uiterlijk = segment.einde_bereik(gevraagd.ingangsdatum)
    if uiterlijk is None:
        return True
    return gevraagd.einddatum is not None and gevraagd.einddatum <= uiterlijk

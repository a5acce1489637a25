"""A consultant's decision on a verzoek, and the verzoeken queue."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.clienten import service as clienten
from wmo_access.taken import service as taken
from wmo_access.termijnen import VERZOEK_ONDERZOEK_TERMIJN
from wmo_access.verzoeken import repository
from wmo_access.verzoeken.errors import VerzoekAlBeslist, VerzoekNietGevonden
from wmo_access.verzoeken.models import Verzoek
from wmo_access.verzoeken.schemas import GevraagdProductRead, VerzoekBeslissing, VerzoekRead
from wmo_access.verzoeken.service.antwoord import (
    announce_onderzoek,
    answer,
    assign,
    chosen_segment,
    gevraagde_producten,
)
from wmo_access.verzoeken.service.wijziging import grant_wijziging
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.calendar import today
from wmo_common.lists import Periode, Sortering

SORTEERVELDEN = tuple(repository.SORTEERVELDEN)


def to_read(verzoek: Verzoek) -> VerzoekRead:
    return VerzoekRead(
        id=verzoek.id,
        soort="toewijzing" if verzoek.soort == "toewijzing" else "wijziging",
        referentie=verzoek.referentie,
        aanbieder_agb=verzoek.aanbieder_agb,
        client_id=verzoek.client_id,
        gemeentecode=verzoek.gemeentecode,
        segment_id=verzoek.segment_id,
        producten=[GevraagdProductRead.model_validate(p) for p in verzoek.producten],
        ontvangen_op=verzoek.ontvangen_date,
        deadline=verzoek.deadline_date,
        in_onderzoek=verzoek.is_in_onderzoek,
        overschreden=verzoek.status == "in-behandeling" and verzoek.deadline_date < today(),
        status=verzoek.status,
        # Stored zero-padded as the event carries it; the API speaks the iWmo code.
        reden_afwijzing=None
        if verzoek.reden_afwijzing is None
        else str(int(verzoek.reden_afwijzing)),
        toewijzingnummers=list(verzoek.toewijzingnummers),
    )


async def list_verzoeken(
    session: AsyncSession,
    *,
    gemeentecode: str | None,
    aanbieder_agb: str | None,
    client_id: uuid.UUID | None,
    status: str | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
    actor: Principal,
) -> tuple[list[Verzoek], int]:
    """The verzoeken queue; each listed verzoek is a read of its client's file."""
    rows, count = await repository.list_verzoeken(
        session,
        gemeentecode=gemeentecode,
        aanbieder_agb=aanbieder_agb,
        client_id=client_id,
        status=status,
        periode=periode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    for verzoek, pseudonym in rows:
        await verwerking.record(
            session, actor, Handeling.LEZEN, pseudonym, f"verzoeken/{verzoek.id}"
        )
    return [v for v, _ in rows], count


async def get_verzoek(session: AsyncSession, verzoek_id: uuid.UUID, *, actor: Principal) -> Verzoek:
    verzoek = await repository.find(session, verzoek_id)
    if verzoek is None:
        raise VerzoekNietGevonden()
    client = await clienten.load_client(session, verzoek.client_id)
    await verwerking.record(
        session, actor, Handeling.LEZEN, client.pseudonym, f"verzoeken/{verzoek.id}"
    )
    return verzoek


async def decide_verzoek(
    session: AsyncSession,
    verzoek_id: uuid.UUID,
    data: VerzoekBeslissing,
    *,
    field_key_gateway: str | None,
    actor: Principal,
) -> Verzoek:
    """A consultant grants, refuses or marks a verzoek "in onderzoek". Idempotent: the same
    decision again changes nothing and publishes nothing; a different one is refused."""
    # The row lock makes two consultants deciding at once take turns: the second sees the first.
    verzoek = await repository.find(session, verzoek_id, for_update=True)
    if verzoek is None:
        raise VerzoekNietGevonden()
    client = await clienten.load_client(session, verzoek.client_id)
    if verzoek.status != "in-behandeling":
        if _same_decision(verzoek, data):
            return verzoek
        raise VerzoekAlBeslist(
            f"Dit verzoek is al {'toegekend' if verzoek.status == 'toegekend' else 'afgewezen'}."
        )
    if data.besluit == "in-onderzoek":
        # TR360: "in onderzoek" is told once; saying it again changes nothing.
        if not verzoek.is_in_onderzoek:
            verzoek.is_in_onderzoek = True
            verzoek.deadline_date = verzoek.ontvangen_date + VERZOEK_ONDERZOEK_TERMIJN
            await taken.postpone_verzoek(session, verzoek.id, verzoek.deadline_date)
            await announce_onderzoek(session, verzoek, client)
    elif data.besluit == "afwijzen":
        reden = f"{int(data.reden_afwijzing or '0'):02d}"
        await answer(session, verzoek, client, [], field_key_gateway, actor, reden=reden)
    elif verzoek.soort == "toewijzing":
        producten = gevraagde_producten(verzoek)
        segment = await chosen_segment(session, verzoek, client, producten, data.segment_id)
        _, nummers = await assign(
            session, verzoek, client, segment, producten, field_key_gateway, actor
        )
        await answer(session, verzoek, client, nummers, field_key_gateway, actor)
    else:
        nummers = await grant_wijziging(session, verzoek, client, data, field_key_gateway, actor)
        await answer(session, verzoek, client, nummers, field_key_gateway, actor)
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"verzoeken/{verzoek.id}"
    )
    return verzoek


def _same_decision(verzoek: Verzoek, data: VerzoekBeslissing) -> bool:
    if data.besluit == "toekennen":
        return verzoek.status == "toegekend"
    if data.besluit == "afwijzen":
        return verzoek.status == "afgewezen" and verzoek.reden_afwijzing == (
            f"{int(data.reden_afwijzing or '0'):02d}"
        )
    return False

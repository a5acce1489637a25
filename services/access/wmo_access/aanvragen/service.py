from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.aanvragen import repository
from wmo_access.aanvragen.errors import AanvraagNietGevonden
from wmo_access.aanvragen.models import Aanvraag
from wmo_access.aanvragen.schemas import AanvraagCreate, AanvraagRead
from wmo_access.clienten import service as clienten
from wmo_access.ondersteuningsplannen.errors import OndersteuningsplanNietGevonden
from wmo_access.ondersteuningsplannen.models import Ondersteuningsplan
from wmo_access.termijnen import BESCHIKKING_TERMIJN
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.lists import Periode, Sortering

SORTEERVELDEN = tuple(repository.SORTEERVELDEN)


def to_read(aanvraag: Aanvraag, beschikt: bool) -> AanvraagRead:
    return AanvraagRead(
        id=aanvraag.id,
        client_id=aanvraag.client_id,
        ondersteuningsplan_id=aanvraag.ondersteuningsplan_id,
        gemeentecode=aanvraag.gemeentecode,
        gebied=aanvraag.gebied,
        aanvraagdatum=aanvraag.aanvraagdatum,
        termijn_datum=aanvraag.termijn_date,
        beschikt=beschikt,
    )


async def create_aanvraag(
    session: AsyncSession, data: AanvraagCreate, *, actor: Principal
) -> Aanvraag:
    """Record an aanvraag; the beschikking's two-week clock starts on the aanvraagdatum."""
    client = await clienten.load_client(session, data.client_id)
    if data.ondersteuningsplan_id is not None:
        plan = await session.get(Ondersteuningsplan, data.ondersteuningsplan_id)
        if plan is None or plan.client_id != client.id:
            raise OndersteuningsplanNietGevonden()
    aanvraag = Aanvraag(
        client_id=client.id,
        ondersteuningsplan_id=data.ondersteuningsplan_id,
        gemeentecode=client.gemeentecode,
        gebied=client.gebied,
        aanvraagdatum=data.aanvraagdatum,
        termijn_date=data.aanvraagdatum + BESCHIKKING_TERMIJN,
    )
    session.add(aanvraag)
    await session.flush()
    await verwerking.record(
        session, actor, Handeling.AANMAKEN, client.pseudonym, f"aanvragen/{aanvraag.id}"
    )
    return aanvraag


async def get_aanvraag(
    session: AsyncSession, aanvraag_id: uuid.UUID, *, actor: Principal
) -> tuple[Aanvraag, bool]:
    found = await repository.find(session, aanvraag_id)
    if found is None:
        raise AanvraagNietGevonden()
    client = await clienten.load_client(session, found[0].client_id)
    await verwerking.record(
        session, actor, Handeling.LEZEN, client.pseudonym, f"aanvragen/{aanvraag_id}"
    )
    return found


async def list_aanvragen(
    session: AsyncSession,
    *,
    gemeentecode: str | None,
    client_id: uuid.UUID | None,
    overschreden_op: date | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
    actor: Principal,
) -> tuple[list[tuple[Aanvraag, bool]], int]:
    rows, count = await repository.list_aanvragen(
        session,
        gemeentecode=gemeentecode,
        client_id=client_id,
        overschreden_op=overschreden_op,
        periode=periode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    pseudonyms = await clienten.pseudonyms_of(session, {aanvraag.client_id for aanvraag, _ in rows})
    for aanvraag, _ in rows:
        await verwerking.record(
            session,
            actor,
            Handeling.LEZEN,
            pseudonyms[aanvraag.client_id],
            f"aanvragen/{aanvraag.id}",
        )
    return rows, count

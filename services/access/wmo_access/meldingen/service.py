from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.clienten import service as clienten
from wmo_access.meldingen import repository
from wmo_access.meldingen.errors import MeldingNietGevonden
from wmo_access.meldingen.models import Melding
from wmo_access.meldingen.schemas import MeldingCreate, MeldingRead
from wmo_access.termijnen import ONDERZOEK_TERMIJN
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.lists import Periode, Sortering

SORTEERVELDEN = tuple(repository.SORTEERVELDEN)


def to_read(melding: Melding, afgerond: bool) -> MeldingRead:
    return MeldingRead(
        id=melding.id,
        client_id=melding.client_id,
        gemeentecode=melding.gemeentecode,
        gebied=melding.gebied,
        meldingsdatum=melding.meldingsdatum,
        omschrijving=melding.omschrijving,
        termijn_datum=melding.termijn_date,
        onderzoek_afgerond=afgerond,
        created_at=melding.created_at,
    )


async def create_melding(
    session: AsyncSession, data: MeldingCreate, *, actor: Principal
) -> Melding:
    """Record a melding; the onderzoek's six-week clock starts on the meldingsdatum."""
    client = await clienten.load_client(session, data.client_id)
    melding = Melding(
        client_id=client.id,
        gemeentecode=client.gemeentecode,
        gebied=client.gebied,
        meldingsdatum=data.meldingsdatum,
        termijn_date=data.meldingsdatum + ONDERZOEK_TERMIJN,
        omschrijving=data.omschrijving,
    )
    session.add(melding)
    await session.flush()
    await verwerking.record(
        session, actor, Handeling.AANMAKEN, client.pseudonym, f"meldingen/{melding.id}"
    )
    return melding


async def get_melding(
    session: AsyncSession, melding_id: uuid.UUID, *, actor: Principal
) -> tuple[Melding, bool]:
    found = await repository.find(session, melding_id)
    if found is None:
        raise MeldingNietGevonden()
    client = await clienten.load_client(session, found[0].client_id)
    await verwerking.record(
        session, actor, Handeling.LEZEN, client.pseudonym, f"meldingen/{melding_id}"
    )
    return found


async def list_meldingen(
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
) -> tuple[list[tuple[Melding, bool]], int]:
    rows, count = await repository.list_meldingen(
        session,
        gemeentecode=gemeentecode,
        client_id=client_id,
        overschreden_op=overschreden_op,
        periode=periode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    pseudonyms = await clienten.pseudonyms_of(session, {melding.client_id for melding, _ in rows})
    for melding, _ in rows:
        await verwerking.record(
            session,
            actor,
            Handeling.LEZEN,
            pseudonyms[melding.client_id],
            f"meldingen/{melding.id}",
        )
    return rows, count

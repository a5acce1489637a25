"""The queries of a client's dossier that no owned module has: beschikkingen per client, the
open taken, the running legal clocks and the names of aanbieders."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.aanvragen.models import Aanvraag
from wmo_access.beschikkingen.models import Beschikking, Indicatie
from wmo_access.clienten.models import Client
from wmo_access.leesmodellen.aanbieders.models import Aanbieder
from wmo_access.meldingen.models import Melding
from wmo_access.onderzoeken.models import Onderzoek
from wmo_access.taken.models import Taak
from wmo_access.verzoeken.models import Verzoek
from wmo_common.lists import Periode, Sortering, order_by, within

# The fields a list of beschikkingen sorts on, by their API names.
SORTEERVELDEN_BESCHIKKINGEN = {
    "afgiftedatum": Beschikking.afgifte_date,
    "beschikkingnummer": Beschikking.beschikkingnummer,
    "createdAt": Beschikking.created_at,
}


async def list_beschikkingen(
    session: AsyncSession,
    *,
    client_id: uuid.UUID | None,
    status: str | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[tuple[Beschikking, str]], int]:
    """Beschikkingen with their client's pseudonym; `periode` is on the afgiftedatum."""
    query = (
        select(Beschikking, Client.pseudonym)
        .join(Client, Client.id == Beschikking.client_id)
        .where(*within(Beschikking.afgifte_date, periode))
    )
    if client_id is not None:
        query = query.where(Beschikking.client_id == client_id)
    if status is not None:
        query = query.where(Beschikking.status == status)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(*order_by(sortering, SORTEERVELDEN_BESCHIKKINGEN, Beschikking.id))
        .offset(offset)
        .limit(limit)
    )
    return [(b, p) for b, p in rows.all()], int(count)


async def indicaties_of(
    session: AsyncSession, beschikking_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Indicatie]]:
    query = (
        select(Indicatie)
        .where(Indicatie.beschikking_id.in_(beschikking_ids))
        .order_by(Indicatie.ingangsdatum, Indicatie.product_categorie, Indicatie.id)
    )
    found: dict[uuid.UUID, list[Indicatie]] = {b: [] for b in beschikking_ids}
    for indicatie in (await session.execute(query)).scalars():
        found[indicatie.beschikking_id].append(indicatie)
    return found


async def open_taken(
    session: AsyncSession, client_id: uuid.UUID, *, limit: int
) -> tuple[list[Taak], int]:
    """The client's open taken, the earliest deadline first."""
    query = select(Taak).where(Taak.client_id == client_id, Taak.is_afgehandeld.is_(False))
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(query.order_by(Taak.deadline_date, Taak.id).limit(limit))
    return list(rows.scalars().all()), int(count)


async def meldingen_zonder_afgerond_onderzoek(
    session: AsyncSession, client_id: uuid.UUID
) -> list[Melding]:
    """The meldingen whose six-week clock still runs."""
    afgerond = exists().where(
        Onderzoek.melding_id == Melding.id, Onderzoek.afgerond_date.is_not(None)
    )
    query = select(Melding).where(Melding.client_id == client_id, ~afgerond)
    return list((await session.execute(query)).scalars().all())


async def aanvragen_zonder_beschikking(
    session: AsyncSession, client_id: uuid.UUID
) -> list[Aanvraag]:
    """The aanvragen whose two-week clock still runs: no beschikking was issued on them."""
    beschikt = exists().where(
        Beschikking.aanvraag_id == Aanvraag.id,
        Beschikking.status.in_(("afgegeven", "vervangen")),
    )
    query = select(Aanvraag).where(Aanvraag.client_id == client_id, ~beschikt)
    return list((await session.execute(query)).scalars().all())


async def verzoeken_in_behandeling(session: AsyncSession, client_id: uuid.UUID) -> list[Verzoek]:
    query = select(Verzoek).where(
        Verzoek.client_id == client_id, Verzoek.status == "in-behandeling"
    )
    return list((await session.execute(query)).scalars().all())


async def aanbieder_namen(session: AsyncSession, agbs: set[str]) -> dict[str, str]:
    """The names of the aanbieders toegang has heard of, by AGB code."""
    query = select(Aanbieder.agb, Aanbieder.naam).where(Aanbieder.agb.in_(agbs))
    return {row.agb: row.naam for row in (await session.execute(query)).all()}

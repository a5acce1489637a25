from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.clienten import service as clienten
from wmo_access.taken import repository
from wmo_access.taken.models import Taak
from wmo_access.taken.schemas import TaakRead
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.lists import Periode, Sortering

SORTEERVELDEN = tuple(repository.SORTEERVELDEN)


def to_read(taak: Taak) -> TaakRead:
    return TaakRead(
        id=taak.id,
        soort=taak.soort,
        client_id=taak.client_id,
        gemeentecode=taak.gemeentecode,
        gebied=taak.gebied,
        indicatie_id=taak.indicatie_id,
        verzoek_id=taak.verzoek_id,
        ondersteuningsplan_id=taak.ondersteuningsplan_id,
        resultaat_id=taak.resultaat_id,
        overgangsdossier_id=taak.overgangsdossier_id,
        omschrijving=taak.omschrijving,
        eigenaar=f"aanbieder {taak.aanbieder_agb}" if taak.aanbieder_agb else "toegang",
        deadline=taak.deadline_date,
        afgehandeld=taak.is_afgehandeld,
        afgerond_at=taak.afgerond_at,
        afgerond_door=taak.afgerond_door,
        afrondingstoelichting=taak.afrondingstoelichting,
        created_at=taak.created_at,
    )


async def add_herindicatie(
    session: AsyncSession,
    *,
    client_id: uuid.UUID,
    gemeentecode: str,
    gebied: str | None,
    indicatie_id: uuid.UUID,
    deadline: date,
) -> None:
    await repository.add_once(
        session,
        {
            "id": uuid.uuid4(),
            "soort": "herindicatie",
            "client_id": client_id,
            "gemeentecode": gemeentecode,
            "gebied": gebied,
            "indicatie_id": indicatie_id,
            "deadline_date": deadline,
            "is_afgehandeld": False,
        },
    )


async def add_verzoek(
    session: AsyncSession,
    *,
    client_id: uuid.UUID,
    gemeentecode: str,
    gebied: str | None,
    verzoek_id: uuid.UUID,
    deadline: date,
) -> None:
    await repository.add_once(
        session,
        {
            "id": uuid.uuid4(),
            "soort": "verzoek",
            "client_id": client_id,
            "gemeentecode": gemeentecode,
            "gebied": gebied,
            "verzoek_id": verzoek_id,
            "deadline_date": deadline,
            "is_afgehandeld": False,
        },
    )


async def postpone_verzoek(session: AsyncSession, verzoek_id: uuid.UUID, deadline: date) -> None:
    """The verzoek is "in onderzoek": its taak gets the longer deadline."""
    await repository.update_verzoek_taak(session, verzoek_id, deadline=deadline)


async def close_verzoek(session: AsyncSession, verzoek_id: uuid.UUID) -> None:
    """The verzoek is decided: its taak leaves the open work queue."""
    await repository.update_verzoek_taak(session, verzoek_id, is_afgehandeld=True)


async def list_taken(
    session: AsyncSession,
    *,
    gemeentecode: str | None,
    gebied: str | None,
    soort: str | None,
    open_only: bool,
    client_id: uuid.UUID | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
    actor: Principal,
) -> tuple[list[Taak], int]:
    """A page of the work queue; each taak names a client, so each read is recorded."""
    rows, count = await repository.list_taken(
        session,
        gemeentecode=gemeentecode,
        gebied=gebied,
        soort=soort,
        open_only=open_only,
        client_id=client_id,
        periode=periode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    pseudonyms = await clienten.pseudonyms_of(session, {taak.client_id for taak in rows})
    for taak in rows:
        await verwerking.record(
            session, actor, Handeling.LEZEN, pseudonyms[taak.client_id], f"taken/{taak.id}"
        )
    return rows, count

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.problems import BadRequest, InvalidParam
from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.leveranciersgesprekken import repository
from wmo_providers.leveranciersgesprekken.errors import (
    AfspraakNietGevonden,
    LeveranciersgesprekNietGevonden,
)
from wmo_providers.leveranciersgesprekken.models import Afspraak, Leveranciersgesprek
from wmo_providers.leveranciersgesprekken.schemas import (
    AfspraakCreate,
    AfspraakRead,
    AfspraakUpdate,
    Deelnemer,
    LeveranciersgesprekCreate,
    LeveranciersgesprekRead,
    Onderwerp,
    Status,
)


def _deadline_finding(name: str, deadline: date, datum: date) -> InvalidParam | None:
    if deadline >= datum:
        return None
    return InvalidParam(
        name=name,
        code="deadline-voor-gesprek",
        reason=f"de deadline ligt niet vóór de dag van het gesprek ({datum.isoformat()})",
    )


def _reject(findings: Sequence[InvalidParam | None]) -> None:
    found = [f for f in findings if f is not None]
    if found:
        raise BadRequest(f"{len(found)} invoerfout(en) gevonden.", found)


def _set_status(afspraak: Afspraak, status: Status, today: date) -> None:
    if status == afspraak.status:
        return
    afspraak.status = status
    afspraak.afgerond_date = today if status == "afgerond" else None


def _afspraak(data: AfspraakCreate, today: date) -> Afspraak:
    afspraak = Afspraak(
        omschrijving=data.omschrijving,
        eigenaar=data.eigenaar,
        deadline=data.deadline,
        status="open",
    )
    _set_status(afspraak, data.status, today)
    return afspraak


async def record_gesprek(
    session: AsyncSession,
    aanbieder: Aanbieder,
    data: LeveranciersgesprekCreate,
    actor: str,
    today: date,
) -> Leveranciersgesprek:
    """Record a supplier review with its afspraken; none may be due before the review."""
    _reject(
        [
            _deadline_finding(f"afspraken.{i}.deadline", a.deadline, data.datum)
            for i, a in enumerate(data.afspraken)
        ]
    )
    gesprek = Leveranciersgesprek(
        aanbieder_id=aanbieder.id,
        datum=data.datum,
        deelnemers=[d.model_dump(mode="json", by_alias=True) for d in data.deelnemers],
        onderwerpen=[o.model_dump(mode="json", by_alias=True) for o in data.onderwerpen],
        verslag=data.verslag,
        vastgelegd_door=actor,
        afspraken=[_afspraak(a, today) for a in data.afspraken],
    )
    session.add(gesprek)
    await session.flush()
    return gesprek


async def get_gesprek(
    session: AsyncSession, gesprek_id: uuid.UUID
) -> tuple[Leveranciersgesprek, str]:
    found = await repository.find(session, gesprek_id)
    if found is None:
        raise LeveranciersgesprekNietGevonden()
    return found


async def add_afspraak(
    session: AsyncSession, gesprek: Leveranciersgesprek, data: AfspraakCreate, today: date
) -> Afspraak:
    _reject([_deadline_finding("deadline", data.deadline, gesprek.datum)])
    afspraak = _afspraak(data, today)
    gesprek.afspraken.append(afspraak)
    await session.flush()
    return afspraak


async def update_afspraak(
    session: AsyncSession,
    gesprek: Leveranciersgesprek,
    afspraak_id: uuid.UUID,
    data: AfspraakUpdate,
    today: date,
) -> Afspraak:
    """Change the fields sent; marking it afgerond records today, reopening clears that."""
    afspraak = await repository.find_afspraak(session, gesprek.id, afspraak_id)
    if afspraak is None:
        raise AfspraakNietGevonden()
    if data.deadline is not None:
        _reject([_deadline_finding("deadline", data.deadline, gesprek.datum)])
        afspraak.deadline = data.deadline
    if data.omschrijving is not None:
        afspraak.omschrijving = data.omschrijving
    if data.eigenaar is not None:
        afspraak.eigenaar = data.eigenaar
    if data.status is not None:
        _set_status(afspraak, data.status, today)
    await session.flush()
    return afspraak


def afspraak_read(afspraak: Afspraak, agb: str, today: date) -> AfspraakRead:
    status: Status = "afgerond" if afspraak.status == "afgerond" else "open"
    return AfspraakRead(
        id=afspraak.id,
        leveranciersgesprek_id=afspraak.leveranciersgesprek_id,
        agb=agb,
        omschrijving=afspraak.omschrijving,
        eigenaar=afspraak.eigenaar,
        deadline=afspraak.deadline,
        status=status,
        afgerond_op=afspraak.afgerond_date,
        is_verlopen=status == "open" and afspraak.deadline < today,
        created_at=afspraak.created_at,
        updated_at=afspraak.updated_at,
    )


def to_read(gesprek: Leveranciersgesprek, agb: str, today: date) -> LeveranciersgesprekRead:
    return LeveranciersgesprekRead(
        id=gesprek.id,
        agb=agb,
        datum=gesprek.datum,
        deelnemers=[Deelnemer.model_validate(d) for d in gesprek.deelnemers],
        onderwerpen=[Onderwerp.model_validate(o) for o in gesprek.onderwerpen],
        verslag=gesprek.verslag,
        afspraken=[afspraak_read(a, agb, today) for a in gesprek.afspraken],
        created_at=gesprek.created_at,
    )

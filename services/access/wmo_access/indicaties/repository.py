from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from wmo_access.beschikkingen.models import Beschikking, Indicatie, Indicatiesignaal
from wmo_access.clienten.models import Client
from wmo_access.leesmodellen.contracten.models import Segment

# Toegangsregels' default when the segment's strategy has not reached toegang (yet).
DEFAULT_DOORLOOPTIJD_DAGEN = 56


def _not_announced(soort: str) -> ColumnElement[bool]:
    return ~exists().where(
        Indicatiesignaal.indicatie_id == Indicatie.id, Indicatiesignaal.soort == soort
    )


def _not_replaced() -> ColumnElement[bool]:
    """No indicatie of an issued beschikking took this one's place (a granted 317); that one
    stays replaced when its own beschikking is later replaced in turn."""
    opvolger, besluit = aliased(Indicatie), aliased(Beschikking)
    return ~exists().where(
        opvolger.vervangt_indicatie_id == Indicatie.id,
        besluit.id == opvolger.beschikking_id,
        besluit.status != "concept",
    )


async def nearing_end(
    session: AsyncSession, peildatum: date
) -> list[tuple[Indicatie, Beschikking, Client]]:
    """Indicaties in force that end within their segment's herindicatie lead time."""
    doorlooptijd = func.coalesce(
        Segment.herindicatie_doorlooptijd_dagen, DEFAULT_DOORLOOPTIJD_DAGEN
    )
    query = (
        select(Indicatie, Beschikking, Client)
        .join(Beschikking, Beschikking.id == Indicatie.beschikking_id)
        .join(Client, Client.id == Beschikking.client_id)
        .outerjoin(Segment, Segment.id == Indicatie.segment_id)
        .where(
            Beschikking.status == "afgegeven",
            Indicatie.besluit == "toegekend",
            Indicatie.einddatum > peildatum,
            Indicatie.einddatum - doorlooptijd <= peildatum,
            _not_announced("verloopt"),
            _not_replaced(),
        )
        .order_by(Indicatie.einddatum, Indicatie.id)
    )
    return [(i, b, c) for i, b, c in (await session.execute(query)).all()]


async def at_end(
    session: AsyncSession, peildatum: date
) -> list[tuple[Indicatie, Beschikking, Client]]:
    """Indicaties in force whose einddatum has come."""
    query = (
        select(Indicatie, Beschikking, Client)
        .join(Beschikking, Beschikking.id == Indicatie.beschikking_id)
        .join(Client, Client.id == Beschikking.client_id)
        .where(
            Beschikking.status == "afgegeven",
            Indicatie.besluit == "toegekend",
            Indicatie.einddatum <= peildatum,
            _not_announced("verlopen"),
            _not_replaced(),
        )
        .order_by(Indicatie.einddatum, Indicatie.id)
    )
    return [(i, b, c) for i, b, c in (await session.execute(query)).all()]


async def claim(
    session: AsyncSession, indicatie_id: uuid.UUID, soort: str, peildatum: date
) -> bool:
    """Record the announcement; False when another run (or instance) made it already. A
    concurrent run waits on the key until this transaction ends, then skips."""
    inserted = await session.execute(
        insert(Indicatiesignaal)
        .values(indicatie_id=indicatie_id, soort=soort, peildatum=peildatum)
        .on_conflict_do_nothing()
        .returning(Indicatiesignaal.indicatie_id)
    )
    return inserted.scalar_one_or_none() is not None


def dagen_tot(einddatum: date, peildatum: date) -> int:
    return max(0, (einddatum - peildatum) // timedelta(days=1))

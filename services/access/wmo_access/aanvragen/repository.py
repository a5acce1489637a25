from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.aanvragen.models import Aanvraag
from wmo_access.beschikkingen.models import Beschikking
from wmo_common.lists import Periode, Sortering, order_by, within

# The fields a list of aanvragen sorts on, by their API names.
SORTEERVELDEN = {"aanvraagdatum": Aanvraag.aanvraagdatum, "termijnDatum": Aanvraag.termijn_date}

_BESCHIKT = exists().where(
    Beschikking.aanvraag_id == Aanvraag.id, Beschikking.status.in_(("afgegeven", "vervangen"))
)


async def find(session: AsyncSession, aanvraag_id: uuid.UUID) -> tuple[Aanvraag, bool] | None:
    row = (
        await session.execute(select(Aanvraag, _BESCHIKT).where(Aanvraag.id == aanvraag_id))
    ).one_or_none()
    return None if row is None else (row[0], bool(row[1]))


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
) -> tuple[list[tuple[Aanvraag, bool]], int]:
    """Aanvragen, or with `overschreden_op` those still without beschikking past their term;
    `periode` is on the aanvraagdatum."""
    query = select(Aanvraag, _BESCHIKT).where(*within(Aanvraag.aanvraagdatum, periode))
    if client_id is not None:
        query = query.where(Aanvraag.client_id == client_id)
    if gemeentecode is not None:
        query = query.where(Aanvraag.gemeentecode == gemeentecode)
    if overschreden_op is not None:
        query = query.where(Aanvraag.termijn_date < overschreden_op, ~_BESCHIKT)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(*order_by(sortering, SORTEERVELDEN, Aanvraag.id)).offset(offset).limit(limit)
    )
    return [(a, bool(b)) for a, b in rows.all()], int(count)

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.meldingen.models import Melding
from wmo_access.onderzoeken.models import Onderzoek
from wmo_common.lists import Periode, Sortering, order_by, within

# The fields a list of meldingen sorts on, by their API names.
SORTEERVELDEN = {
    "meldingsdatum": Melding.meldingsdatum,
    "termijnDatum": Melding.termijn_date,
    "createdAt": Melding.created_at,
}

_AFGEROND = exists().where(Onderzoek.melding_id == Melding.id, Onderzoek.afgerond_date.is_not(None))


async def find(session: AsyncSession, melding_id: uuid.UUID) -> tuple[Melding, bool] | None:
    row = (
        await session.execute(select(Melding, _AFGEROND).where(Melding.id == melding_id))
    ).one_or_none()
    return None if row is None else (row[0], bool(row[1]))


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
) -> tuple[list[tuple[Melding, bool]], int]:
    """Meldingen, or with `overschreden_op` only those whose onderzoek is overdue on that day;
    `periode` is on the meldingsdatum."""
    query = select(Melding, _AFGEROND).where(*within(Melding.meldingsdatum, periode))
    if client_id is not None:
        query = query.where(Melding.client_id == client_id)
    if gemeentecode is not None:
        query = query.where(Melding.gemeentecode == gemeentecode)
    if overschreden_op is not None:
        query = query.where(Melding.termijn_date < overschreden_op, ~_AFGEROND)
    count = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(*order_by(sortering, SORTEERVELDEN, Melding.id)).offset(offset).limit(limit)
    )
    return [(m, bool(a)) for m, a in rows.all()], int(count)

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.budgetten.posten import lumpsum_posten, verplichting_posten


async def per_gemeente_segment_model(
    session: AsyncSession, *, jaar: int, gemeentecode: str | None, segment_id: uuid.UUID | None
) -> list[tuple[str | None, uuid.UUID | None, str, int, int, int]]:
    """Committed, realised and open in `jaar`, summed per gemeente, segment and model."""
    rows: list[tuple[str | None, uuid.UUID | None, str, int, int, int]] = []
    for posten in (verplichting_posten(jaar), lumpsum_posten(jaar)):
        query = select(
            posten.c.gemeentecode,
            posten.c.segment_id,
            posten.c.bekostigingsmodel,
            func.sum(posten.c.verplicht),
            func.sum(posten.c.gerealiseerd),
            func.sum(posten.c.openstaand),
        ).group_by(posten.c.gemeentecode, posten.c.segment_id, posten.c.bekostigingsmodel)
        if gemeentecode is not None:
            query = query.where(posten.c.gemeentecode == gemeentecode)
        if segment_id is not None:
            query = query.where(posten.c.segment_id == segment_id)
        rows += [
            (g, s, str(m), int(v), int(r), int(o))
            for g, s, m, v, r, o in (await session.execute(query)).all()
        ]
    return rows

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.cak_meldingen.models import Zorgperiode
from wmo_finance.leesmodellen.toewijzingen.models import Toewijzing


@dataclass(frozen=True)
class Zorgfeit:
    toewijzing_id: uuid.UUID
    aanbieder_agb: str
    toewijzing_einde: date | None
    begindatum: date
    einddatum: date | None


async def list_zorgfeiten(
    session: AsyncSession, *, segment_id: uuid.UUID, aanbieders: Collection[str]
) -> Sequence[Zorgfeit]:
    """The reported starts and stops (not withdrawn) of the toewijzingen these aanbieders
    serve in the segment."""
    query = (
        select(
            Toewijzing.id,
            Toewijzing.aanbieder_agb,
            Toewijzing.einddatum,
            Zorgperiode.begindatum,
            Zorgperiode.einddatum,
        )
        .join(
            Zorgperiode,
            and_(
                Zorgperiode.gemeentecode == Toewijzing.gemeentecode,
                Zorgperiode.aanbieder_agb == Toewijzing.aanbieder_agb,
                Zorgperiode.toewijzingnummer == Toewijzing.toewijzingnummer,
            ),
        )
        .where(
            Toewijzing.segment_id == segment_id,
            Toewijzing.aanbieder_agb.in_(aanbieders),
            Zorgperiode.is_verwijderd.is_(False),
        )
        .order_by(Toewijzing.id, Zorgperiode.begindatum)
    )
    return [Zorgfeit(*row) for row in (await session.execute(query)).all()]

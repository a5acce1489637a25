from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_contracting.segmenten import repository
from wmo_contracting.segmenten.errors import SegmentBestaatAl, SegmentNietGevonden
from wmo_contracting.segmenten.models import Segment
from wmo_contracting.segmenten.schemas import SegmentCreate, SegmentRead


def to_read(segment: Segment) -> SegmentRead:
    return SegmentRead.model_validate(segment, from_attributes=True)


async def create_segment(session: AsyncSession, data: SegmentCreate) -> Segment:
    if await repository.find_by_naam(session, data.naam) is not None:
        raise SegmentBestaatAl(f"Segment '{data.naam}' bestaat al.")
    segment = Segment(
        naam=data.naam, wet=data.wet, doelgroep=data.doelgroep, gebieden=data.gebieden
    )
    try:
        # Two concurrent requests both pass the check above; the unique constraint decides.
        async with session.begin_nested():
            session.add(segment)
    except IntegrityError:
        raise SegmentBestaatAl(f"Segment '{data.naam}' bestaat al.") from None
    return segment


async def get_segment(
    session: AsyncSession, segment_id: uuid.UUID, *, for_update: bool = False
) -> Segment:
    """The segment or a 404; `for_update` serialises writes that number things per segment."""
    segment = await repository.find_by_id(session, segment_id, for_update=for_update)
    if segment is None:
        raise SegmentNietGevonden()
    return segment

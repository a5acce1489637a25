from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal
from wmo_common.db import utcnow
from wmo_contracting.aanbestedingen import repository
from wmo_contracting.aanbestedingen.errors import (
    AanbestedingBestaatAl,
    AanbestedingNietGevonden,
    GebiedBuitenSegment,
    PerceelAlGegund,
    PerceelNietGevonden,
)
from wmo_contracting.aanbestedingen.models import Aanbesteding, Gunningspartij, Perceel
from wmo_contracting.aanbestedingen.schemas import (
    AanbestedingCreate,
    AanbestedingRead,
    Gunning,
)
from wmo_contracting.segmenten.service import get_segment


async def create_aanbesteding(session: AsyncSession, data: AanbestedingCreate) -> Aanbesteding:
    """Record a tender of a segment with its percelen, each in one of the segment's gebieden."""
    segment = await get_segment(session, data.segment_id)
    buiten = sorted({p.gebied for p in data.percelen} - set(segment.gebieden))
    if segment.gebieden and buiten:
        raise GebiedBuitenSegment(
            f"Niet in segment {segment.naam}: {', '.join(buiten)} "
            f"(wel: {', '.join(segment.gebieden)})."
        )
    if await repository.find_by_naam(session, data.naam) is not None:
        raise AanbestedingBestaatAl(f"Aanbesteding '{data.naam}' bestaat al.")
    aanbesteding = Aanbesteding(
        segment_id=data.segment_id,
        naam=data.naam,
        procedure=data.procedure,
        percelen=[Perceel(naam=p.naam, gebied=p.gebied, winnaars=[]) for p in data.percelen],
    )
    try:
        # The unique name decides between concurrent requests.
        async with session.begin_nested():
            session.add(aanbesteding)
    except IntegrityError:
        raise AanbestedingBestaatAl(f"Aanbesteding '{data.naam}' bestaat al.") from None
    return aanbesteding


async def get_aanbesteding(session: AsyncSession, aanbesteding_id: uuid.UUID) -> Aanbesteding:
    aanbesteding = await repository.find_by_id(session, aanbesteding_id)
    if aanbesteding is None:
        raise AanbestedingNietGevonden()
    return aanbesteding


async def get_perceel(
    session: AsyncSession, perceel_id: uuid.UUID, *, for_update: bool = False
) -> Perceel:
    perceel = await repository.find_perceel(session, perceel_id, for_update=for_update)
    if perceel is None:
        raise PerceelNietGevonden()
    return perceel


async def award_perceel(
    session: AsyncSession,
    aanbesteding_id: uuid.UUID,
    perceel_id: uuid.UUID,
    data: Gunning,
    actor: Principal,
) -> Aanbesteding:
    """Award a perceel to the winning party or coalition; an award is final."""
    await get_aanbesteding(session, aanbesteding_id)
    perceel = await get_perceel(session, perceel_id, for_update=True)
    if perceel.aanbesteding_id != aanbesteding_id:
        raise PerceelNietGevonden("Dit perceel hoort niet bij deze aanbesteding.")
    if perceel.gegund_at is not None:
        raise PerceelAlGegund(f"Perceel {perceel.naam} is al gegund.")
    perceel.gegund_at = utcnow()
    perceel.gegund_by = actor.subject
    perceel.winnaars.extend(
        Gunningspartij(aanbieder_agb=p.aanbieder_agb, naam=p.naam, rol=p.rol) for p in data.partijen
    )
    await session.flush()
    return await get_aanbesteding(session, aanbesteding_id)


def to_read(aanbesteding: Aanbesteding) -> AanbestedingRead:
    return AanbestedingRead.model_validate(
        {
            "id": aanbesteding.id,
            "segment_id": aanbesteding.segment_id,
            "naam": aanbesteding.naam,
            "procedure": aanbesteding.procedure,
            "percelen": [
                {
                    "id": p.id,
                    "naam": p.naam,
                    "gebied": p.gebied,
                    "gegund_at": p.gegund_at,
                    "winnaars": [
                        {"aanbieder_agb": w.aanbieder_agb, "naam": w.naam, "rol": w.rol}
                        for w in p.winnaars
                    ],
                }
                for p in sorted(aanbesteding.percelen, key=lambda p: (p.naam, str(p.id)))
            ],
            "created_at": aanbesteding.created_at,
        }
    )

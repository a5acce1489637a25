from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_providers.leesmodellen.strategieen.models import Segmentbeleid


async def upsert(
    session: AsyncSession, segment_id: uuid.UUID, versie: int, *, is_blokkerend: bool
) -> None:
    """Keep the newest version; an older one arriving late changes nothing."""
    statement = insert(Segmentbeleid).values(
        segment_id=segment_id,
        versie=versie,
        is_verlopen_kwaliteitsdocument_blokkerend=is_blokkerend,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Segmentbeleid.segment_id],
            set_={
                "versie": statement.excluded.versie,
                "is_verlopen_kwaliteitsdocument_blokkerend": (
                    statement.excluded.is_verlopen_kwaliteitsdocument_blokkerend
                ),
            },
            where=Segmentbeleid.versie < statement.excluded.versie,
        )
    )


async def blocking_expired_documents(
    session: AsyncSession, segment_ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    """Those of `segment_ids` whose strategy lets an expired quality document block."""
    if not segment_ids:
        return set()
    query = select(Segmentbeleid.segment_id).where(
        Segmentbeleid.segment_id.in_(segment_ids),
        Segmentbeleid.is_verlopen_kwaliteitsdocument_blokkerend.is_(True),
    )
    return set((await session.execute(query)).scalars().all())

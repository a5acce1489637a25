from __future__ import annotations

from typing import Annotated

from fastapi import Query

from wmo_common.db import DbSession
from wmo_common.routing import ApiRouter
from wmo_finance.dependencies import Gemeente, SegmentId
from wmo_finance.rollen import MagUitgavenLezen
from wmo_finance.uitgaven import service
from wmo_finance.uitgaven.schemas import UitgavenRead

router = ApiRouter(prefix="/uitgaven", tags=["budgetten"])


@router.get("", response_model=UitgavenRead)
async def get_uitgaven(
    session: DbSession,
    _: MagUitgavenLezen,
    jaar: Annotated[int, Query(ge=2000, le=2100, description="Het begrotingsjaar.")],
    gemeente: Gemeente = None,
    segment_id: SegmentId = None,
) -> UitgavenRead:
    """Wat een jaar kost per gemeente die betaalt, segment en bekostigingsmodel: verplicht
    (jaardeel van verplichtingen en lumpsum), gerealiseerd (declaraties, outputbetalingen,
    betaalde lumpsum), openstaand en de prognose; te filteren op `gemeente` en `segmentId`."""
    return await service.uitgaven(session, jaar=jaar, gemeentecode=gemeente, segment_id=segment_id)

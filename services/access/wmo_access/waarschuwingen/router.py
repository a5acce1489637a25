from __future__ import annotations

from typing import Annotated

from fastapi import Query

from wmo_access.rollen import MagToegangLezen
from wmo_access.waarschuwingen import service
from wmo_access.waarschuwingen.schemas import Waarschuwingtelling
from wmo_common.db import DbSession
from wmo_common.routing import ApiRouter

router = ApiRouter(tags=["toewijzingen"])


@router.get("/toewijzing-waarschuwingen/tellingen", response_model=list[Waarschuwingtelling])
async def count_waarschuwingen(
    session: DbSession,
    _: MagToegangLezen,
    agb: Annotated[
        str | None, Query(pattern=r"^[0-9]{8}$", description="Alleen deze aanbieder.")
    ] = None,
) -> list[Waarschuwingtelling]:
    """Per aanbieder hoeveel toewijzingen zijn gedaan ondanks een open, niet-blokkerende
    signalering (bijvoorbeeld een verlopen VOG), en hoeveel waarschuwingen dat waren."""
    return await service.counts(session, agb)

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Path, Query

from wmo_access.rollen import MagToegangLezen
from wmo_access.verwijsadviezen import service
from wmo_access.verwijsadviezen.schemas import Verwijsadvies
from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.routing import ApiRouter

router = ApiRouter(tags=["indicaties"])


@router.get("/indicaties/{indicatieId}/verwijsadvies", response_model=Verwijsadvies)
async def get_verwijsadvies(
    indicatie_id: Annotated[
        uuid.UUID, Path(alias="indicatieId", description="Id van de indicatie.")
    ],
    session: DbSession,
    _: MagToegangLezen,
    voorkeur_agb: Annotated[
        str | None,
        Query(
            alias="voorkeurAgb",
            pattern=r"^[0-9]{8}$",
            description="De aanbieder die de cliënt wenst.",
        ),
    ] = None,
) -> Verwijsadvies:
    """De gecontracteerde aanbieders die dit product in het gebied van de cliënt mogen leveren,
    gerangschikt naar wat de strategie van het segment waardeert (wachttijd tegen de Treeknorm,
    signaleringen, vrije plaatsen), met de redenen; aanbieders met een aanmeldstop, blokkerende
    signalering of zonder vrije plaats staan apart als overgeslagen. De wens van de cliënt wordt
    vermeld. Een indicatie die de beschikking afwijst krijgt geen advies (409
    indicatie-afgewezen)."""
    return await service.advise(session, indicatie_id, voorkeur_agb, today())

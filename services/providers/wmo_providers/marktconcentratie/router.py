from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Response

from wmo_common.db import DbSession
from wmo_common.routing import ApiRouter
from wmo_providers.dependencies import PeriodeParam
from wmo_providers.marktconcentratie import grafiek, service
from wmo_providers.marktconcentratie.schemas import Marktconcentratie
from wmo_providers.rollen import MagMarktLezen

router = ApiRouter(prefix="/marktconcentratie", tags=["marktconcentratie"])

SegmentParam = Annotated[
    uuid.UUID | None, Query(alias="segmentId", description="Leeg: alle segmenten.")
]
GebiedParam = Annotated[
    str | None, Query(min_length=1, max_length=100, description="Leeg: alle gebieden.")
]
SVG = "image/svg+xml"


@router.get("", response_model=Marktconcentratie)
async def get_marktconcentratie(
    session: DbSession,
    _: MagMarktLezen,
    periode: PeriodeParam,
    segment_id: SegmentParam = None,
    gebied: GebiedParam = None,
) -> Marktconcentratie:
    """De marktconcentratie in een segment en gebied over een periode: per aanbieder het aandeel
    in cliënten (met een toewijzing in de periode) en in omzet (toegekende declaraties, credit
    negatief), het aandeel van de vijf grootste, de Herfindahl-Hirschman-index en de
    Pareto-curve ("x % van de aanbieders bedient y % van de cliënten"). Alleen voor de regio:
    een aanbieder ziet de markt niet."""
    return await service.compute_marktconcentratie(session, periode, segment_id, gebied)


@router.get(
    "/grafiek",
    response_class=Response,
    responses={200: {"content": {SVG: {}}, "description": "Pareto-grafiek in SVG."}},
)
async def get_marktconcentratie_grafiek(
    session: DbSession,
    _: MagMarktLezen,
    periode: PeriodeParam,
    segment_id: SegmentParam = None,
    gebied: GebiedParam = None,
) -> Response:
    """Dezelfde marktconcentratie als Pareto-grafiek (SVG): een staaf per aanbieder met zijn
    cliëntaandeel, de cumulatieve lijn, de 80 %-lijn, de HHI en het top-5-aandeel."""
    markt = await service.compute_marktconcentratie(session, periode, segment_id, gebied)
    return Response(grafiek.render(markt), media_type=SVG)

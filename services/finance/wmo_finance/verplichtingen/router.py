from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request, Response

from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_finance.dependencies import AanbiederAgb, Gemeente, VerplichtingId
from wmo_finance.rollen import MagVerplichtingenLezen
from wmo_finance.verplichtingen import repository, service
from wmo_finance.verplichtingen.schemas import (
    Bekostigingsmodel,
    VerplichtingRead,
    Verplichtingstatus,
)

router = ApiRouter(prefix="/verplichtingen", tags=["verplichtingen"])

VerplichtingSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "ingangsdatum"))
]
Ingangsperiode = Annotated[Periode, Depends(period_parameter("ingangsdatum"))]


@router.get("", response_model=Page[VerplichtingRead])
async def list_verplichtingen(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: MagVerplichtingenLezen,
    sortering: VerplichtingSortering,
    periode: Ingangsperiode,
    aanbieder_agb: AanbiederAgb = None,
    gemeente: Gemeente = None,
    bekostigingsmodel: Annotated[
        Bekostigingsmodel | None, Query(description="Alleen dit bekostigingsmodel.")
    ] = None,
    jaar: Annotated[int | None, Query(ge=2000, le=2100, description="Jaar van ingang.")] = None,
    segment_id: Annotated[uuid.UUID | None, Query(alias="segmentId")] = None,
    status: Annotated[Verplichtingstatus | None, Query(description="Alleen deze status.")] = None,
    toewijzing_id: Annotated[
        uuid.UUID | None,
        Query(alias="toewijzingId", description="Alleen de verplichting van deze toewijzing."),
    ] = None,
) -> Page[VerplichtingRead]:
    """De verplichtingen per toewijzing, elk met de gemeente die betaalt en het deel per jaar;
    `count` telt ook taakgerichte (zonder bedrag)."""
    results, count = await service.list_verplichtingen(
        session,
        repository.Filter(
            aanbieder_agb=aanbieder_agb,
            gemeentecode=gemeente,
            bekostigingsmodel=bekostigingsmodel,
            jaar=jaar,
            segment_id=segment_id,
            status=status,
            toewijzing_id=toewijzing_id,
            periode=periode,
            sortering=sortering,
        ),
        offset=paging.offset,
        limit=paging.page_size,
    )
    return paginate(request, response, results, count, paging)


@router.get("/{verplichtingId}", response_model=VerplichtingRead)
async def get_verplichting(
    verplichting_id: VerplichtingId, session: DbSession, _: MagVerplichtingenLezen
) -> VerplichtingRead:
    """Eén verplichting op id."""
    return await service.read_verplichting(session, verplichting_id)

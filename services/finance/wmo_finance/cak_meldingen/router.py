from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_finance.cak_meldingen import repository, service
from wmo_finance.cak_meldingen.schemas import (
    AntwoordCreate,
    Berichtcode,
    CakMeldingRead,
    EigenBijdrageProductCreate,
    EigenBijdrageProductRead,
    Status,
    VerzendingCreate,
)
from wmo_finance.dependencies import CakMeldingId, RegelId
from wmo_finance.rollen import (
    MagCakMeldingenLezen,
    MagCakMeldingenVerwerken,
    MagEigenBijdrageProductenBeheren,
    MagEigenBijdrageProductenLezen,
)

router = ApiRouter(tags=["cak-meldingen"])

MeldingSortering = Annotated[
    list[Sortering],
    Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "uitersteVerzenddatum")),
]


@router.get("/eigen-bijdrage-producten", response_model=Page[EigenBijdrageProductRead])
async def list_eigen_bijdrage_producten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: MagEigenBijdrageProductenLezen,
) -> Page[EigenBijdrageProductRead]:
    """Welke producten een eigen bijdrage dragen (abonnementstarief of beschermd wonen)."""
    results, count = await service.list_product_rules(
        session, offset=paging.offset, limit=paging.page_size
    )
    return paginate(request, response, results, count, paging)


@router.post(
    "/eigen-bijdrage-producten",
    status_code=status.HTTP_201_CREATED,
    response_model=EigenBijdrageProductRead,
)
async def create_eigen_bijdrage_product(
    body: EigenBijdrageProductCreate,
    session: DbSession,
    _: MagEigenBijdrageProductenBeheren,
    response: Response,
) -> EigenBijdrageProductRead:
    """Leg vast dat een productcategorie of -code een eigen bijdrage draagt, en welke soort.
    Lopende zorg in dat product krijgt meteen de CAK-meldingen die daaruit volgen."""
    rule = await service.create_product_rule(session, body, today=today())
    read = service.rule_to_read(rule)
    await session.commit()
    response.headers["Location"] = f"/api/v1/eigen-bijdrage-producten/{rule.id}"
    return read


@router.delete("/eigen-bijdrage-producten/{regelId}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_eigen_bijdrage_product(
    regel_id: RegelId, session: DbSession, _: MagEigenBijdrageProductenBeheren
) -> Response:
    """Schrap een regel; meldingen die nog niet verzonden zijn vervallen, verzonden worden
    ingetrokken."""
    await service.delete_product_rule(session, regel_id, today=today())
    await session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/cak-meldingen", response_model=Page[CakMeldingRead])
async def list_cak_meldingen(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagCakMeldingenLezen,
    sortering: MeldingSortering,
    status_: Annotated[
        Status | None, Query(alias="status", description="Alleen deze status.")
    ] = None,
    berichtcode: Annotated[
        Berichtcode | None, Query(description="405 abonnementstarief, 407 beschermd wonen.")
    ] = None,
    gemeentecode: Annotated[
        str | None, Query(pattern=r"^[0-9]{4}$", description="CBS-gemeentecode.")
    ] = None,
) -> Page[CakMeldingRead]:
    """De meldingen voor het CAK per cliënt (pseudoniem), eerst die het eerst verzonden moeten
    zijn. De gateway vult bij verzending BSN en naam aan; financiën kent die niet."""
    results, count = await service.list_meldingen(
        session,
        principal,
        repository.Filter(
            status=status_,
            berichtcode=berichtcode,
            gemeentecode=gemeentecode,
            sortering=sortering,
        ),
        offset=paging.offset,
        limit=paging.page_size,
    )
    await session.commit()
    return paginate(request, response, results, count, paging)


@router.get("/cak-meldingen/{cakMeldingId}", response_model=CakMeldingRead)
async def get_cak_melding(
    melding_id: CakMeldingId, session: DbSession, principal: MagCakMeldingenLezen
) -> CakMeldingRead:
    """Eén CAK-melding met haar status en het antwoord van het CAK."""
    read = await service.read_melding(session, melding_id, principal)
    await session.commit()
    return read


@router.post(
    "/cak-meldingen/{cakMeldingId}/verzendingen",
    status_code=status.HTTP_201_CREATED,
    response_model=CakMeldingRead,
)
async def create_verzending(
    melding_id: CakMeldingId,
    body: VerzendingCreate,
    session: DbSession,
    principal: MagCakMeldingenVerwerken,
) -> CakMeldingRead:
    """Leg vast dat de melding (als WMO405/407) naar het CAK is verzonden."""
    melding = await service.record_verzending(session, melding_id, body, principal)
    read = service.to_read(melding)
    await session.commit()
    return read


@router.post(
    "/cak-meldingen/{cakMeldingId}/antwoorden",
    status_code=status.HTTP_201_CREATED,
    response_model=CakMeldingRead,
)
async def create_antwoord(
    melding_id: CakMeldingId,
    body: AntwoordCreate,
    session: DbSession,
    principal: MagCakMeldingenVerwerken,
) -> CakMeldingRead:
    """Leg het antwoord van het CAK vast (WMO406 op een 405, WMO408 op een 407): bevestigd,
    of afgewezen met de retourcodes."""
    melding = await service.record_antwoord(session, melding_id, body, principal)
    read = service.to_read(melding)
    await session.commit()
    return read

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import Path, Query, Response, status

from wmo_access.rollen import MagToegangLezen, MagToegangWijzigen
from wmo_access.wachtlijsten import service
from wmo_access.wachtlijsten.schemas import (
    AanmeldingCreate,
    AanmeldingRead,
    Plaatsing,
    Wachtende,
    Weigering,
)
from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.routing import ApiRouter

router = ApiRouter(tags=["wachtlijsten"])

AanmeldingId = Annotated[uuid.UUID, Path(alias="aanmeldingId", description="Id van de aanmelding.")]


@router.post("/aanmeldingen", status_code=status.HTTP_201_CREATED, response_model=AanmeldingRead)
async def create_aanmelding(
    body: AanmeldingCreate, session: DbSession, principal: MagToegangWijzigen, response: Response
) -> AanmeldingRead:
    """Meld een cliënt met een toegewezen indicatie aan bij een aanbieder voor een plek; de
    aanmelding wacht tot plaatsing of weigering."""
    aanmelding = await service.create_aanmelding(session, body, today(), principal)
    await session.commit()
    response.headers["Location"] = f"/api/v1/aanmeldingen/{aanmelding.id}"
    return service.to_read(aanmelding)


@router.post("/aanmeldingen/{aanmeldingId}/plaatsingen", response_model=AanmeldingRead)
async def place(
    aanmelding_id: AanmeldingId, body: Plaatsing, session: DbSession, _: MagToegangWijzigen
) -> AanmeldingRead:
    """Leg vast dat de aanbieder de cliënt een plek gaf."""
    aanmelding = await service.place(session, aanmelding_id, body.plaatsingsdatum or today())
    await session.commit()
    return service.to_read(aanmelding)


@router.post("/aanmeldingen/{aanmeldingId}/weigeringen", response_model=AanmeldingRead)
async def refuse(
    aanmelding_id: AanmeldingId, body: Weigering, session: DbSession, _: MagToegangWijzigen
) -> AanmeldingRead:
    """Leg vast dat de aanbieder de cliënt weigerde, met de reden."""
    aanmelding = await service.refuse(session, aanmelding_id, body.reden)
    await session.commit()
    return service.to_read(aanmelding)


@router.get("/wachtlijsten", response_model=list[Wachtende])
async def list_wachtlijst(
    session: DbSession,
    _: MagToegangLezen,
    product_categorie: Annotated[
        str | None, Query(alias="productCategorie", pattern=r"^[0-9]{2}$")
    ] = None,
    product_code: Annotated[
        str | None, Query(alias="productCode", pattern=r"^[0-9A-Z]{5}$")
    ] = None,
    gebied: Annotated[str | None, Query(max_length=100)] = None,
    peildatum: Annotated[date | None, Query(description="Leeg: vandaag.")] = None,
    norm_dagen: Annotated[
        int | None,
        Query(
            alias="normDagen",
            ge=0,
            le=3650,
            description="Termijn in dagen; leeg: de acceptatieplicht uit de "
            "verwervingsstrategie van het segment, anders de Treeknorm van de aanbieder daar.",
        ),
    ] = None,
    overschreden: Annotated[
        bool, Query(description="Alleen wie langer wacht dan de norm.")
    ] = False,
) -> list[Wachtende]:
    """De wachtlijst per product en gebied, langst wachtend eerst, met de dagen tegen de norm;
    met `overschreden=true` de cliënten die langer wachten dan de norm."""
    return await service.wachtlijst(
        session,
        product_categorie=product_categorie,
        product_code=product_code,
        gebied=gebied,
        peildatum=peildatum or today(),
        norm_dagen=norm_dagen,
        alleen_overschreden=overschreden,
    )

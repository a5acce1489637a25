from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_common.auth import ensure_own_agb, scoped_agb
from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.query import Datum
from wmo_common.routing import ApiRouter
from wmo_providers.aanbieders.service import get_aanbieder
from wmo_providers.dependencies import Agb, ProvidersSettings
from wmo_providers.kwaliteitsdocumenten import repository, service
from wmo_providers.kwaliteitsdocumenten.schemas import (
    KwaliteitsdocumentCreate,
    KwaliteitsdocumentRead,
    Soort,
    Tekortkoming,
    Verloopcontrole,
    VerloopcontroleResultaat,
)
from wmo_providers.rollen import MagAanbiedersBeheren, MagAanbiedersLezen, MagChecksStarten

router = ApiRouter(tags=["kwaliteitsdocumenten"])

DocumentSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "soort,-afgiftedatum"))
]


@router.post(
    "/aanbieders/{agb}/kwaliteitsdocumenten",
    status_code=status.HTTP_201_CREATED,
    response_model=KwaliteitsdocumentRead,
)
async def add_kwaliteitsdocument(
    agb: Agb, body: KwaliteitsdocumentCreate, session: DbSession, _: MagAanbiedersBeheren
) -> KwaliteitsdocumentRead:
    """Leg een kwaliteitsdocument van een aanbieder vast (VOG, kwaliteitsstatuut,
    aansprakelijkheidsverzekering, certificering) met afgifte- en vervaldatum en bewijs."""
    aanbieder = await get_aanbieder(session, agb)
    document = await service.add_kwaliteitsdocument(session, aanbieder, body, today())
    await session.commit()
    return service.to_read(document, agb)


@router.get("/aanbieders/{agb}/kwaliteitsdocumenten", response_model=Page[KwaliteitsdocumentRead])
async def list_kwaliteitsdocumenten(
    agb: Agb,
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagAanbiedersLezen,
    sortering: DocumentSortering,
    soort: Annotated[Soort | None, Query(description="Alleen documenten van deze soort.")] = None,
) -> Page[KwaliteitsdocumentRead]:
    """De kwaliteitsdocumenten van een aanbieder, standaard per soort en nieuwste eerst; een
    aanbieder ziet alleen de zijne."""
    ensure_own_agb(principal, agb)
    aanbieder = await get_aanbieder(session, agb)
    rows, count = await repository.list_page(
        session,
        aanbieder.id,
        soort=soort,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
    )
    return paginate(request, response, [service.to_read(r, agb) for r in rows], count, paging)


@router.get("/kwaliteitsdocumenten/tekortkomingen", response_model=list[Tekortkoming])
async def list_tekortkomingen(
    session: DbSession,
    principal: MagAanbiedersLezen,
    peildatum: Annotated[Datum | None, Query(description="Leeg: vandaag.")] = None,
) -> list[Tekortkoming]:
    """Per aanbieder de verplichte kwaliteitsdocumenten die op de peildatum ontbreken of verlopen
    zijn; een aanbieder ziet alleen zijn eigen tekortkomingen."""
    return await service.list_tekortkomingen(
        session, peildatum or today(), scoped_agb(principal, None)
    )


@router.post("/kwaliteitsdocumenten/_verloopcontrole", response_model=VerloopcontroleResultaat)
async def check_expiry(
    body: Verloopcontrole, session: DbSession, settings: ProvidersSettings, _: MagChecksStarten
) -> VerloopcontroleResultaat:
    """Meld documenten die binnen een drempel (dagen vóór de vervaldatum) verlopen, met het event
    kwaliteitsdocument-verloopt: eenmaal per document en drempel, dus veilig om te herhalen. Een
    aanbieder van wie alle documenten van een soort verlopen zijn krijgt één open signalering per
    soort (de toegang waarschuwt dan bij toewijzen); een nieuw geldig document heft die op."""
    peildatum = body.peildatum or today()
    gemeld = await service.check_expiry(
        session, peildatum, settings.kwaliteitsdocument_drempels_dagen
    )
    await session.commit()
    return VerloopcontroleResultaat(peildatum=peildatum, gemeld=gemeld)

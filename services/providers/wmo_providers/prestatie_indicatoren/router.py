from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response

from wmo_common.auth import scoped_agb
from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.query import Datum
from wmo_common.routing import ApiRouter
from wmo_providers.dependencies import (
    AgbFilter,
    PeriodeParam,
    ProvidersSettings,
    SegmentId,
    parse_periode,
)
from wmo_providers.prestatie_indicatoren import service
from wmo_providers.prestatie_indicatoren.schemas import (
    Evaluatie,
    EvaluatieResultaat,
    PrestatieIndicatoren,
    PrestatienormRead,
    PrestatienormUpdate,
)
from wmo_providers.rollen import (
    MagAanbiedersBeheren,
    MagAanbiedersLezen,
    MagChecksStarten,
    MagMarktLezen,
)

router = ApiRouter(prefix="/prestatie-indicatoren", tags=["prestatie-indicatoren"])


@router.get("", response_model=Page[PrestatieIndicatoren])
async def list_prestatie_indicatoren(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagAanbiedersLezen,
    periode: PeriodeParam,
    agb: AgbFilter,
    segment_id: Annotated[uuid.UUID | None, Query(alias="segmentId")] = None,
    peildatum: Annotated[
        Datum | None, Query(description="Voor ontbrekende berichten; leeg: vandaag.")
    ] = None,
) -> Page[PrestatieIndicatoren]:
    """De prestatie-indicatoren per aanbieder en segment over een periode, berekend uit de
    events van toegang, berichtenverkeer en financiën; een aanbieder ziet alleen de zijne."""
    kpis = await service.list_prestatie_indicatoren(
        session,
        periode,
        peildatum or today(),
        agb=scoped_agb(principal, agb),
        segment_id=segment_id,
    )
    page = kpis[paging.offset : paging.offset + paging.page_size]
    return paginate(request, response, page, len(kpis), paging)


@router.get("/normen", response_model=list[PrestatienormRead])
async def list_normen(session: DbSession, _: MagMarktLezen) -> list[PrestatienormRead]:
    """De normen per segment."""
    return await service.list_norms(session)


@router.get("/normen/{segmentId}", response_model=PrestatienormRead)
async def get_norm(
    segment_id: SegmentId, session: DbSession, _: MagAanbiedersLezen
) -> PrestatienormRead:
    """De normen van één segment: de prestatie-indicatoren waarop aanbieders worden gestuurd."""
    return await service.get_norm(session, segment_id)


@router.put("/normen/{segmentId}", response_model=PrestatienormRead)
async def set_norm(
    segment_id: SegmentId, body: PrestatienormUpdate, session: DbSession, _: MagAanbiedersBeheren
) -> PrestatienormRead:
    """Stel de normen van een segment in (zolang contractering geen contract-KPI's publiceert):
    per indicator een norm, de Treeknorm en na hoeveel perioden onder de norm een signalering
    volgt."""
    norm = await service.set_norm(session, segment_id, body)
    await session.commit()
    return norm


@router.post("/_evalueer", response_model=EvaluatieResultaat)
async def evaluate(
    body: Evaluatie, session: DbSession, settings: ProvidersSettings, _: MagChecksStarten
) -> EvaluatieResultaat:
    """Toets de prestatie-indicatoren van een periode aan de normen: een aanbieder die het
    ingestelde aantal perioden op rij onder een norm blijft, wordt gesignaleerd; haalt hij de
    norm weer, dan wordt de signalering opgeheven. Herhalen is veilig."""
    periode = parse_periode(body.periode)
    raised, lifted = await service.evaluate(
        session, periode, today(), settings.signalering_na_perioden
    )
    await session.commit()
    return EvaluatieResultaat(periode=periode.code, gesignaleerd=raised, opgeheven=lifted)

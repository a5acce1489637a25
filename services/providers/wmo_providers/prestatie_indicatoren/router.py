from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_providers.dependencies import (
    Beheerder,
    Lezer,
    PeriodeParam,
    Planner,
    ProvidersSettings,
    Regiolezer,
    parse_periode,
)
from wmo_providers.kalender import vandaag
from wmo_providers.prestatie_indicatoren import repository, service
from wmo_providers.prestatie_indicatoren.errors import PrestatienormNietGevonden
from wmo_providers.prestatie_indicatoren.schemas import (
    Evaluatie,
    EvaluatieResultaat,
    PrestatieIndicatoren,
    PrestatienormRead,
    PrestatienormUpdate,
)

router = APIRouter(prefix="/prestatie-indicatoren", tags=["prestatie-indicatoren"])


@router.get("", response_model=Page[PrestatieIndicatoren])
async def list_prestatie_indicatoren(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: Lezer,
    periode: PeriodeParam,
    agb: Annotated[str | None, Query(pattern=r"^\d{8}$")] = None,
    segment_id: Annotated[uuid.UUID | None, Query(alias="segmentId")] = None,
    peildatum: Annotated[
        date | None, Query(description="Voor ontbrekende berichten; leeg: vandaag.")
    ] = None,
) -> Page[PrestatieIndicatoren]:
    """De prestatie-indicatoren per aanbieder en segment over een periode, berekend uit de
    events van toegang, berichtenverkeer en financiën; een aanbieder ziet alleen de zijne."""
    if principal.is_provider_only:
        agb = principal.agb
    kpis = await service.list_prestatie_indicatoren(
        session, periode, peildatum or vandaag(), agb=agb, segment_id=segment_id
    )
    page = kpis[paging.offset : paging.offset + paging.page_size]
    return paginate(request, response, page, len(kpis), paging)


@router.get("/normen", response_model=list[PrestatienormRead])
async def list_normen(session: DbSession, _: Regiolezer) -> list[PrestatienormRead]:
    """De normen per segment."""
    return [service.to_read(n) for n in await repository.all_norms(session)]


@router.get("/normen/{segment_id}", response_model=PrestatienormRead)
async def get_norm(segment_id: uuid.UUID, session: DbSession, _: Lezer) -> PrestatienormRead:
    """De normen van één segment: de prestatie-indicatoren waarop aanbieders worden gestuurd."""
    norm = await repository.find_norm(session, segment_id)
    if norm is None:
        raise PrestatienormNietGevonden()
    return service.to_read(norm)


@router.put("/normen/{segment_id}", response_model=PrestatienormRead)
async def set_norm(
    segment_id: uuid.UUID, body: PrestatienormUpdate, session: DbSession, _: Beheerder
) -> PrestatienormRead:
    """Stel de normen van een segment in (zolang contractering geen contract-KPI's publiceert):
    per indicator een norm, de Treeknorm en na hoeveel perioden onder de norm een signalering
    volgt."""
    norm = await service.set_norm(session, segment_id, body)
    await session.commit()
    return norm


@router.post("/_evalueer", response_model=EvaluatieResultaat)
async def evaluate(
    body: Evaluatie, session: DbSession, settings: ProvidersSettings, _: Planner
) -> EvaluatieResultaat:
    """Toets de prestatie-indicatoren van een periode aan de normen: een aanbieder die het
    ingestelde aantal perioden op rij onder een norm blijft, wordt gesignaleerd; haalt hij de
    norm weer, dan wordt de signalering opgeheven. Herhalen is veilig."""
    periode = parse_periode(body.periode)
    raised, lifted = await service.evaluate(
        session, periode, vandaag(), settings.signalering_na_perioden
    )
    await session.commit()
    return EvaluatieResultaat(periode=periode.code, gesignaleerd=raised, opgeheven=lifted)

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.dependencies import period_parameter, sort_parameter
from wmo_common.lists import Periode, Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.query import Datum
from wmo_common.routing import ApiRouter
from wmo_contracting.contracten import indexatie, repository, service, termijnen, wijzigingen
from wmo_contracting.contracten.mapping import to_read, wijziging_to_read
from wmo_contracting.contracten.schemas import (
    Beeindiging,
    ContractCreate,
    ContractRead,
    Contractstatus,
    ContractwijzigingCreate,
    ContractwijzigingRead,
    Indexatie,
    PartijCreate,
    Signalering,
    SignaleringResultaat,
    TariefCreate,
    Termijn,
    Verlenging,
)
from wmo_contracting.dependencies import ContractId, ContractingSettings
from wmo_contracting.rollen import MagInkoopBeheren, MagInkoopLezen, MagTermijncontroleStarten

router = ApiRouter(prefix="/contracten", tags=["contracten"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ContractRead)
async def create_contract(
    body: ContractCreate, session: DbSession, actor: MagInkoopBeheren, response: Response
) -> ContractRead:
    """Leg een contract vast als concept: partijen met hun rol, gebieden, producten en tarieven,
    bekostiging, looptijd en verlengingsopties."""
    contract = await service.create_contract(session, body, actor)
    await session.commit()
    response.headers["Location"] = f"/api/v1/contracten/{contract.id}"
    return to_read(contract)


ContractSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "contractnummer"))
]
Ingangsperiode = Annotated[Periode, Depends(period_parameter("ingangsdatum"))]
WijzigingSortering = Annotated[
    list[Sortering],
    Depends(sort_parameter(tuple(repository.SORTEERVELDEN_WIJZIGINGEN), "volgnummer")),
]


@router.get("", response_model=Page[ContractRead])
async def list_contracten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: MagInkoopLezen,
    sortering: ContractSortering,
    periode: Ingangsperiode,
    segment_id: Annotated[
        uuid.UUID | None, Query(alias="segmentId", description="Alleen in dit inkoopsegment.")
    ] = None,
    contractstatus: Annotated[
        Contractstatus | None, Query(alias="status", description="Alleen met deze status.")
    ] = None,
    aanbieder_agb: Annotated[
        str | None,
        Query(alias="aanbiederAgb", pattern=r"^[0-9]{8}$", description="Alleen met deze partij."),
    ] = None,
) -> Page[ContractRead]:
    """De contracten, standaard op contractnummer, te filteren op segment, status, partij en
    ingangsdatum."""
    rows, count = await repository.list_page(
        session,
        segment_id=segment_id,
        status=contractstatus,
        aanbieder_agb=aanbieder_agb,
        periode=periode,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
    )
    return paginate(request, response, [to_read(r) for r in rows], count, paging)


@router.get("/termijnen", response_model=list[Termijn])
async def list_termijnen(
    session: DbSession,
    settings: ContractingSettings,
    _: MagInkoopLezen,
    peildatum: Annotated[Datum | None, Query(description="Leeg: vandaag.")] = None,
    binnen_dagen: Annotated[
        int | None,
        Query(alias="binnenDagen", ge=0, le=3650, description="Leeg: de signaleringstermijn."),
    ] = None,
) -> list[Termijn]:
    """De opzeg- en verlengingstermijnen van lopende contracten die binnen het aantal dagen
    vallen (of al verstreken zijn), eerstvolgende eerst."""
    return await termijnen.list_termijnen(
        session,
        peildatum or today(),
        settings.contract_termijn_voorloop_dagen if binnen_dagen is None else binnen_dagen,
    )


@router.post("/_signaleer-verlopen", response_model=SignaleringResultaat)
async def signal_termijnen(
    body: Signalering,
    session: DbSession,
    settings: ContractingSettings,
    _: MagTermijncontroleStarten,
) -> SignaleringResultaat:
    """Meld elke opzeg- en verlengingstermijn binnen de signaleringstermijn met het event
    contract-verloopt: eenmaal per contract en termijn, dus veilig om te herhalen."""
    peildatum = body.peildatum or today()
    gemeld = await termijnen.signal_termijnen(
        session, peildatum, settings.contract_termijn_voorloop_dagen
    )
    await session.commit()
    return SignaleringResultaat(peildatum=peildatum, gemeld=gemeld)


@router.get("/{contractId}", response_model=ContractRead)
async def get_contract(
    contract_id: ContractId, session: DbSession, _: MagInkoopLezen
) -> ContractRead:
    """Eén contract met alles wat het regelt."""
    return to_read(await service.get_contract(session, contract_id))


@router.post(
    "/{contractId}/partijen", status_code=status.HTTP_201_CREATED, response_model=ContractRead
)
async def add_partij(
    contract_id: ContractId, body: PartijCreate, session: DbSession, _: MagInkoopBeheren
) -> ContractRead:
    """Voeg een partij toe aan een contract in concept; een geactiveerd contract verandert
    alleen met een contractwijziging."""
    contract = await service.add_partij(session, contract_id, body)
    await session.commit()
    return to_read(contract)


@router.post(
    "/{contractId}/tarieven", status_code=status.HTTP_201_CREATED, response_model=ContractRead
)
async def add_tarief(
    contract_id: ContractId, body: TariefCreate, session: DbSession, _: MagInkoopBeheren
) -> ContractRead:
    """Voeg een tarief toe aan een contract in concept; tarieven van één product overlappen
    niet. Een geactiveerd contract verandert alleen met een contractwijziging."""
    contract = await service.add_tarief(session, contract_id, body)
    await session.commit()
    return to_read(contract)


@router.post("/{contractId}/activeringen", response_model=ContractRead)
async def activate_contract(
    contract_id: ContractId, session: DbSession, actor: MagInkoopBeheren
) -> ContractRead:
    """Activeer een compleet contract in concept (event contract-geactiveerd); wat nog
    ontbreekt staat in invalidParams."""
    contract = await service.activate_contract(session, contract_id, actor)
    await session.commit()
    return to_read(contract)


@router.post(
    "/{contractId}/wijzigingen",
    status_code=status.HTTP_201_CREATED,
    response_model=ContractwijzigingRead,
)
async def amend_contract(
    contract_id: ContractId,
    body: ContractwijzigingCreate,
    session: DbSession,
    actor: MagInkoopBeheren,
) -> ContractwijzigingRead:
    """Wijzig een contract met een contractwijziging: met reden, vastgelegd in de historie en,
    bij een lopend contract, gemeld met het event contract-gewijzigd."""
    _, wijziging = await wijzigingen.amend_contract(session, contract_id, body, actor)
    await session.commit()
    return wijziging_to_read(wijziging)


@router.get("/{contractId}/wijzigingen", response_model=Page[ContractwijzigingRead])
async def list_wijzigingen(
    contract_id: ContractId,
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: MagInkoopLezen,
    sortering: WijzigingSortering,
) -> Page[ContractwijzigingRead]:
    """De historie van een contract: wie wat wanneer en waarom veranderde, standaard oudste
    eerst."""
    await service.get_contract(session, contract_id)
    rows, count = await repository.list_wijzigingen(
        session, contract_id, sortering=sortering, offset=paging.offset, limit=paging.page_size
    )
    return paginate(request, response, [wijziging_to_read(r) for r in rows], count, paging)


@router.post("/{contractId}/verlengingen", response_model=ContractRead)
async def extend_contract(
    contract_id: ContractId, body: Verlenging, session: DbSession, actor: MagInkoopBeheren
) -> ContractRead:
    """Licht de eerstvolgende verlengingsoptie, uiterlijk op haar beslisdatum: de einddatum
    schuift op (event contract-gewijzigd)."""
    contract = await service.extend_contract(session, contract_id, body, actor, today())
    await session.commit()
    return to_read(contract)


@router.post("/{contractId}/beeindigingen", response_model=ContractRead)
async def end_contract(
    contract_id: ContractId, body: Beeindiging, session: DbSession, actor: MagInkoopBeheren
) -> ContractRead:
    """Beëindig een lopend contract met inachtneming van de opzegtermijn, of ontbind het
    (event contract-beeindigd)."""
    contract = await service.end_contract(session, contract_id, body, actor, today())
    await session.commit()
    return to_read(contract)


@router.post(
    "/{contractId}/indexaties",
    status_code=status.HTTP_201_CREATED,
    response_model=ContractwijzigingRead,
)
async def index_tarieven(
    contract_id: ContractId, body: Indexatie, session: DbSession, actor: MagInkoopBeheren
) -> ContractwijzigingRead:
    """Indexeer de tarieven die op de ingangsdatum gelden met een percentage volgens de
    indexatieformule van het contract: bedragen exact berekend en eenmaal afgerond (half naar
    boven, op hele centen). Vastgelegd als contractwijziging (event contract-gewijzigd)."""
    _, wijziging = await indexatie.index_tarieven(session, contract_id, body, actor)
    await session.commit()
    return wijziging_to_read(wijziging)

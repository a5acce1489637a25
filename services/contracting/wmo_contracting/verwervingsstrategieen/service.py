from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal
from wmo_common.db import utcnow
from wmo_common.events import outbox
from wmo_common.events.contracting import Contractvoorwaarden as ContractvoorwaardenEvent
from wmo_common.events.contracting import PrestatieIndicator as PrestatieIndicatorEvent
from wmo_common.events.contracting import Toegangsregels, VerwervingsstrategieGepubliceerd
from wmo_contracting.bekostiging import Bekostiging
from wmo_contracting.segmenten import service as segmenten
from wmo_contracting.segmenten.models import Segment
from wmo_contracting.segmenten.service import get_segment
from wmo_contracting.verwervingsstrategieen import repository
from wmo_contracting.verwervingsstrategieen.errors import (
    NieuwereVersieGepubliceerd,
    VerwervingsstrategieAlGepubliceerd,
    VerwervingsstrategieNietGevonden,
)
from wmo_contracting.verwervingsstrategieen.models import Verwervingsstrategie
from wmo_contracting.verwervingsstrategieen.schemas import (
    VerwervingsstrategieCreate,
    VerwervingsstrategieRead,
)


async def create_verwervingsstrategie(
    session: AsyncSession, segment_id: uuid.UUID, data: VerwervingsstrategieCreate, actor: Principal
) -> Verwervingsstrategie:
    """Write the next version of a segment's strategy as a concept."""
    # The segment lock makes concurrent writers take version numbers one after the other.
    await get_segment(session, segment_id, for_update=True)
    strategie = Verwervingsstrategie(
        segment_id=segment_id,
        versie=await repository.highest_versie(session, segment_id) + 1,
        status="concept",
        max_indicatie_maanden=data.toegang.max_indicatie_maanden,
        is_individuele_beschikking=data.toegang.individuele_beschikking,
        herindicatie_doorlooptijd_dagen=data.toegang.herindicatie_doorlooptijd_dagen,
        casusregie=data.toegang.casusregie,
        leveranciersbeleid=data.leveranciersmanagement.beleid,
        max_aanbieders=data.leveranciersmanagement.max_aanbieders,
        acceptatieplicht_maanden=data.leveranciersmanagement.acceptatieplicht_maanden,
        is_verlopen_kwaliteitsdocument_blokkerend=(
            data.leveranciersmanagement.verlopen_kwaliteitsdocument_blokkeert
        ),
        looptijd_jaren=data.contractvoorwaarden.looptijd_jaren,
        verlengingsopties=list(data.contractvoorwaarden.verlengingsopties),
        opzegtermijn_maanden=data.contractvoorwaarden.opzegtermijn_maanden,
        prestatie_indicatoren=[p.model_dump(mode="json") for p in data.prestatie_indicatoren],
        created_by=actor.subject,
    )
    data.bekostiging.store(strategie)
    session.add(strategie)
    await session.flush()
    return strategie


async def get_verwervingsstrategie(
    session: AsyncSession, strategie_id: uuid.UUID, *, for_update: bool = False
) -> Verwervingsstrategie:
    strategie = await repository.find_by_id(session, strategie_id, for_update=for_update)
    if strategie is None:
        raise VerwervingsstrategieNietGevonden()
    return strategie


async def publish_verwervingsstrategie(
    session: AsyncSession, strategie_id: uuid.UUID, actor: Principal
) -> Verwervingsstrategie:
    """Publish a concept version: it replaces the segment's published version, and access and
    finance learn its rules from `verwervingsstrategie-gepubliceerd`."""
    found = await get_verwervingsstrategie(session, strategie_id)
    segment = await get_segment(session, found.segment_id, for_update=True)
    strategie = await get_verwervingsstrategie(session, strategie_id, for_update=True)
    if strategie.status != "concept":
        raise VerwervingsstrategieAlGepubliceerd(
            f"Versie {strategie.versie} heeft status {strategie.status}."
        )
    current = await repository.find_published(session, segment.id)
    if current is not None:
        if current.versie > strategie.versie:
            raise NieuwereVersieGepubliceerd(
                f"Versie {current.versie} is gepubliceerd; versie {strategie.versie} is ouder."
            )
        current.status = "vervangen"
        # At most one published version per segment (a partial unique index): the old one
        # must be written as replaced before the new one is written as published.
        await session.flush()
    strategie.status = "gepubliceerd"
    strategie.gepubliceerd_at = utcnow()
    strategie.gepubliceerd_by = actor.subject
    await session.flush()
    await outbox.add(session, to_event(strategie, segment))
    return strategie


def to_read(strategie: Verwervingsstrategie) -> VerwervingsstrategieRead:
    return VerwervingsstrategieRead.model_validate(
        {
            "id": strategie.id,
            "segment_id": strategie.segment_id,
            "versie": strategie.versie,
            "status": strategie.status,
            "toegang": {
                "max_indicatie_maanden": strategie.max_indicatie_maanden,
                "individuele_beschikking": strategie.is_individuele_beschikking,
                "herindicatie_doorlooptijd_dagen": strategie.herindicatie_doorlooptijd_dagen,
                "casusregie": strategie.casusregie,
            },
            "bekostiging": Bekostiging.of(strategie),
            "leveranciersmanagement": {
                "beleid": strategie.leveranciersbeleid,
                "max_aanbieders": strategie.max_aanbieders,
                "acceptatieplicht_maanden": strategie.acceptatieplicht_maanden,
                "verlopen_kwaliteitsdocument_blokkeert": (
                    strategie.is_verlopen_kwaliteitsdocument_blokkerend
                ),
            },
            "contractvoorwaarden": {
                "looptijd_jaren": strategie.looptijd_jaren,
                "verlengingsopties": list(strategie.verlengingsopties),
                "opzegtermijn_maanden": strategie.opzegtermijn_maanden,
            },
            "prestatie_indicatoren": strategie.prestatie_indicatoren,
            "created_at": strategie.created_at,
            "gepubliceerd_at": strategie.gepubliceerd_at,
        }
    )


def to_event(strategie: Verwervingsstrategie, segment: Segment) -> VerwervingsstrategieGepubliceerd:
    read = to_read(strategie)
    return VerwervingsstrategieGepubliceerd(
        verwervingsstrategie_id=strategie.id,
        segment_id=segment.id,
        segment_naam=segment.naam,
        wet=segmenten.to_read(segment).wet,
        versie=strategie.versie,
        gebieden=list(segment.gebieden),
        toegang=Toegangsregels(
            max_indicatie_maanden=read.toegang.max_indicatie_maanden,
            individuele_beschikking=read.toegang.individuele_beschikking,
            herindicatie_doorlooptijd_dagen=read.toegang.herindicatie_doorlooptijd_dagen,
            casusregie=read.toegang.casusregie,
        ),
        bekostiging=read.bekostiging.to_event(),
        leveranciersbeleid=read.leveranciersmanagement.beleid,
        max_aanbieders=read.leveranciersmanagement.max_aanbieders,
        acceptatieplicht_maanden=read.leveranciersmanagement.acceptatieplicht_maanden,
        verlopen_kwaliteitsdocument_blokkeert=(
            read.leveranciersmanagement.verlopen_kwaliteitsdocument_blokkeert
        ),
        contractvoorwaarden=ContractvoorwaardenEvent(
            looptijd_jaren=read.contractvoorwaarden.looptijd_jaren,
            verlengingsopties=read.contractvoorwaarden.verlengingsopties,
            opzegtermijn_maanden=read.contractvoorwaarden.opzegtermijn_maanden,
        ),
        prestatie_indicatoren=[
            PrestatieIndicatorEvent(
                code=p.code, naam=p.naam, streefwaarde=p.streefwaarde, eenheid=p.eenheid
            )
            for p in read.prestatie_indicatoren
        ],
    )

"""Keeping the contract read model: applied from contracting's events, order-free."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.contracten import repository
from wmo_access.contracten.models import Segment
from wmo_access.kalender import plus_maanden
from wmo_common.events.contracting import (
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
    VerwervingsstrategieGepubliceerd,
)


async def apply_strategie(session: AsyncSession, event: VerwervingsstrategieGepubliceerd) -> None:
    await repository.upsert_segment(
        session,
        {
            "id": event.segment_id,
            "naam": event.segment_naam,
            "versie": event.versie,
            "bekostigingsmodel": event.bekostiging.model,
            "max_indicatie_maanden": event.toegang.max_indicatie_maanden,
            "is_individuele_beschikking": event.toegang.individuele_beschikking,
            "herindicatie_doorlooptijd_dagen": event.toegang.herindicatie_doorlooptijd_dagen,
        },
    )


async def apply_contract(
    session: AsyncSession, event: ContractGeactiveerd | ContractGewijzigd, recorded_at: datetime
) -> None:
    producten = {
        (t.product.categorie, t.product.code): {
            "categorie": t.product.categorie,
            "code": t.product.code,
        }
        for t in event.tarieven
    }
    await repository.upsert_contract(
        session,
        {
            "id": event.contract_id,
            "contractnummer": event.contractnummer,
            "segment_id": event.segment_id,
            "aanbieder_agbs": sorted({p.aanbieder_agb for p in event.partijen}),
            "partijen": [{"agb": p.aanbieder_agb, "rol": p.rol} for p in event.partijen],
            "gebieden": sorted(set(event.gebieden)),
            "producten": list(producten.values()),
            "ingangsdatum": event.ingangsdatum,
            "einddatum": event.einddatum,
            "version_at": recorded_at,
        },
    )


async def end_contract(session: AsyncSession, event: ContractBeeindigd) -> None:
    await repository.end_contract(session, event.contract_id, event.einddatum)


async def find_segment(session: AsyncSession, segment_id: uuid.UUID | None) -> Segment | None:
    return None if segment_id is None else await repository.find_segment(session, segment_id)


def einde_bereik(segment: Segment, ingangsdatum: date) -> date | None:
    """The last day an indicatie starting on `ingangsdatum` may run in this segment."""
    if segment.max_indicatie_maanden is None:
        return None
    return plus_maanden(ingangsdatum, segment.max_indicatie_maanden) - timedelta(days=1)

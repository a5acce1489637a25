"""Keeping the contract read model: applied from contracting's events, order-free."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.leesmodellen.contracten import repository
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
            "acceptatieplicht_maanden": event.acceptatieplicht_maanden,
        },
    )


def contracted_products(event: ContractGeactiveerd | ContractGewijzigd) -> list[dict[str, Any]]:
    """The contract's own product list (a lumpsum contract has products and no tarieven); an
    event from before that list existed names its products by their tarieven."""
    if event.producten:
        return [
            {
                "categorie": p.product.categorie,
                "code": p.product.code,
                "intensiteiten": list(p.intensiteiten),
                "gebieden": sorted(set(p.gebieden)),
            }
            for p in event.producten
        ]
    producten: dict[tuple[str, str | None], dict[str, Any]] = {}
    for t in event.tarieven:
        entry = producten.setdefault(
            (t.product.categorie, t.product.code),
            {
                "categorie": t.product.categorie,
                "code": t.product.code,
                "intensiteiten": [],
                "gebieden": [],
            },
        )
        if t.intensiteit is not None and t.intensiteit not in entry["intensiteiten"]:
            entry["intensiteiten"].append(t.intensiteit)
    return list(producten.values())


async def apply_contract(
    session: AsyncSession, event: ContractGeactiveerd | ContractGewijzigd, recorded_at: datetime
) -> None:
    await repository.upsert_contract(
        session,
        {
            "id": event.contract_id,
            "contractnummer": event.contractnummer,
            "segment_id": event.segment_id,
            "aanbieder_agbs": sorted({p.aanbieder_agb for p in event.partijen}),
            "partijen": [{"agb": p.aanbieder_agb, "rol": p.rol} for p in event.partijen],
            "gebieden": sorted(set(event.gebieden)),
            "producten": contracted_products(event),
            "ingangsdatum": event.ingangsdatum,
            "einddatum": event.einddatum,
            "version_at": recorded_at,
        },
    )


async def apply_contract_beeindigd(session: AsyncSession, event: ContractBeeindigd) -> None:
    await repository.end_contract(session, event.contract_id, event.einddatum)

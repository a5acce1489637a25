"""Keep the read models of segments and contracts in step with contracting's events."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.contracting import (
    Bekostiging,
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
    VerwervingsstrategieGepubliceerd,
)
from wmo_finance.leesmodellen.contracten import repository
from wmo_finance.leesmodellen.contracten.models import (
    BekostigingColumns,
    Contract,
    ContractTarief,
    Segment,
)


def _set_bekostiging(target: BekostigingColumns, bekostiging: Bekostiging) -> None:
    target.bekostigingsmodel = bekostiging.model
    target.realisatiefactor = bekostiging.realisatiefactor
    target.resultaat_percentage = bekostiging.resultaat_percentage
    target.kortingspercentage = bekostiging.kortingspercentage
    target.uitvoeringsbijdrage_percentage = bekostiging.uitvoeringsbijdrage_percentage
    target.budgetplafond_cents = bekostiging.budgetplafond_cents


async def apply_strategie(
    session: AsyncSession, event: VerwervingsstrategieGepubliceerd
) -> Segment | None:
    """Take a published strategy version; an older version than the one held changes nothing."""
    segment = await repository.find_segment(session, event.segment_id)
    if segment is not None and segment.versie > event.versie:
        return None
    if segment is None:
        segment = Segment(id=event.segment_id)
        session.add(segment)
    segment.naam = event.segment_naam
    segment.versie = event.versie
    _set_bekostiging(segment, event.bekostiging)
    await session.flush()
    return segment


async def apply_contract(
    session: AsyncSession, event: ContractGeactiveerd | ContractGewijzigd
) -> Contract:
    """Take the whole content of an activated or changed contract (its newest state)."""
    contract = await repository.find_contract(session, event.contract_id)
    if contract is None:
        contract = Contract(id=event.contract_id, is_beeindigd=False)
        session.add(contract)
    hoofdaannemers = [p.aanbieder_agb for p in event.partijen if p.rol == "hoofdaannemer"]
    contract.contractnummer = event.contractnummer
    contract.segment_id = event.segment_id
    contract.hoofdaannemer_agb = hoofdaannemers[0] if hoofdaannemers else None
    contract.gebieden = list(event.gebieden)
    contract.ingangsdatum = event.ingangsdatum
    contract.einddatum = event.einddatum
    contract.partijen = [{"agb": p.aanbieder_agb, "rol": p.rol} for p in event.partijen]
    contract.producten = _producten(event)
    contract.taakbudget_cents = event.taakbudget_cents
    contract.verdeelsleutel = [r.model_dump(mode="json") for r in event.verdeelsleutel]
    _set_bekostiging(contract, event.bekostiging)
    await session.flush()
    await repository.replace_tarieven(
        session,
        contract.id,
        [
            ContractTarief(
                contract_id=contract.id,
                categorie=t.product.categorie,
                code=t.product.code,
                intensiteit=t.intensiteit,
                eenheid=t.eenheid,
                bedrag_cents=t.bedrag_cents,
                geldig_vanaf=t.geldig_vanaf,
                geldig_tot=t.geldig_tot,
            )
            for t in event.tarieven
        ],
    )
    return contract


def _producten(event: ContractGeactiveerd | ContractGewijzigd) -> list[dict[str, Any]]:
    """The contract's product list; an event from before that list names them by tarief."""
    if event.producten:
        return [
            {
                "categorie": p.product.categorie,
                "code": p.product.code,
                "intensiteiten": list(p.intensiteiten),
                "gebieden": list(p.gebieden),
            }
            for p in event.producten
        ]
    by_code: dict[tuple[str, str | None], dict[str, Any]] = {
        (t.product.categorie, t.product.code): {
            "categorie": t.product.categorie,
            "code": t.product.code,
            "intensiteiten": [],
            "gebieden": [],
        }
        for t in event.tarieven
    }
    return list(by_code.values())


async def apply_contract_beeindigd(
    session: AsyncSession, event: ContractBeeindigd
) -> Contract | None:
    """End a contract we hold at the (earlier) einddatum the event gives."""
    contract = await repository.find_contract(session, event.contract_id)
    if contract is None:
        # Nothing is paid under a contract we never saw active; nothing to end.
        return None
    contract.einddatum = min(contract.einddatum, event.einddatum)
    contract.is_beeindigd = True
    await session.flush()
    return contract

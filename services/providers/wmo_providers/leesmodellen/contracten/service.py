"""Applying `contracting.contracten.v1` events to the contract read model."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.contracting import ContractBeeindigd, ContractGeactiveerd, ContractGewijzigd
from wmo_providers.leesmodellen.contracten import repository
from wmo_providers.leesmodellen.contracten.models import Contract, Contractpartij


async def apply_contract(
    session: AsyncSession, event: ContractGeactiveerd | ContractGewijzigd, recorded_at: datetime
) -> None:
    """Take over a contract's partijen and rollen; an older version arriving late changes nothing.

    A contract once ended stays ended: an activation that arrives after its end does not reopen it.
    """
    contract = await repository.find_contract(session, event.contract_id)
    if contract is None:
        contract = Contract(id=event.contract_id, partijen=[])
        session.add(contract)
    elif contract.bijgewerkt_at is not None and contract.bijgewerkt_at >= recorded_at:
        return
    contract.contractnummer = event.contractnummer
    contract.segment_id = event.segment_id
    contract.gebieden = list(event.gebieden)
    contract.ingangsdatum = event.ingangsdatum
    contract.einddatum = event.einddatum
    contract.bijgewerkt_at = recorded_at
    wanted = {p.aanbieder_agb: p.rol for p in event.partijen}
    for partij in list(contract.partijen):
        if partij.aanbieder_agb not in wanted:
            contract.partijen.remove(partij)
        else:
            partij.rol = wanted.pop(partij.aanbieder_agb)
    for agb, rol in wanted.items():
        contract.partijen.append(Contractpartij(aanbieder_agb=agb, rol=rol))


async def apply_contract_beeindigd(session: AsyncSession, event: ContractBeeindigd) -> None:
    """Record the end of a contract, also when its activation has not arrived yet."""
    contract = await repository.find_contract(session, event.contract_id)
    if contract is None:
        contract = Contract(id=event.contract_id, partijen=[])
        session.add(contract)
    contract.beeindigd_date = event.einddatum
    contract.beeindigd_reden = event.reden[:200]

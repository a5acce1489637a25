"""Indexation of a contract's tarieven: each tarief in force on a date is closed the day before
and continued at the indexed amount, as one amendment."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal
from wmo_common.events import outbox
from wmo_contracting.contracten.errors import ContractAfgesloten, GeenTariefOmTeIndexeren
from wmo_contracting.contracten.inhoud import product_naam, record
from wmo_contracting.contracten.mapping import contract_event
from wmo_contracting.contracten.models import Contract, Contractwijziging, Tarief
from wmo_contracting.contracten.schemas import Indexatie
from wmo_contracting.contracten.service import AFGESLOTEN, LOPEND, get_contract

CENT = Decimal(1)


def indexed(bedrag_cents: int, percentage: Decimal) -> int:
    """The indexed amount in cents: exact decimal arithmetic, rounded once, half up, to a
    whole cent (6543 cents + 3.10 % = 6745.833 -> 6746)."""
    exact = Decimal(bedrag_cents) * (Decimal(100) + percentage) / Decimal(100)
    return int(exact.quantize(CENT, rounding=ROUND_HALF_UP))


async def index_tarieven(
    session: AsyncSession, contract_id: uuid.UUID, data: Indexatie, actor: Principal
) -> tuple[Contract, Contractwijziging]:
    contract = await get_contract(session, contract_id, for_update=True)
    if contract.status in AFGESLOTEN:
        raise ContractAfgesloten(f"Het contract heeft status {contract.status}.")
    in_force = [
        t
        for t in contract.tarieven
        if t.geldig_vanaf < data.ingangsdatum
        and (t.geldig_tot is None or t.geldig_tot >= data.ingangsdatum)
    ]
    if not in_force:
        raise GeenTariefOmTeIndexeren(
            f"Geen tarief loopt door over {data.ingangsdatum.isoformat()} heen."
        )
    regels = []
    for oud in in_force:
        nieuw = Tarief(
            product_id=oud.product_id,
            product=oud.product,
            intensiteit=oud.intensiteit,
            bedrag_cents=indexed(oud.bedrag_cents, data.percentage),
            geldig_vanaf=data.ingangsdatum,
            geldig_tot=oud.geldig_tot,
        )
        oud.geldig_tot = data.ingangsdatum - timedelta(days=1)
        contract.tarieven.append(nieuw)
        regels.append(
            {
                "product": product_naam(oud.product.categorie, oud.product.code, oud.intensiteit),
                "oud": oud.bedrag_cents,
                "nieuw": nieuw.bedrag_cents,
            }
        )
    await session.flush()
    wijziging = await record(
        session,
        contract,
        "wijziging",
        data.reden,
        {
            "indexatie": {
                "percentage": str(data.percentage),
                "ingangsdatum": data.ingangsdatum.isoformat(),
                "formule": contract.indexatieformule,
                "tarieven": regels,
            }
        },
        actor,
    )
    if contract.status in LOPEND:
        await outbox.add(session, contract_event(contract, geactiveerd=False))
    return contract, wijziging

"""Building blocks of a contract's content shared by its use cases: parties, products and
tarieven from request bodies, the completeness an active contract needs, and its history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal
from wmo_common.calendar import add_months
from wmo_contracting.contracten import regels, repository
from wmo_contracting.contracten.models import (
    Contract,
    Contractpartij,
    Contractproduct,
    Contractwijziging,
    Tarief,
    Verlengingsoptie,
)
from wmo_contracting.contracten.schemas import PartijCreate, TariefCreate, VerlengingsoptieCreate
from wmo_contracting.producten.models import Product
from wmo_contracting.producten.schemas import ProductCode


def completeness(contract: Contract) -> list[regels.Bevinding]:
    """What an active contract needs: one paid hoofdaannemer, a gebied, products, and under
    P x Q a tarief for every product from the first day."""
    found = []
    if not any(p.rol == "hoofdaannemer" for p in contract.partijen):
        found.append(
            regels.Bevinding(
                "partijen", "geen-hoofdaannemer", "Het contract heeft geen hoofdaannemer."
            )
        )
    if not contract.gebieden:
        found.append(
            regels.Bevinding("gebieden", "geen-gebieden", "Het contract noemt geen gebied.")
        )
    if not contract.producten:
        found.append(
            regels.Bevinding("producten", "geen-producten", "Het contract noemt geen product.")
        )
    if contract.bekostigingsmodel == "inspanningsgericht":
        for cp in contract.producten:
            if not any(
                t.product_id == cp.product_id
                and t.geldig_vanaf <= contract.ingangsdatum
                and (t.geldig_tot is None or t.geldig_tot >= contract.ingangsdatum)
                for t in contract.tarieven
            ):
                found.append(
                    regels.Bevinding(
                        "tarieven",
                        "tarief-ontbreekt",
                        f"P x Q: product {cp.product.categorie}/{cp.product.code} heeft geen "
                        f"tarief op de ingangsdatum {contract.ingangsdatum.isoformat()}.",
                    )
                )
    return found


async def record(
    session: AsyncSession,
    contract: Contract,
    soort: str,
    reden: str,
    wijzigingen: dict[str, Any],
    actor: Principal,
) -> Contractwijziging:
    """Add an entry to the contract's history (the contract row is locked by the caller)."""
    wijziging = Contractwijziging(
        contract_id=contract.id,
        volgnummer=await repository.next_wijziging_volgnummer(session, contract.id),
        soort=soort,
        reden=reden,
        wijzigingen=wijzigingen,
        door=actor.subject,
    )
    session.add(wijziging)
    await session.flush()
    return wijziging


def diff(oud: object, nieuw: object) -> dict[str, Any]:
    return {"oud": _json(oud), "nieuw": _json(nieuw)}


def _json(value: object) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def new_partij(data: PartijCreate) -> Contractpartij:
    partij = Contractpartij(aanbieder_agb=data.aanbieder_agb)
    fill_partij(partij, data)
    return partij


def fill_partij(partij: Contractpartij, data: PartijCreate) -> None:
    partij.naam = data.naam
    partij.rol = data.rol
    partij.toestemming_date = data.toestemmingsdatum
    partij.onderaanneming_reden = data.reden
    partij.evaluatie_date = data.evaluatiedatum


def add_producten(
    contract: Contract, catalogus: dict[tuple[str, str], Product], codes: Sequence[ProductCode]
) -> None:
    held = {cp.product_id for cp in contract.producten}
    for code in codes:
        product = catalogus[(code.categorie, code.code)]
        if product.id not in held:
            contract.producten.append(Contractproduct(product_id=product.id, product=product))
            held.add(product.id)


def add_tarief_to(
    contract: Contract, catalogus: dict[tuple[str, str], Product], data: TariefCreate
) -> None:
    add_producten(contract, catalogus, [data.product])
    product = catalogus[(data.product.categorie, data.product.code)]
    contract.tarieven.append(
        Tarief(
            product_id=product.id,
            product=product,
            bedrag_cents=data.bedrag_cents,
            geldig_vanaf=data.geldig_vanaf,
            geldig_tot=data.geldig_tot,
        )
    )


def periodes(contract: Contract) -> list[regels.Tariefperiode]:
    return [
        regels.Tariefperiode(
            name="tarieven",
            product=t.product_id,
            product_naam=f"{t.product.categorie}/{t.product.code}",
            geldig_vanaf=t.geldig_vanaf,
            geldig_tot=t.geldig_tot,
        )
        for t in contract.tarieven
    ]


def new_periodes(
    tarieven: Sequence[TariefCreate],
    catalogus: dict[tuple[str, str], Product],
    names: Sequence[str],
) -> list[regels.Tariefperiode]:
    """New tarieven keyed like the held ones, by product id; `names` says where each came from."""
    return [
        regels.Tariefperiode(
            name=name,
            product=catalogus[(t.product.categorie, t.product.code)].id,
            product_naam=f"{t.product.categorie}/{t.product.code}",
            geldig_vanaf=t.geldig_vanaf,
            geldig_tot=t.geldig_tot,
        )
        for t, name in zip(tarieven, names, strict=True)
    ]


def option_deadlines(
    einddatum: date, opties: Sequence[VerlengingsoptieCreate]
) -> list[tuple[int, date]]:
    """Each option's years and beslisdatum; a missing beslisdatum is the latest one allowed."""
    result = []
    end = einddatum
    for optie in opties:
        result.append((optie.jaren, optie.beslisdatum or regels.uiterste_beslisdatum(end)))
        end = add_months(end, 12 * optie.jaren)
    return result


def open_opties(contract: Contract) -> list[Verlengingsoptie]:
    return [o for o in contract.verlengingsopties if o.status == "open"]

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
from wmo_contracting.contracten.schemas import (
    ContractproductCreate,
    PartijCreate,
    TariefCreate,
    VerlengingsoptieCreate,
)
from wmo_contracting.producten.models import Product
from wmo_contracting.producten.schemas import ProductCode

INTENSITEITEN = ("licht", "midden", "zwaar")


def completeness(contract: Contract) -> list[regels.Bevinding]:
    """What an active contract needs: one paid hoofdaannemer, a gebied, products bought in its
    own gebieden, and under P x Q a tarief for every product (and every intensiteit it offers)
    from the first day. A lumpsum (taakgericht) contract needs no tarief: it pays a task budget."""
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
    for cp in contract.producten:
        buiten = sorted(set(cp.gebieden) - set(contract.gebieden))
        if buiten:
            found.append(
                regels.Bevinding(
                    "producten",
                    "gebied-buiten-contract",
                    f"Product {cp.product.categorie}/{cp.product.code} noemt gebied(en) "
                    f"{', '.join(buiten)} die het contract niet heeft.",
                )
            )
    if contract.bekostigingsmodel == "inspanningsgericht":
        for cp in contract.producten:
            soorten: list[str | None] = list(cp.intensiteiten) or [None]
            for intensiteit in soorten:
                if not _priced(contract, cp.product_id, intensiteit):
                    soort = f" ({intensiteit})" if intensiteit else ""
                    found.append(
                        regels.Bevinding(
                            "tarieven",
                            "tarief-ontbreekt",
                            f"P x Q: product {cp.product.categorie}/{cp.product.code}{soort} "
                            f"heeft geen tarief op de ingangsdatum "
                            f"{contract.ingangsdatum.isoformat()}.",
                        )
                    )
    return found


def _priced(contract: Contract, product_id: object, intensiteit: str | None) -> bool:
    """A tarief of the product valid on the first day, for this intensiteit or for any."""
    return any(
        t.product_id == product_id
        and (t.intensiteit is None or t.intensiteit == intensiteit)
        and t.geldig_vanaf <= contract.ingangsdatum
        and (t.geldig_tot is None or t.geldig_tot >= contract.ingangsdatum)
        for t in contract.tarieven
    )


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
    contract: Contract,
    catalogus: dict[tuple[str, str], Product],
    codes: Sequence[ProductCode | ContractproductCreate],
) -> None:
    """Add products the contract lacks; one it has gets the intensiteiten and gebieden named."""
    held = {cp.product_id: cp for cp in contract.producten}
    for code in codes:
        product = catalogus[(code.categorie, code.code)]
        cp = held.get(product.id)
        if cp is None:
            cp = Contractproduct(
                product_id=product.id, product=product, intensiteiten=[], gebieden=[]
            )
            contract.producten.append(cp)
            held[product.id] = cp
        if isinstance(code, ContractproductCreate):
            cp.intensiteiten = _ordered({*cp.intensiteiten, *code.intensiteiten})
            cp.gebieden = sorted({*cp.gebieden, *code.gebieden})


def _ordered(intensiteiten: set[str]) -> list[str]:
    return [i for i in INTENSITEITEN if i in intensiteiten]


def add_tarief_to(
    contract: Contract, catalogus: dict[tuple[str, str], Product], data: TariefCreate
) -> None:
    """Add a tarief; its product (and its intensiteit) joins the contract if it was not in it."""
    add_producten(
        contract,
        catalogus,
        [
            ContractproductCreate(
                categorie=data.product.categorie,
                code=data.product.code,
                intensiteiten=[data.intensiteit] if data.intensiteit else [],
            )
        ],
    )
    product = catalogus[(data.product.categorie, data.product.code)]
    contract.tarieven.append(
        Tarief(
            product_id=product.id,
            product=product,
            intensiteit=data.intensiteit,
            bedrag_cents=data.bedrag_cents,
            geldig_vanaf=data.geldig_vanaf,
            geldig_tot=data.geldig_tot,
        )
    )


def periodes(contract: Contract) -> list[regels.Tariefperiode]:
    return [
        regels.Tariefperiode(
            name="tarieven",
            product=(t.product_id, t.intensiteit),
            product_naam=product_naam(t.product.categorie, t.product.code, t.intensiteit),
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
            product=(catalogus[(t.product.categorie, t.product.code)].id, t.intensiteit),
            product_naam=product_naam(t.product.categorie, t.product.code, t.intensiteit),
            geldig_vanaf=t.geldig_vanaf,
            geldig_tot=t.geldig_tot,
        )
        for t, name in zip(tarieven, names, strict=True)
    ]


def product_naam(categorie: str, code: str, intensiteit: str | None) -> str:
    return f"{categorie}/{code}" + (f" ({intensiteit})" if intensiteit else "")


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

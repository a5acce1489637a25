"""A contract's life: concept, activation, extension and termination.

Every change of a contract locks its row first, so two changes of one contract never interleave.
From activation on each change is an entry in the contract's history and an event.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal
from wmo_common.calendar import add_months
from wmo_common.events import outbox
from wmo_contracting.aanbestedingen.service import get_perceel
from wmo_contracting.contracten import inhoud, regels, repository, strategietoets
from wmo_contracting.contracten.errors import (
    ContractAfgesloten,
    ContractNietActief,
    ContractNietActiveerbaar,
    ContractNietGevonden,
    ContractNietInConcept,
    ContractnummerBestaatAl,
    GeenVerlengingsoptie,
    OpzegtermijnNietGehaald,
    PeriodeOngeldig,
    VerlengingstermijnVerstreken,
    WijzigingVereist,
)
from wmo_contracting.contracten.mapping import beeindigd_event, contract_event
from wmo_contracting.contracten.models import Contract, Verlengingsoptie
from wmo_contracting.contracten.schemas import (
    Beeindiging,
    ContractCreate,
    PartijCreate,
    TariefCreate,
    Verlenging,
)
from wmo_contracting.producten.service import get_catalogued
from wmo_contracting.segmenten.service import get_segment

LOPEND = ("actief", "verlengd")


AFGESLOTEN = ("beeindigd", "ontbonden")


async def get_contract(
    session: AsyncSession, contract_id: uuid.UUID, *, for_update: bool = False
) -> Contract:
    contract = await repository.find_by_id(session, contract_id, for_update=for_update)
    if contract is None:
        raise ContractNietGevonden()
    return contract


async def create_contract(
    session: AsyncSession, data: ContractCreate, actor: Principal
) -> Contract:
    """Record a contract as a concept, with everything it holds."""
    await get_segment(session, data.segment_id)
    if data.perceel_id is not None:
        await get_perceel(session, data.perceel_id)
    if await repository.find_by_nummer(session, data.contractnummer) is not None:
        raise ContractnummerBestaatAl(f"Contractnummer {data.contractnummer} is in gebruik.")
    catalogus = await get_catalogued(
        session, [*data.producten, *(t.product for t in data.tarieven)]
    )
    opties = inhoud.option_deadlines(data.einddatum, data.verlengingsopties)
    regels.refuse_input(
        [
            *regels.partijen([(p.aanbieder_agb, p.rol) for p in data.partijen]),
            *regels.tarieven(
                inhoud.new_periodes(
                    data.tarieven, catalogus, [f"tarieven.{i}" for i in range(len(data.tarieven))]
                )
            ),
            *regels.verlengingsopties(data.einddatum, opties),
        ]
    )
    contract = Contract(
        contractnummer=data.contractnummer,
        segment_id=data.segment_id,
        perceel_id=data.perceel_id,
        status="concept",
        ingangsdatum=data.ingangsdatum,
        einddatum=data.einddatum,
        opzegtermijn_maanden=data.opzegtermijn_maanden,
        gebieden=list(data.gebieden),
        indexatieformule=data.indexatieformule,
        taakbudget_cents=data.taakbudget_cents,
        verdeelsleutel=[r.model_dump(mode="json") for r in data.verdeelsleutel],
        prestatie_indicatoren=[p.model_dump(mode="json") for p in data.prestatie_indicatoren],
        created_by=actor.subject,
        partijen=[inhoud.new_partij(p) for p in data.partijen],
        producten=[],
        tarieven=[],
        verlengingsopties=[
            Verlengingsoptie(volgnummer=n, jaren=jaren, beslisdatum=beslisdatum, status="open")
            for n, (jaren, beslisdatum) in enumerate(opties, start=1)
        ],
    )
    data.bekostiging.store(contract)
    inhoud.add_producten(contract, catalogus, data.producten)
    for tarief in data.tarieven:
        inhoud.add_tarief_to(contract, catalogus, tarief)
    try:
        # Two requests with one contractnummer both pass the check above; the constraint decides.
        async with session.begin_nested():
            session.add(contract)
    except IntegrityError:
        raise ContractnummerBestaatAl(
            f"Contractnummer {data.contractnummer} is in gebruik."
        ) from None
    return contract


async def add_partij(session: AsyncSession, contract_id: uuid.UUID, data: PartijCreate) -> Contract:
    """Add a party to a concept contract."""
    contract = await _concept(session, contract_id)
    regels.refuse_change(
        regels.partijen(
            [*((p.aanbieder_agb, p.rol) for p in contract.partijen), (data.aanbieder_agb, data.rol)]
        )
    )
    contract.partijen.append(inhoud.new_partij(data))
    await session.flush()
    return contract


async def add_tarief(session: AsyncSession, contract_id: uuid.UUID, data: TariefCreate) -> Contract:
    """Add a tarief to a concept contract; its product joins the contract if it was not in it."""
    contract = await _concept(session, contract_id)
    catalogus = await get_catalogued(session, [data.product])
    regels.refuse_change(
        regels.tarieven(
            [*inhoud.periodes(contract), *inhoud.new_periodes([data], catalogus, ["geldigVanaf"])]
        )
    )
    inhoud.add_tarief_to(contract, catalogus, data)
    await session.flush()
    return contract


async def activate_contract(
    session: AsyncSession, contract_id: uuid.UUID, actor: Principal
) -> Contract:
    """Activate a complete concept that keeps to its segment's strategy and its perceel's
    gunning: from now on access, finance and providers work with it."""
    found = await get_contract(session, contract_id)
    # The segment lock makes activations in one segment wait for each other, so two of them
    # cannot both take the last place the strategy leaves (aanbieders, a gebied).
    await get_segment(session, found.segment_id, for_update=True)
    contract = await get_contract(session, contract_id, for_update=True)
    if contract.status != "concept":
        raise ContractNietInConcept(f"Het contract heeft status {contract.status}.")
    regels.refuse_change(inhoud.completeness(contract), ContractNietActiveerbaar)
    regels.refuse_change(await strategietoets.check(session, contract))
    contract.status = "actief"
    await inhoud.record(
        session,
        contract,
        "activering",
        "Contract geactiveerd",
        {"status": inhoud.diff("concept", "actief")},
        actor,
    )
    await outbox.add(session, contract_event(contract, geactiveerd=True))
    return contract


async def extend_contract(
    session: AsyncSession,
    contract_id: uuid.UUID,
    data: Verlenging,
    actor: Principal,
    today: date,
) -> Contract:
    """Exercise the next open option: the einddatum moves by its years."""
    contract = await get_contract(session, contract_id, for_update=True)
    if contract.status not in LOPEND:
        raise ContractNietActief(f"Het contract heeft status {contract.status}.")
    open_opties = inhoud.open_opties(contract)
    if not open_opties:
        raise GeenVerlengingsoptie("Alle verlengingsopties zijn gelicht of er waren er geen.")
    optie = open_opties[0]
    if data.volgnummer is not None and data.volgnummer != optie.volgnummer:
        raise GeenVerlengingsoptie(
            f"Opties worden op volgorde gelicht; de eerstvolgende is optie {optie.volgnummer}."
        )
    if today > optie.beslisdatum:
        raise VerlengingstermijnVerstreken(
            f"Optie {optie.volgnummer} moest uiterlijk {optie.beslisdatum.isoformat()} gelicht "
            "worden."
        )
    oud = contract.einddatum
    contract.einddatum = add_months(oud, 12 * optie.jaren)
    optie.status = "gelicht"
    status = contract.status
    contract.status = "verlengd"
    wijzigingen = {
        "einddatum": inhoud.diff(oud, contract.einddatum),
        "verlengingsoptie": {"volgnummer": optie.volgnummer, "jaren": optie.jaren},
    }
    if status != "verlengd":
        wijzigingen["status"] = inhoud.diff(status, "verlengd")
    await session.flush()
    await inhoud.record(session, contract, "verlenging", data.reden, wijzigingen, actor)
    await outbox.add(session, contract_event(contract, geactiveerd=False))
    return contract


async def end_contract(
    session: AsyncSession,
    contract_id: uuid.UUID,
    data: Beeindiging,
    actor: Principal,
    today: date,
) -> Contract:
    """End a running contract by notice (beëindigd) or dissolve it at once (ontbonden)."""
    contract = await get_contract(session, contract_id, for_update=True)
    if contract.status not in LOPEND:
        raise ContractNietActief(f"Het contract heeft status {contract.status}.")
    if not contract.ingangsdatum <= data.einddatum <= contract.einddatum:
        raise PeriodeOngeldig(
            f"De einddatum ligt tussen {contract.ingangsdatum.isoformat()} en "
            f"{contract.einddatum.isoformat()}.",
        )
    if not data.ontbinding and data.einddatum < contract.einddatum:
        vroegst = add_months(today, contract.opzegtermijn_maanden)
        if data.einddatum < vroegst:
            raise OpzegtermijnNietGehaald(
                f"Met {contract.opzegtermijn_maanden} maanden opzegtermijn eindigt het contract "
                f"op zijn vroegst op {vroegst.isoformat()}; ontbinding kent geen termijn."
            )
    status = "ontbonden" if data.ontbinding else "beeindigd"
    wijzigingen: dict[str, Any] = {"status": inhoud.diff(contract.status, status)}
    if data.einddatum != contract.einddatum:
        wijzigingen["einddatum"] = inhoud.diff(contract.einddatum, data.einddatum)
    contract.status = status
    contract.einddatum = data.einddatum
    await session.flush()
    await inhoud.record(
        session,
        contract,
        "ontbinding" if data.ontbinding else "beeindiging",
        data.reden,
        wijzigingen,
        actor,
    )
    await outbox.add(session, beeindigd_event(contract, data.reden))
    return contract


async def _concept(session: AsyncSession, contract_id: uuid.UUID) -> Contract:
    contract = await get_contract(session, contract_id, for_update=True)
    if contract.status in AFGESLOTEN:
        raise ContractAfgesloten(f"Het contract heeft status {contract.status}.")
    if contract.status != "concept":
        raise WijzigingVereist(
            "Leg deze verandering vast met POST /contracten/{contractId}/wijzigingen en een reden."
        )
    return contract

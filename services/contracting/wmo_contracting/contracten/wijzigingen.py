"""Amendments: every change of a contract after its concept, with its reason and what changed."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal
from wmo_common.events import outbox
from wmo_common.problems import BadRequest
from wmo_contracting.contracten import inhoud, regels
from wmo_contracting.contracten.errors import (
    ContractAfgesloten,
    PartijNietGevonden,
    PeriodeOngeldig,
    TariefNietGevonden,
)
from wmo_contracting.contracten.mapping import contract_event
from wmo_contracting.contracten.models import Contract, Contractwijziging
from wmo_contracting.contracten.schemas import ContractwijzigingCreate
from wmo_contracting.contracten.service import AFGESLOTEN, LOPEND, get_contract
from wmo_contracting.producten.service import get_catalogued


async def amend_contract(
    session: AsyncSession, contract_id: uuid.UUID, data: ContractwijzigingCreate, actor: Principal
) -> tuple[Contract, Contractwijziging]:
    """Change a contract as an amendment: recorded with its reason and what changed, and once
    the contract is active announced with `contract-gewijzigd`."""
    contract = await get_contract(session, contract_id, for_update=True)
    if contract.status in AFGESLOTEN:
        raise ContractAfgesloten(f"Het contract heeft status {contract.status}.")
    wijzigingen: dict[str, Any] = {}
    if data.einddatum is not None and data.einddatum != contract.einddatum:
        wijzigingen["einddatum"] = inhoud.diff(contract.einddatum, data.einddatum)
        contract.einddatum = data.einddatum
    if data.opzegtermijn_maanden is not None and (
        data.opzegtermijn_maanden != contract.opzegtermijn_maanden
    ):
        wijzigingen["opzegtermijnMaanden"] = inhoud.diff(
            contract.opzegtermijn_maanden, data.opzegtermijn_maanden
        )
        contract.opzegtermijn_maanden = data.opzegtermijn_maanden
    if data.gebieden is not None and data.gebieden != contract.gebieden:
        wijzigingen["gebieden"] = inhoud.diff(contract.gebieden, data.gebieden)
        contract.gebieden = list(data.gebieden)
    if data.indexatieformule is not None and data.indexatieformule != contract.indexatieformule:
        wijzigingen["indexatieformule"] = inhoud.diff(
            contract.indexatieformule, data.indexatieformule
        )
        contract.indexatieformule = data.indexatieformule
    if data.prestatie_indicatoren is not None:
        nieuw = [p.model_dump(mode="json") for p in data.prestatie_indicatoren]
        if nieuw != contract.prestatie_indicatoren:
            wijzigingen["prestatieIndicatoren"] = inhoud.diff(contract.prestatie_indicatoren, nieuw)
            contract.prestatie_indicatoren = nieuw
    _change_bekostiging(contract, data, wijzigingen)
    await _change_partijen(session, contract, data, wijzigingen)
    await _change_tarieven(session, contract, data, wijzigingen)
    if not wijzigingen:
        raise BadRequest("Deze contractwijziging verandert niets aan het contract.")
    found = [
        *regels.periode(contract.ingangsdatum, contract.einddatum),
        *regels.partijen([(p.aanbieder_agb, p.rol) for p in contract.partijen]),
        *regels.tarieven(inhoud.periodes(contract)),
        *regels.verlengingsopties(
            contract.einddatum, [(o.jaren, o.beslisdatum) for o in inhoud.open_opties(contract)]
        ),
    ]
    if contract.status in LOPEND:
        # A running contract stays complete: it keeps its hoofdaannemer and its tarieven.
        found += inhoud.completeness(contract)
    regels.refuse_change(found)
    await session.flush()
    wijziging = await inhoud.record(session, contract, "wijziging", data.reden, wijzigingen, actor)
    if contract.status in LOPEND:
        await outbox.add(session, contract_event(contract, geactiveerd=False))
    return contract, wijziging


def _change_bekostiging(
    contract: Contract, data: ContractwijzigingCreate, wijzigingen: dict[str, Any]
) -> None:
    """The task budget (a lumpsum contract's only) and the verdeelsleutel over the gemeenten."""
    if data.taakbudget_cents is not None and data.taakbudget_cents != contract.taakbudget_cents:
        if contract.bekostigingsmodel != "taakgericht":
            raise BadRequest(
                "Een taakbudget hoort bij taakgerichte bekostiging.",
                regels.as_invalid_params(
                    [
                        regels.Bevinding(
                            "taakbudgetCents",
                            "taakbudget-zonder-lumpsum",
                            f"Dit contract wordt {contract.bekostigingsmodel} bekostigd.",
                        )
                    ]
                ),
            )
        wijzigingen["taakbudgetCents"] = inhoud.diff(
            contract.taakbudget_cents, data.taakbudget_cents
        )
        contract.taakbudget_cents = data.taakbudget_cents
    if data.verdeelsleutel is not None:
        nieuw = [r.model_dump(mode="json") for r in data.verdeelsleutel]
        if nieuw != contract.verdeelsleutel:
            wijzigingen["verdeelsleutel"] = inhoud.diff(contract.verdeelsleutel, nieuw)
            contract.verdeelsleutel = nieuw


async def _change_partijen(
    session: AsyncSession,
    contract: Contract,
    data: ContractwijzigingCreate,
    wijzigingen: dict[str, Any],
) -> None:
    bestaand = {p.aanbieder_agb: p for p in contract.partijen}
    onbekend = sorted(set(data.partijen_verwijderen) - set(bestaand))
    if onbekend:
        raise PartijNietGevonden(f"Geen partij bij dit contract: {', '.join(onbekend)}.")
    toegevoegd = {p.aanbieder_agb: p for p in data.partijen_toevoegen}
    verwijderd = [a for a in data.partijen_verwijderen if a not in toegevoegd]
    # A party changing rol is removed and added in one amendment: update it in place. Demotions
    # are written before promotions, so the database never sees two hoofdaannemers at once.
    for agb in verwijderd:
        contract.partijen.remove(bestaand[agb])
    for agb, partij in toegevoegd.items():
        if agb in bestaand and partij.rol != "hoofdaannemer":
            inhoud.fill_partij(bestaand[agb], partij)
    await session.flush()
    for agb, partij in toegevoegd.items():
        if agb not in bestaand:
            contract.partijen.append(inhoud.new_partij(partij))
        elif partij.rol == "hoofdaannemer":
            inhoud.fill_partij(bestaand[agb], partij)
    if verwijderd:
        wijzigingen["partijenVerwijderd"] = verwijderd
    if toegevoegd:
        wijzigingen["partijenToegevoegd"] = [
            p.model_dump(mode="json", by_alias=True) for p in toegevoegd.values()
        ]
    if toegevoegd or verwijderd:
        # Each flush must satisfy the rules the database holds (one hoofdaannemer): a broken
        # one is reported as a finding before anything is written.
        regels.refuse_change(regels.partijen([(p.aanbieder_agb, p.rol) for p in contract.partijen]))


async def _change_tarieven(
    session: AsyncSession,
    contract: Contract,
    data: ContractwijzigingCreate,
    wijzigingen: dict[str, Any],
) -> None:
    by_id = {t.id: t for t in contract.tarieven}
    gesloten = []
    for index, sluiting in enumerate(data.tarieven_sluiten):
        tarief = by_id.get(sluiting.tarief_id)
        if tarief is None:
            raise TariefNietGevonden(f"Geen tarief {sluiting.tarief_id} in dit contract.")
        if sluiting.geldig_tot < tarief.geldig_vanaf:
            raise PeriodeOngeldig(
                f"Het tarief gaat in op {tarief.geldig_vanaf.isoformat()} en sluit niet eerder.",
                regels.as_invalid_params(
                    [
                        regels.Bevinding(
                            f"tarievenSluiten.{index}.geldigTot",
                            "periode-ongeldig",
                            "Een tarief sluit niet voor het ingaat.",
                        )
                    ]
                ),
            )
        gesloten.append(
            {"tariefId": str(tarief.id), **inhoud.diff(tarief.geldig_tot, sluiting.geldig_tot)}
        )
        tarief.geldig_tot = sluiting.geldig_tot
    if not data.producten_toevoegen and not data.tarieven_toevoegen:
        if gesloten:
            wijzigingen["tarievenGesloten"] = gesloten
        return
    catalogus = await get_catalogued(
        session, [*data.producten_toevoegen, *(t.product for t in data.tarieven_toevoegen)]
    )
    regels.refuse_change(
        regels.tarieven(
            [
                *inhoud.periodes(contract),
                *inhoud.new_periodes(
                    data.tarieven_toevoegen,
                    catalogus,
                    [f"tarievenToevoegen.{i}" for i in range(len(data.tarieven_toevoegen))],
                ),
            ]
        )
    )
    voor = {cp.product_id: (list(cp.intensiteiten), list(cp.gebieden)) for cp in contract.producten}
    inhoud.add_producten(contract, catalogus, data.producten_toevoegen)
    for nieuw in data.tarieven_toevoegen:
        inhoud.add_tarief_to(contract, catalogus, nieuw)
    nieuwe_producten = [
        f"{cp.product.categorie}/{cp.product.code}"
        for cp in contract.producten
        if cp.product_id not in voor
    ]
    verruimd = [
        {
            "product": f"{cp.product.categorie}/{cp.product.code}",
            "intensiteiten": inhoud.diff(voor[cp.product_id][0], list(cp.intensiteiten)),
            "gebieden": inhoud.diff(voor[cp.product_id][1], list(cp.gebieden)),
        }
        for cp in contract.producten
        if cp.product_id in voor
        and voor[cp.product_id] != (list(cp.intensiteiten), list(cp.gebieden))
    ]
    if verruimd:
        wijzigingen["productenVerruimd"] = verruimd
    if gesloten:
        wijzigingen["tarievenGesloten"] = gesloten
    if nieuwe_producten:
        wijzigingen["productenToegevoegd"] = nieuwe_producten
    if data.tarieven_toevoegen:
        wijzigingen["tarievenToegevoegd"] = [
            t.model_dump(mode="json", by_alias=True) for t in data.tarieven_toevoegen
        ]

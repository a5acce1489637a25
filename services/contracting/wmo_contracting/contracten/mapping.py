"""A contract as the API shows it and as its events announce it."""

from __future__ import annotations

from wmo_common.events.common import Product as ProductEvent
from wmo_common.events.contracting import (
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
    Verdeelsleutelregel,
)
from wmo_common.events.contracting import Contractproduct as ContractproductEvent
from wmo_common.events.contracting import Partij as PartijEvent
from wmo_common.events.contracting import PrestatieIndicator as PrestatieIndicatorEvent
from wmo_common.events.contracting import Tarief as TariefEvent
from wmo_contracting.bekostiging import Bekostiging
from wmo_contracting.contracten.models import Contract, Contractwijziging
from wmo_contracting.contracten.schemas import ContractRead, ContractwijzigingRead


def to_read(contract: Contract) -> ContractRead:
    return ContractRead.model_validate(
        {
            "id": contract.id,
            "contractnummer": contract.contractnummer,
            "segment_id": contract.segment_id,
            "perceel_id": contract.perceel_id,
            "status": contract.status,
            "ingangsdatum": contract.ingangsdatum,
            "einddatum": contract.einddatum,
            "opzegtermijn_maanden": contract.opzegtermijn_maanden,
            "gebieden": list(contract.gebieden),
            "bekostiging": Bekostiging.of(contract),
            "partijen": [
                {
                    "aanbieder_agb": p.aanbieder_agb,
                    "naam": p.naam,
                    "rol": p.rol,
                    "toestemmingsdatum": p.toestemming_date,
                    "reden": p.onderaanneming_reden,
                    "evaluatiedatum": p.evaluatie_date,
                }
                for p in contract.partijen
            ],
            "producten": sorted(
                (
                    {
                        "categorie": cp.product.categorie,
                        "code": cp.product.code,
                        "naam": cp.product.naam,
                        "eenheid": cp.product.eenheid,
                        "intensiteiten": list(cp.intensiteiten),
                        "gebieden": list(cp.gebieden),
                    }
                    for cp in contract.producten
                ),
                key=lambda p: (p["categorie"], p["code"]),
            ),
            "tarieven": [
                {
                    "id": t.id,
                    "product": {"categorie": t.product.categorie, "code": t.product.code},
                    "intensiteit": t.intensiteit,
                    "eenheid": t.product.eenheid,
                    "bedrag_cents": t.bedrag_cents,
                    "geldig_vanaf": t.geldig_vanaf,
                    "geldig_tot": t.geldig_tot,
                }
                for t in sorted(
                    contract.tarieven,
                    key=lambda t: (
                        t.product.categorie,
                        t.product.code,
                        t.intensiteit or "",
                        t.geldig_vanaf,
                    ),
                )
            ],
            "taakbudget_cents": contract.taakbudget_cents,
            "verdeelsleutel": contract.verdeelsleutel,
            "verlengingsopties": [
                {
                    "volgnummer": o.volgnummer,
                    "jaren": o.jaren,
                    "beslisdatum": o.beslisdatum,
                    "status": o.status,
                }
                for o in contract.verlengingsopties
            ],
            "prestatie_indicatoren": contract.prestatie_indicatoren,
            "indexatieformule": contract.indexatieformule,
            "created_at": contract.created_at,
        }
    )


def wijziging_to_read(wijziging: Contractwijziging) -> ContractwijzigingRead:
    return ContractwijzigingRead.model_validate(wijziging, from_attributes=True)


def contract_event(
    contract: Contract, *, geactiveerd: bool
) -> ContractGeactiveerd | ContractGewijzigd:
    """The whole contract as consumers keep it: every event carries its newest state."""
    read = to_read(contract)
    kind = ContractGeactiveerd if geactiveerd else ContractGewijzigd
    return kind(
        contract_id=read.id,
        contractnummer=read.contractnummer,
        segment_id=read.segment_id,
        partijen=[PartijEvent(aanbieder_agb=p.aanbieder_agb, rol=p.rol) for p in read.partijen],
        gebieden=read.gebieden,
        tarieven=[
            TariefEvent(
                product=ProductEvent(categorie=t.product.categorie, code=t.product.code),
                eenheid=t.eenheid,
                bedrag_cents=t.bedrag_cents,
                geldig_vanaf=t.geldig_vanaf,
                geldig_tot=t.geldig_tot,
                intensiteit=t.intensiteit,
            )
            for t in read.tarieven
        ],
        producten=[
            ContractproductEvent(
                product=ProductEvent(categorie=p.categorie, code=p.code),
                eenheid=p.eenheid,
                intensiteiten=p.intensiteiten,
                gebieden=p.gebieden,
            )
            for p in read.producten
        ],
        taakbudget_cents=read.taakbudget_cents,
        verdeelsleutel=[
            Verdeelsleutelregel(gemeentecode=r.gemeentecode, percentage=r.percentage)
            for r in read.verdeelsleutel
        ],
        bekostiging=read.bekostiging.to_event(),
        ingangsdatum=read.ingangsdatum,
        einddatum=read.einddatum,
        verlengingsopties=[o.jaren for o in read.verlengingsopties if o.status == "open"],
        status=read.status,
        prestatie_indicatoren=[
            PrestatieIndicatorEvent(
                code=p.code, naam=p.naam, streefwaarde=p.streefwaarde, eenheid=p.eenheid
            )
            for p in read.prestatie_indicatoren
        ],
    )


def beeindigd_event(contract: Contract, reden: str) -> ContractBeeindigd:
    status = "ontbonden" if contract.status == "ontbonden" else "beeindigd"
    return ContractBeeindigd(
        contract_id=contract.id, einddatum=contract.einddatum, reden=reden, status=status
    )

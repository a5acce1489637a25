"""The strategies of the seed documents, loadable with one command:
`python -m wmo_contracting.seed`.

Midden-Limburg West (five Jeugd and four Wmo segments) and Hart van Brabant (begeleiding as a
lumpsum to one coalition in four gebieden, beschermd wonen, dagbesteding), with a published
verwervingsstrategie each and the begeleiding contract of the coalition. Safe to run again: what
is there is left alone. Events go through the outbox; the running service's relay sends them.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import Principal, Role
from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.logging import configure_logging, get_logger
from wmo_contracting.contracten import repository as contracten
from wmo_contracting.contracten import service as contract_service
from wmo_contracting.contracten.schemas import ContractCreate
from wmo_contracting.producten import repository as producten
from wmo_contracting.producten import service as product_service
from wmo_contracting.producten.schemas import ProductCreate
from wmo_contracting.segmenten import repository as segmenten
from wmo_contracting.segmenten import service as segment_service
from wmo_contracting.segmenten.schemas import SegmentCreate
from wmo_contracting.settings import Settings
from wmo_contracting.verwervingsstrategieen import repository as strategieen
from wmo_contracting.verwervingsstrategieen import service as strategie_service
from wmo_contracting.verwervingsstrategieen.schemas import VerwervingsstrategieCreate

log = get_logger(__name__)

ACTOR = Principal(subject="seed", roles=frozenset({Role.CONTRACT_MANAGER}))
MLW = ["Leudal", "Nederweert", "Weert"]
HVB = ["West", "Tilburg", "Oost", "Heusden"]
PXQ = {"model": "inspanningsgericht"}
PROFIELEN = {"model": "outputgericht", "realisatiefactor": "1"}


@dataclass(frozen=True)
class SeedSegment:
    naam: str
    wet: Literal["wmo", "jeugdwet"]
    doelgroep: str
    gebieden: list[str]
    strategie: dict[str, Any]


def strategie(
    *,
    bekostiging: dict[str, Any],
    beleid: str,
    looptijd: int,
    opties: list[int],
    max_aanbieders: int | None = None,
    max_indicatie_maanden: int | None = None,
    individuele_beschikking: bool = True,
    casusregie: str | None = None,
    indicatoren: Sequence[tuple[str, str, str]] = (),
    acceptatieplicht_maanden: int | None = None,
) -> dict[str, Any]:
    return {
        "toegang": {
            "max_indicatie_maanden": max_indicatie_maanden,
            "individuele_beschikking": individuele_beschikking,
            "casusregie": casusregie,
        },
        "bekostiging": bekostiging,
        "leveranciersmanagement": {
            "beleid": beleid,
            "max_aanbieders": max_aanbieders,
            "acceptatieplicht_maanden": acceptatieplicht_maanden,
        },
        "contractvoorwaarden": {"looptijd_jaren": looptijd, "verlengingsopties": opties},
        "prestatie_indicatoren": [
            {"code": code, "naam": naam, "streefwaarde": streef, "eenheid": "procent"}
            for code, naam, streef in indicatoren
        ],
    }


SEGMENTEN = [
    SeedSegment(
        "MLW Jeugd verblijf met behandeling",
        "jeugdwet",
        "Jeugdigen met zeer zware problematiek op meerdere levensdomeinen.",
        MLW,
        strategie(
            bekostiging=PXQ,
            beleid="beperkt",
            max_aanbieders=5,
            looptijd=3,
            opties=[1, 1],
            casusregie="CJG",
            indicatoren=[("afbouw-bedden", "Afbouw verblijfsplekken", "20")],
        ),
    ),
    SeedSegment(
        "MLW Jeugd wonen",
        "jeugdwet",
        "Jeugdigen die niet thuis kunnen opgroeien en nog niet zelfstandig wonen.",
        MLW,
        strategie(bekostiging=PXQ, beleid="breed", looptijd=5, opties=[2], casusregie="CJG"),
    ),
    SeedSegment(
        "MLW Jeugd dagbesteding en dagbehandeling",
        "jeugdwet",
        "Jonge kinderen, jeugdigen die uit het onderwijs dreigen te vallen en naschoolse opvang.",
        MLW,
        strategie(bekostiging=PXQ, beleid="beperkt", max_aanbieders=6, looptijd=3, opties=[2]),
    ),
    SeedSegment(
        "MLW Jeugd ambulant",
        "jeugdwet",
        "Jeugdigen met enkelvoudige problematiek: ambulante en poliklinische hulp.",
        MLW,
        strategie(bekostiging=PXQ, beleid="reduceren", looptijd=3, opties=[1]),
    ),
    SeedSegment(
        "MLW Jeugd crisis",
        "jeugdwet",
        "Jeugdigen in een urgente of crisissituatie; kortdurend.",
        MLW,
        strategie(bekostiging=PXQ, beleid="beperkt", max_aanbieders=3, looptijd=3, opties=[2]),
    ),
    SeedSegment(
        "MLW Wmo multiproblematiek",
        "wmo",
        "Multicomplexe volwassenen, EPA-doelgroep, beschermd thuis.",
        MLW,
        strategie(
            bekostiging=PROFIELEN,
            beleid="beperkt",
            max_aanbieders=4,
            looptijd=2,
            opties=[1],
            max_indicatie_maanden=12,
        ),
    ),
    SeedSegment(
        "MLW Wmo volwassenen verbetering",
        "wmo",
        "Volwassenen die met kortdurende ondersteuning zelfstandiger worden.",
        MLW,
        strategie(
            bekostiging=PROFIELEN | {"resultaat_percentage": "20"},
            beleid="beperkt",
            max_aanbieders=5,
            looptijd=2,
            opties=[1],
            max_indicatie_maanden=12,
            casusregie="toegang (regisseurs)",
            indicatoren=[("resultaat-behaald", "SMART-resultaten behaald", "70")],
        ),
    ),
    SeedSegment(
        "MLW Wmo volwassenen stabiliteit",
        "wmo",
        "Volwassenen die structureel ondersteuning nodig hebben, met een waakvlamfunctie.",
        MLW,
        strategie(
            bekostiging=PROFIELEN,
            beleid="beperkt",
            max_aanbieders=5,
            looptijd=3,
            opties=[1, 1],
            max_indicatie_maanden=60,
        ),
    ),
    SeedSegment(
        "MLW Wmo ouderen",
        "wmo",
        "Ouderen: huishoudelijke hulp, begeleiding en dagbesteding, integraal per gebied.",
        MLW,
        strategie(bekostiging=PXQ, beleid="beperkt", max_aanbieders=3, looptijd=3, opties=[1]),
    ),
    SeedSegment(
        "Begeleiding Hart van Brabant",
        "wmo",
        "Volwassenen met begeleidingsbehoefte: individueel, groep en respijt.",
        HVB,
        strategie(
            bekostiging={
                "model": "taakgericht",
                "kortingspercentage": "6",
                "uitvoeringsbijdrage_percentage": "15",
            },
            beleid="een-per-gebied",
            looptijd=4,
            opties=[2, 2],
            individuele_beschikking=False,
            casusregie="coalitie",
        ),
    ),
    SeedSegment(
        "Beschermd wonen Hart van Brabant",
        "wmo",
        "Volwassenen met psychische problematiek; een plek binnen zes maanden.",
        ["Regio"],
        strategie(
            bekostiging=PXQ,
            beleid="breed",
            looptijd=3,
            opties=[1],
            casusregie="regionaal team",
            # "Acceptatieplicht: binnen 6 maanden een plek."
            acceptatieplicht_maanden=6,
        ),
    ),
    SeedSegment(
        "Dagbesteding Hart van Brabant",
        "wmo",
        "Dagbesteding, regionaal ingekocht: één aanbieder of combinatie per gebied.",
        HVB,
        strategie(
            bekostiging={"model": "taakgericht"},
            beleid="een-per-gebied",
            looptijd=4,
            opties=[1, 1],
            individuele_beschikking=False,
        ),
    ),
]

PRODUCTEN = [
    ProductCreate(categorie="02", code="02A01", naam="Individuele begeleiding", eenheid="04"),
    ProductCreate(categorie="02", code="02A02", naam="Groepsbegeleiding", eenheid="16"),
    ProductCreate(categorie="02", code="02A03", naam="Respijtzorg (logeren)", eenheid="14"),
]

COALITIECONTRACT = {
    "contractnummer": "HVB-BEG-2024",
    "ingangsdatum": date(2024, 1, 1),
    "einddatum": date(2027, 12, 31),
    "gebieden": HVB,
    "bekostiging": {
        "model": "taakgericht",
        "kortingspercentage": "6",
        "uitvoeringsbijdrage_percentage": "15",
    },
    "partijen": [
        {"aanbieder_agb": "73730001", "naam": "Coalitie Sterk in de Wijk", "rol": "hoofdaannemer"},
        {"aanbieder_agb": "73730002", "naam": "Combinant Thuis B.V.", "rol": "combinant"},
        {
            "aanbieder_agb": "73730003",
            "naam": "Strategisch Partner Zorg",
            "rol": "strategische-partner",
        },
    ],
    # A lumpsum: products without tarieven, and the yearly task budget the termijnen come from.
    "producten": [{"categorie": p.categorie, "code": p.code} for p in PRODUCTEN],
    "taakbudget_cents": 4_040_000_000,
    # Each gemeente pays its share of the lumpsum, by its population (thousands, CBS).
    "verdeelsleutel": [
        {"gemeentecode": code, "percentage": percentage}
        for code, percentage in (
            ("0855", "47.97"),  # Tilburg
            ("0766", "5.78"),  # Dongen
            ("0784", "5.78"),  # Gilze en Rijen
            ("0785", "5.14"),  # Goirle
            ("0798", "3.43"),  # Hilvarenbeek
            ("0809", "4.92"),  # Loon op Zand
            ("0824", "7.07"),  # Oisterwijk
            ("0867", "10.49"),  # Waalwijk
            ("0797", "9.42"),  # Heusden
        )
    ],
    "verlengingsopties": [{"jaren": 2}, {"jaren": 2}],
}


async def load(session: AsyncSession) -> list[str]:
    """Add what is missing; returns what was added."""
    added = []
    segment_ids = {}
    for seed in SEGMENTEN:
        segment = await segmenten.find_by_naam(session, seed.naam)
        if segment is None:
            segment = await segment_service.create_segment(
                session,
                SegmentCreate(
                    naam=seed.naam,
                    wet=seed.wet,
                    doelgroep=seed.doelgroep,
                    gebieden=seed.gebieden,
                ),
            )
            added.append(f"segment {seed.naam}")
        segment_ids[seed.naam] = segment.id
        if await strategieen.find_published(session, segment.id) is None:
            version = await strategie_service.create_verwervingsstrategie(
                session,
                segment.id,
                VerwervingsstrategieCreate.model_validate(seed.strategie),
                ACTOR,
            )
            await strategie_service.publish_verwervingsstrategie(session, version.id, ACTOR)
            added.append(f"verwervingsstrategie {seed.naam}")
    for product in PRODUCTEN:
        if not await producten.find_by_codes(session, [(product.categorie, product.code)]):
            await product_service.create_product(session, product)
            added.append(f"product {product.code}")
    if await contracten.find_by_nummer(session, str(COALITIECONTRACT["contractnummer"])) is None:
        begeleiding = segment_ids["Begeleiding Hart van Brabant"]
        contract = await contract_service.create_contract(
            session,
            ContractCreate.model_validate(COALITIECONTRACT | {"segment_id": begeleiding}),
            ACTOR,
        )
        await contract_service.activate_contract(session, contract.id, ACTOR)
        added.append(f"contract {contract.contractnummer}")
    return added


async def run(settings: Settings) -> list[str]:
    engine = create_engine(settings.database_url)
    try:
        maker = create_sessionmaker(engine, settings.source)
        async with maker() as session, session.begin():
            return await load(session)
    finally:
        await engine.dispose()


def main() -> int:
    settings = Settings()
    configure_logging(settings.service_name, settings.log_level)
    added = asyncio.run(run(settings))
    sys.stdout.write(f"[seed] contracting: {len(added)} toegevoegd\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

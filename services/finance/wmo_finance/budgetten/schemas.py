from __future__ import annotations

import uuid
from datetime import datetime
from itertools import pairwise
from typing import Annotated

from pydantic import AfterValidator, Field

from wmo_common.schema import CamelModel


def _oplopend(value: list[int]) -> list[int]:
    if any(later <= earlier for earlier, later in pairwise(value)):
        raise ValueError("drempels moeten strikt oplopen")
    return value


Drempels = Annotated[list[Annotated[int, Field(ge=1, le=1000)]], AfterValidator(_oplopend)]

JAAR = Field(ge=2000, le=2100, description="Begrotingsjaar.", examples=[2026])


class BudgetCreate(CamelModel):
    jaar: int = JAAR
    segment_naam: str = Field(min_length=1, max_length=200, examples=["Begeleiding"])
    gebied: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Leeg voor een regionaal budget.",
        examples=["Tilburg"],
    )
    gemeentecode: str | None = Field(
        default=None,
        pattern=r"^[0-9]{4}$",
        description="De gemeente wier budget dit is; leeg: de regio als geheel.",
        examples=["0855"],
    )
    bedrag_cents: int = Field(
        ge=0, le=10**15, description="Bedrag in eurocent.", examples=[4_040_000_000]
    )
    drempel_percentages: Drempels = Field(
        default_factory=lambda: [90, 100],
        min_length=1,
        max_length=10,
        description="Percentages van het budget waarop eenmalig een signaal uitgaat, oplopend.",
        examples=[[70, 90, 100]],
    )


class BudgetRead(CamelModel):
    id: uuid.UUID
    jaar: int
    segment_naam: str
    gebied: str | None
    gemeentecode: str | None
    bedrag_cents: int
    drempel_percentages: list[int]
    verplicht_cents: int = Field(
        description="Het deel van de verplichtingen in dit jaar en de vastgestelde lumpsum."
    )
    gerealiseerd_cents: int = Field(
        description="Goedgekeurde declaraties, betaalbaar gestelde outputbekostiging (80/20) en "
        "betaalde lumpsum."
    )
    openstaand_cents: int = Field(
        description="Verplicht maar nog niet gerealiseerd: per verplichting het jaardeel min "
        "wat erop gerealiseerd is (niet onder nul), plus de onbetaalde lumpsumtermijnen."
    )
    prognose_cents: int = Field(
        description="Verwacht gerealiseerd aan het eind van het jaar: gerealiseerd plus openstaand."
    )
    run_rate_prognose_cents: int | None = Field(
        description="Het tempo tot nu: gerealiseerd / prognoseMaanden x 12; leeg zolang er "
        "niets is gerealiseerd."
    )
    prognose_maanden: int = Field(
        description="Maanden waarover gerealiseerd is: januari tot en met de maand waarin de "
        "laatst gerealiseerde prestatie of betaalde termijn eindigt."
    )
    created_at: datetime


class BudgetplafondUpdate(CamelModel):
    drempel_percentages: Drempels = Field(
        min_length=1,
        max_length=10,
        description="Percentages van het plafond waarop eenmalig een signaal uitgaat, oplopend.",
        examples=[[70, 90]],
    )


class BudgetplafondCreate(CamelModel):
    contract_id: uuid.UUID = Field(description="Het contract waaronder het plafond geldt.")
    jaar: int = JAAR
    gemeentecode: str = Field(
        pattern=r"^[0-9]{4}$",
        description="De gemeente wier uitgaven onder het contract dit plafond bewaakt (naast "
        "het regionale plafond uit de bekostiging).",
        examples=["0855"],
    )
    plafond_cents: int = Field(
        ge=0, le=10**15, description="Het plafond in eurocent.", examples=[50_000_000]
    )
    drempel_percentages: Drempels = Field(
        default_factory=lambda: [70],
        min_length=1,
        max_length=10,
        description="Percentages van het plafond waarop eenmalig een signaal uitgaat, oplopend.",
        examples=[[70, 90]],
    )


class PlafondGemeenteRead(CamelModel):
    gemeentecode: str | None
    besteed_cents: int


class BudgetplafondRead(CamelModel):
    id: uuid.UUID
    contract_id: uuid.UUID
    aanbieder_agb: str
    segment_id: uuid.UUID
    jaar: int
    gemeentecode: str | None = Field(
        description="Leeg: het regionale plafond (uit de bekostiging); anders het plafond van "
        "deze gemeente, dat alleen de verplichtingen voor haar cliënten telt."
    )
    plafond_cents: int = Field(description="Het budgetplafond in eurocent.")
    drempel_percentages: list[int]
    besteed_cents: int = Field(
        description="Wat onder het contract dat jaar verplicht is (voor een gemeenteplafond: "
        "voor die gemeente)."
    )
    per_gemeente: list[PlafondGemeenteRead] = Field(
        description="Wat verplicht is, per gemeente die betaalt."
    )
    created_at: datetime

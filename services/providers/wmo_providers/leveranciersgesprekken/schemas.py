from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from wmo_common.schema import CamelModel
from wmo_providers.prestatie_indicatoren.schemas import Indicator

Status = Literal["open", "afgerond"]
Eigenaar = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    Field(description="Wie de afspraak uitvoert (naam of functie).", examples=["contractmanager"]),
]
Omschrijving = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)
]


class Deelnemer(CamelModel):
    naam: str = Field(min_length=1, max_length=200)
    organisatie: str = Field(min_length=1, max_length=200, examples=["Gemeente Tilburg"])
    functie: str | None = Field(default=None, max_length=100, examples=["contractmanager"])


class Onderwerp(CamelModel):
    omschrijving: str = Field(min_length=1, max_length=500, examples=["Wachttijden"])
    indicator: Indicator | None = Field(
        default=None, description="De besproken prestatie-indicator, als het daarover ging."
    )


class AfspraakCreate(CamelModel):
    omschrijving: Omschrijving
    eigenaar: Eigenaar
    deadline: date = Field(description="Uiterlijk op deze dag afgerond.")
    status: Status = "open"


class AfspraakUpdate(CamelModel):
    """Only the fields sent change; none of them can be emptied."""

    omschrijving: Omschrijving | None = None
    eigenaar: Eigenaar | None = None
    deadline: date | None = None
    status: Status | None = None

    @field_validator("omschrijving", "eigenaar", "deadline", "status")
    @classmethod
    def _not_emptied(cls, value: object) -> object:
        # Runs only for values sent: an explicit null would leave the afspraak without one.
        if value is None:
            raise ValueError("mag niet leeg zijn")
        return value


class LeveranciersgesprekCreate(CamelModel):
    agb: str = Field(pattern=r"^[0-9]{8}$", description="AGB-code van de aanbieder.")
    datum: date = Field(description="Dag van het gesprek.")
    deelnemers: list[Deelnemer] = Field(min_length=1, max_length=50)
    onderwerpen: list[Onderwerp] = Field(min_length=1, max_length=50)
    verslag: str | None = Field(default=None, max_length=5000)
    afspraken: list[AfspraakCreate] = Field(default_factory=list, max_length=100)


class AfspraakRead(CamelModel):
    id: uuid.UUID
    leveranciersgesprek_id: uuid.UUID
    agb: str
    omschrijving: str
    eigenaar: str
    deadline: date
    status: Status
    afgerond_op: date | None
    is_verlopen: bool = Field(description="Nog open en de deadline is voorbij.")
    created_at: datetime
    updated_at: datetime


class LeveranciersgesprekRead(CamelModel):
    id: uuid.UUID
    agb: str
    datum: date
    deelnemers: list[Deelnemer]
    onderwerpen: list[Onderwerp]
    verslag: str | None
    afspraken: list[AfspraakRead]
    created_at: datetime

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field, model_validator

from wmo_common.schema import CamelModel

Procedure = Literal["open-house", "toelatingsprocedure", "selectief", "partnerschap"]
Inschrijversrol = Literal["hoofdaannemer", "combinant", "strategische-partner"]


class PerceelCreate(CamelModel):
    naam: str = Field(min_length=1, max_length=200, examples=["Perceel Tilburg"])
    gebied: str = Field(min_length=1, max_length=100, examples=["Tilburg"])


class AanbestedingCreate(CamelModel):
    segment_id: uuid.UUID
    naam: str = Field(min_length=1, max_length=200, examples=["Begeleiding 2024-2032"])
    procedure: Procedure = Field(
        description="Open house of toelatingsprocedure, selectieve aanbesteding, of partnerschap.",
        examples=["selectief"],
    )
    percelen: list[PerceelCreate] = Field(min_length=1, max_length=100)

    @model_validator(mode="after")
    def _perceel_names_are_unique(self) -> AanbestedingCreate:
        namen = [p.naam for p in self.percelen]
        if len(namen) != len(set(namen)):
            raise ValueError("elk perceel heeft een eigen naam")
        return self


class Inschrijver(CamelModel):
    aanbieder_agb: str = Field(pattern=r"^[0-9]{8}$", examples=["12345678"])
    naam: str = Field(min_length=1, max_length=200)
    rol: Inschrijversrol


class Gunning(CamelModel):
    """The winning bid on a perceel: one party, or a coalition led by its hoofdaannemer."""

    partijen: list[Inschrijver] = Field(min_length=1, max_length=100)

    @model_validator(mode="after")
    def _one_lead(self) -> Gunning:
        if sum(p.rol == "hoofdaannemer" for p in self.partijen) != 1:
            raise ValueError("een inschrijving heeft precies één hoofdaannemer (penvoerder)")
        agbs = [p.aanbieder_agb for p in self.partijen]
        if len(agbs) != len(set(agbs)):
            raise ValueError("een aanbieder staat één keer in een inschrijving")
        return self


class PerceelRead(CamelModel):
    id: uuid.UUID
    naam: str
    gebied: str
    gegund_at: datetime | None
    winnaars: list[Inschrijver]


class AanbestedingRead(CamelModel):
    id: uuid.UUID
    segment_id: uuid.UUID
    naam: str
    procedure: Procedure
    percelen: list[PerceelRead]
    created_at: datetime

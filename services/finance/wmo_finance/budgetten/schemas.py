from __future__ import annotations

import uuid
from datetime import datetime
from itertools import pairwise
from typing import Annotated

from pydantic import Field, field_validator

from wmo_common.schema import CamelModel

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
    bedrag_cents: int = Field(
        ge=0, le=10**15, description="Bedrag in eurocent.", examples=[4_040_000_000]
    )
    drempel_percentages: list[Annotated[int, Field(ge=1, le=1000)]] = Field(
        default_factory=lambda: [90, 100],
        min_length=1,
        max_length=10,
        description="Percentages van het budget waarop eenmalig een signaal uitgaat, oplopend.",
        examples=[[70, 90, 100]],
    )

    @field_validator("drempel_percentages")
    @classmethod
    def _oplopend(cls, value: list[int]) -> list[int]:
        if any(later <= earlier for earlier, later in pairwise(value)):
            raise ValueError("drempels moeten strikt oplopen")
        return value


class BudgetRead(CamelModel):
    id: uuid.UUID
    jaar: int
    segment_naam: str
    gebied: str | None
    bedrag_cents: int
    drempel_percentages: list[int]
    verplicht_cents: int = Field(description="Verplichtingen en vastgestelde lumpsum.")
    gerealiseerd_cents: int = Field(description="Goedgekeurde declaraties en betaalde lumpsum.")
    created_at: datetime

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

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


class BudgetRead(CamelModel):
    id: uuid.UUID
    jaar: int
    segment_naam: str
    gebied: str | None
    bedrag_cents: int
    created_at: datetime

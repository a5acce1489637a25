from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field, field_validator

from wmo_common.schema import CamelModel
from wmo_common.validators import is_valid_agb


class AanbiederCreate(CamelModel):
    agb: str = Field(description="AGB-code van de aanbieder: 8 cijfers.", examples=["12345678"])
    kvk_nummer: str | None = Field(default=None, pattern=r"^\d{8}$", examples=["12345678"])
    naam: str = Field(min_length=1, max_length=200, examples=["Zorg Samen B.V."])
    gebieden: list[str] = Field(default_factory=list, max_length=50, examples=[["Tilburg"]])

    @field_validator("agb")
    @classmethod
    def _agb(cls, value: str) -> str:
        if not is_valid_agb(value):
            raise ValueError("een AGB-code bestaat uit 8 cijfers")
        return value


class AanbiederRead(CamelModel):
    id: uuid.UUID
    agb: str
    kvk_nummer: str | None
    naam: str
    gebieden: list[str]
    created_at: datetime

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from wmo_common.schema import CamelModel

Wet = Literal["wmo", "jeugdwet"]


class SegmentCreate(CamelModel):
    naam: str = Field(min_length=1, max_length=200, examples=["Volwassenen stabiliteit"])
    wet: Wet = Field(description="De wet waaronder het segment valt.", examples=["wmo"])
    doelgroep: str = Field(
        min_length=1,
        max_length=4000,
        examples=["Volwassenen die structureel ondersteuning nodig hebben."],
    )
    gebieden: list[str] = Field(
        default_factory=list, max_length=50, examples=[["West", "Tilburg", "Oost", "Heusden"]]
    )


class SegmentRead(CamelModel):
    id: uuid.UUID
    naam: str
    wet: Wet
    doelgroep: str
    gebieden: list[str]
    created_at: datetime

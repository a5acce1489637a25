from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from wmo_common.schema import CamelModel


class SignaleringCreate(CamelModel):
    agb: str = Field(pattern=r"^[0-9]{8}$", description="AGB-code van de aanbieder.")
    segment_id: uuid.UUID | None = None
    reden: str = Field(min_length=1, max_length=1000)
    is_blokkerend: bool = Field(
        default=False, description="Toegang wijst zolang niet meer aan deze aanbieder toe."
    )


class Opheffing(CamelModel):
    reden: str = Field(min_length=1, max_length=1000, description="Waarom de signalering vervalt.")


class SignaleringRead(CamelModel):
    id: uuid.UUID
    agb: str
    segment_id: uuid.UUID | None
    indicator: str | None = Field(description="De prestatie-indicator; leeg bij een handmatige.")
    periode: str | None
    reden: str
    is_blokkerend: bool
    is_open: bool
    created_at: datetime
    opgeheven_at: datetime | None
    opheffing_reden: str | None

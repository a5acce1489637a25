from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import Field, ValidationInfo, field_validator

from wmo_common.schema import CamelModel
from wmo_providers.aanbieders.schemas import ProductRef


class AanmeldstopCreate(CamelModel):
    product: ProductRef | None = Field(default=None, description="Leeg: alle producten.")
    gebied: str | None = Field(
        default=None, min_length=1, max_length=100, description="Leeg: alle gebieden."
    )
    reden: str = Field(
        min_length=1,
        max_length=1000,
        description="De schriftelijke onderbouwing (art. 3.6).",
        examples=["Wachtlijst loopt op; geen personeel voor nieuwe cliënten"],
    )
    ingangsdatum: date = Field(description="Minstens 14 dagen na vandaag.")
    einddatum: date | None = Field(default=None, description="Leeg: tot de stop beëindigd wordt.")

    @field_validator("einddatum")
    @classmethod
    def _after_ingang(cls, value: date | None, info: ValidationInfo) -> date | None:
        ingang = info.data.get("ingangsdatum")
        if value is not None and ingang is not None and value < ingang:
            raise ValueError("de einddatum ligt niet vóór de ingangsdatum")
        return value


class AanmeldstopBeeindiging(CamelModel):
    einddatum: date | None = Field(
        default=None, description="De laatste dag van de stop; leeg: vandaag. Niet in het verleden."
    )
    reden: str | None = Field(default=None, max_length=1000)


class AanmeldstopRead(CamelModel):
    id: uuid.UUID
    agb: str
    product: ProductRef | None
    gebied: str | None
    reden: str
    ingangsdatum: date
    einddatum: date | None
    beeindigingsreden: str | None
    is_actief: bool = Field(description="Geldt vandaag.")
    created_at: datetime

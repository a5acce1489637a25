from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import Field

from wmo_access.beschikkingen.schemas import ProductSchema
from wmo_common.schema import CamelModel


class AanmeldingCreate(CamelModel):
    indicatie_id: uuid.UUID
    aanbieder_agb: str = Field(pattern=r"^[0-9]{8}$")
    aanmelddatum: date | None = Field(default=None, description="Leeg: vandaag.")


class Plaatsing(CamelModel):
    plaatsingsdatum: date | None = Field(default=None, description="Leeg: vandaag.")


class Weigering(CamelModel):
    reden: str = Field(min_length=1, max_length=1000, examples=["Geen passende woonvorm vrij"])


class AanmeldingRead(CamelModel):
    id: uuid.UUID
    indicatie_id: uuid.UUID
    client_id: uuid.UUID
    segment_id: uuid.UUID
    aanbieder_agb: str
    product: ProductSchema
    gebied: str | None
    aanmelddatum: date
    status: Literal["wachtend", "geplaatst", "geweigerd"]
    plaatsingsdatum: date | None
    weigeringsreden: str | None


class Wachtende(AanmeldingRead):
    dagen_wachtend: int
    norm_dagen: int | None = Field(description="De termijn van het segment; leeg: onbekend.")
    is_overschreden: bool

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from wmo_access.beschikkingen.schemas import OmvangSchema, ProductSchema
from wmo_common.schema import CamelModel

# iWmo RedenWijziging; 01 may no longer be used (CS336), 13 (verwijderd) only when ending.
RedenWijziging = Literal["02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "14"]
RedenBeeindiging = Literal["02", "03", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14"]
_AGB = Field(pattern=r"^[0-9]{8}$", description="AGB-code van de aanbieder.", examples=["12345678"])


class ToewijzingCreate(CamelModel):
    indicatie_id: uuid.UUID
    aanbieder_agb: str = _AGB
    ingangsdatum: date | None = Field(default=None, description="Leeg: die van de indicatie.")
    einddatum: date | None = Field(default=None, description="Leeg: die van de indicatie.")

    @model_validator(mode="after")
    def _periode(self) -> ToewijzingCreate:
        if self.ingangsdatum and self.einddatum and self.einddatum < self.ingangsdatum:
            raise ValueError("de einddatum ligt niet vóór de ingangsdatum")
        return self


class ToewijzingWijziging(CamelModel):
    """A change of an issued toewijzing. An extension with the same omvang keeps the number and
    moves the einddatum (OP380); `indicatieId` carries it onto the indicatie of a herindicatie."""

    reden_wijziging: RedenWijziging
    einddatum: date | None = None
    omvang: OmvangSchema | None = None
    budget_cents: int | None = Field(default=None, ge=0)
    indicatie_id: uuid.UUID | None = None


class ToewijzingBeeindiging(CamelModel):
    einddatum: date
    reden_wijziging: RedenBeeindiging


class ToewijzingRead(CamelModel):
    id: uuid.UUID
    toewijzingnummer: str
    indicatie_id: uuid.UUID
    beschikking_id: uuid.UUID
    client_id: uuid.UUID
    verzoek_id: uuid.UUID | None
    gemeentecode: str
    gebied: str | None
    segment_id: uuid.UUID
    aanbieder_agb: str
    product: ProductSchema
    ingangsdatum: date
    einddatum: date | None
    omvang: OmvangSchema | None
    budget_cents: int | None
    toewijzingsdatum: date
    reden_wijziging: str | None
    status: Literal["actief", "beeindigd"]
    leveringsstatus: Literal["niet-gestart", "gestart", "gestopt"]
    zorg_begindatum: date | None
    zorg_einddatum: date | None = Field(
        description="De einddatum uit de Wmo307 (zorgstop) van de aanbieder."
    )
    reden_beeindiging: str | None = Field(
        default=None,
        description="iWmo RedenBeeindiging uit die Wmo307: 02 overlijden, 19 volgens plan, "
        "20 tijdelijk beëindigd, 31 verhuizing naar een andere gemeente, 38 overstap naar een "
        "andere aanbieder … (codelijst WMO588).",
        examples=["31"],
    )
    waarschuwingen: list[str] = Field(
        default_factory=list,
        description="Bij aanmaken: open, niet-blokkerende signaleringen van de aanbieder.",
    )

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from wmo_common.schema import CamelModel

# iWmo code lists Eenheid (WJ756) and Frequentie (WJ757).
Eenheid = Literal["01", "04", "14", "16", "82", "83", "84"]
Frequentie = Literal["1", "2", "4", "6"]
Leveringsvorm = Literal["zin", "pgb"]
Besluit = Literal["toegekend", "afgewezen"]
BeschikkingStatus = Literal["concept", "afgegeven", "vervangen"]
Intensiteit = Literal["licht", "midden", "zwaar"]
# The intensiteiten of the region's products, by name or by number (licht 1, midden 2, zwaar 3).
INTENSITEITEN: dict[str, Intensiteit] = {
    "licht": "licht",
    "midden": "midden",
    "zwaar": "zwaar",
    "1": "licht",
    "2": "midden",
    "3": "zwaar",
}


class ProductSchema(CamelModel):
    categorie: str = Field(
        pattern=r"^[0-9]{2}$", description="iWmo Productcategorie.", examples=["02"]
    )
    code: str | None = Field(
        default=None, pattern=r"^[0-9A-Z]{5}$", description="iWmo Productcode.", examples=["02A01"]
    )


class OmvangSchema(CamelModel):
    volume: int = Field(ge=1, le=99_999_999, examples=[4])
    eenheid: Eenheid = Field(description="iWmo Eenheid: 01 minuut, 04 uur, 14 etmaal...")
    frequentie: Frequentie = Field(description="iWmo Frequentie: 1 dag, 2 week, 4 maand, 6 totaal.")


class IndicatieCreate(CamelModel):
    segment_id: uuid.UUID
    product: ProductSchema
    intensiteit: str | None = Field(
        default=None,
        max_length=20,
        description="licht, midden of zwaar (of 1, 2, 3); wordt als naam bewaard. Het contract "
        "van de aanbieder moet het product in deze intensiteit bieden.",
        examples=["midden"],
    )
    omvang: OmvangSchema | None = None
    budget_cents: int | None = Field(default=None, ge=0)
    ingangsdatum: date
    einddatum: date | None = None
    leveringsvorm: Leveringsvorm = Field(description="zin: zorg in natura; pgb: persoonsgebonden.")
    besluit: Besluit = Field(
        default="toegekend",
        description="toegekend: de indicatie geldt. afgewezen: de beschikking wijst dit "
        "aangevraagde product (in deze leveringsvorm) af, met ingang van de ingangsdatum; een "
        "afgewezen indicatie heeft een grond en geen omvang, budget of einddatum, en wordt niet "
        "toegewezen, niet geherindiceerd en niet gemeld aan financiën.",
    )
    grond: str | None = Field(
        default=None,
        min_length=1,
        max_length=2000,
        description="Waarom de indicatie is afgewezen (Awb 3:46); verplicht bij afgewezen, "
        "alleen bij afgewezen.",
        examples=["Uw eigen netwerk kan de begeleiding bieden."],
    )

    @field_validator("intensiteit")
    @classmethod
    def _known_intensiteit(cls, value: str | None) -> str | None:
        if value is None:
            return None
        known = INTENSITEITEN.get(value.strip().lower())
        if known is None:
            raise ValueError("intensiteit is licht, midden of zwaar (of 1, 2, 3)")
        return known

    @model_validator(mode="after")
    def _omvang_of_budget_en_periode(self) -> IndicatieCreate:
        if self.besluit == "afgewezen":
            if self.grond is None or not self.grond.strip():
                raise ValueError("een afgewezen indicatie heeft een grond")
            if self.omvang is not None or self.budget_cents is not None:
                raise ValueError("een afgewezen indicatie heeft geen omvang of budget")
            if self.einddatum is not None:
                raise ValueError("een afgewezen indicatie heeft geen einddatum")
            return self
        if self.grond is not None:
            raise ValueError("een grond hoort bij een afgewezen indicatie")
        if (self.omvang is None) == (self.budget_cents is None):
            raise ValueError("een indicatie heeft een omvang of een budget, niet allebei of geen")
        if self.einddatum is not None and self.einddatum < self.ingangsdatum:
            raise ValueError("de einddatum ligt niet vóór de ingangsdatum")
        return self


class BeschikkingCreate(CamelModel):
    aanvraag_id: uuid.UUID
    vervangt_id: uuid.UUID | None = Field(
        default=None, description="De afgegeven beschikking die deze vervangt."
    )
    indicaties: list[IndicatieCreate] = Field(min_length=1)


class BeschikkingUpdate(CamelModel):
    indicaties: list[IndicatieCreate] = Field(min_length=1)


class BeschikkingAfgifte(CamelModel):
    afgiftedatum: date | None = Field(default=None, description="Leeg: vandaag.")


class IndicatieRead(IndicatieCreate):
    id: uuid.UUID


class BeschikkingRead(CamelModel):
    id: uuid.UUID
    beschikkingnummer: str
    aanvraag_id: uuid.UUID | None
    client_id: uuid.UUID
    gemeentecode: str
    status: BeschikkingStatus
    afgiftedatum: date | None
    vervangt_id: uuid.UUID | None
    indicaties: list[IndicatieRead]

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from wmo_common.schema import CamelModel

Soort = Literal["vog", "kwaliteitsstatuut", "aansprakelijkheidsverzekering", "certificering"]
SOORTEN: tuple[Soort, ...] = (
    "vog",
    "kwaliteitsstatuut",
    "aansprakelijkheidsverzekering",
    "certificering",
)


class Kwaliteitsstatuut(CamelModel):
    is_big_geregistreerd: bool = Field(description="Het zorgpersoneel staat in het BIG-register.")
    personeelsmix: dict[str, int] = Field(
        description="Aandeel per opleidingsniveau in procent; samen 100.",
        examples=[{"hbo": 40, "mbo": 60}],
        max_length=20,
    )
    gemiddelde_jaren_ervaring: int = Field(ge=0, le=60)

    @field_validator("personeelsmix")
    @classmethod
    def _percentages(cls, value: dict[str, int]) -> dict[str, int]:
        if any(p < 0 for p in value.values()) or sum(value.values()) != 100:
            raise ValueError("de percentages zijn niet negatief en tellen op tot 100")
        return value


class KwaliteitsdocumentCreate(CamelModel):
    soort: Soort
    naam: str = Field(min_length=1, max_length=200, examples=["VOG rechtspersonen"])
    afgiftedatum: date
    vervaldatum: date | None = Field(default=None, description="Leeg: verloopt niet.")
    bewijs_referentie: str = Field(
        min_length=1,
        max_length=500,
        description="Waar het bewijs ligt (documentnummer of vindplaats).",
        examples=["DMS-2026-00412"],
    )
    kwaliteitsstatuut: Kwaliteitsstatuut | None = Field(
        default=None, description="Verplicht bij soort kwaliteitsstatuut, anders leeg."
    )

    @field_validator("vervaldatum")
    @classmethod
    def _after_afgifte(cls, value: date | None, info: ValidationInfo) -> date | None:
        afgifte = info.data.get("afgiftedatum")
        if value is not None and afgifte is not None and value <= afgifte:
            raise ValueError("de vervaldatum ligt na de afgiftedatum")
        return value

    @model_validator(mode="after")
    def _statuut(self) -> KwaliteitsdocumentCreate:
        if (self.soort == "kwaliteitsstatuut") != (self.kwaliteitsstatuut is not None):
            raise ValueError("kwaliteitsstatuut hoort bij, en alleen bij, soort kwaliteitsstatuut")
        return self


class KwaliteitsdocumentRead(CamelModel):
    id: uuid.UUID
    agb: str
    soort: Soort
    naam: str
    afgiftedatum: date
    vervaldatum: date | None
    bewijs_referentie: str
    kwaliteitsstatuut: Kwaliteitsstatuut | None
    created_at: datetime


class Tekortkoming(CamelModel):
    agb: str
    naam: str
    ontbrekend: list[Soort] = Field(description="Verplichte soorten zonder geldig document.")
    verlopen: list[Soort] = Field(description="Soorten waarvan het laatste document verlopen is.")


class Verloopcontrole(CamelModel):
    peildatum: date | None = Field(default=None, description="Leeg: vandaag.")


class Verloopmelding(CamelModel):
    kwaliteitsdocument_id: uuid.UUID
    agb: str
    soort: Soort
    vervaldatum: date
    dagen_resterend: int


class VerloopcontroleResultaat(CamelModel):
    peildatum: date
    gemeld: list[Verloopmelding]

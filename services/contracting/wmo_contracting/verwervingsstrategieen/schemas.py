from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from wmo_common.schema import CamelModel
from wmo_contracting.bekostiging import Bekostiging

Leveranciersbeleid = Literal["reduceren", "beperkt", "breed", "een-per-gebied"]
Strategiestatus = Literal["concept", "gepubliceerd", "vervangen"]


class Toegang(CamelModel):
    max_indicatie_maanden: int | None = Field(
        default=None, ge=1, le=600, description="Leeg: geen maximum.", examples=[12]
    )
    individuele_beschikking: bool = Field(
        default=True, description="Of een individuele beschikking nodig is (lumpsum: meestal niet)."
    )
    herindicatie_doorlooptijd_dagen: int = Field(
        default=56, ge=0, le=365, description="Dagen vóór de einddatum waarop herindicatie start."
    )
    casusregie: str | None = Field(
        default=None, max_length=200, examples=["gebiedsteam"], description="Wie casusregie voert."
    )


class Leveranciersmanagement(CamelModel):
    beleid: Leveranciersbeleid = Field(
        description="Reduceren, een beperkt aantal, breed met strategische partners, of één "
        "aanbieder of combinatie per gebied.",
        examples=["een-per-gebied"],
    )
    max_aanbieders: int | None = Field(default=None, ge=1, le=10_000, examples=[3])
    acceptatieplicht_maanden: int | None = Field(
        default=None,
        ge=1,
        le=60,
        description="Acceptatieplicht: binnen zoveel maanden krijgt een aangemelde cliënt een plek "
        "(beschermd wonen: 6); de wachtlijst meet daartegen. Leeg: de Treeknorm.",
        examples=[6],
    )
    verlopen_kwaliteitsdocument_blokkeert: bool = Field(
        default=False,
        description="Of een verlopen kwaliteitsdocument (VOG, verzekering, certificaat) nieuwe "
        "toewijzingen in dit segment blokkeert; anders dragen ze een waarschuwing.",
    )

    @model_validator(mode="after")
    def _limited_set_has_a_maximum(self) -> Leveranciersmanagement:
        if self.beleid == "beperkt" and self.max_aanbieders is None:
            raise ValueError("een beperkt aantal aanbieders vraagt maxAanbieders")
        return self


class Contractvoorwaarden(CamelModel):
    looptijd_jaren: int = Field(ge=1, le=20, examples=[4])
    verlengingsopties: list[int] = Field(
        default_factory=list,
        max_length=5,
        description="Lengte van elke verlengingsoptie in jaren; 4+2+2 is looptijd 4, "
        "opties [2, 2].",
        examples=[[2, 2]],
    )
    opzegtermijn_maanden: int = Field(default=6, ge=0, le=36)

    @model_validator(mode="after")
    def _options_are_whole_years(self) -> Contractvoorwaarden:
        if any(not 1 <= jaren <= 10 for jaren in self.verlengingsopties):
            raise ValueError("een verlengingsoptie duurt 1 tot 10 jaar")
        return self


class PrestatieIndicator(CamelModel):
    code: str = Field(pattern=r"^[a-z0-9-]{1,40}$", examples=["uitstroom"])
    naam: str = Field(min_length=1, max_length=200, examples=["Uitstroom naar lichtere zorg"])
    streefwaarde: Decimal = Field(max_digits=12, decimal_places=2, examples=["60"])
    eenheid: str | None = Field(default=None, max_length=40, examples=["procent"])


class VerwervingsstrategieCreate(CamelModel):
    toegang: Toegang
    bekostiging: Bekostiging
    leveranciersmanagement: Leveranciersmanagement
    contractvoorwaarden: Contractvoorwaarden
    prestatie_indicatoren: list[PrestatieIndicator] = Field(default_factory=list, max_length=50)

    @model_validator(mode="after")
    def _indicator_codes_are_unique(self) -> VerwervingsstrategieCreate:
        codes = [p.code for p in self.prestatie_indicatoren]
        if len(codes) != len(set(codes)):
            raise ValueError("elke prestatie-indicator heeft een eigen code")
        return self


class VerwervingsstrategieRead(CamelModel):
    id: uuid.UUID
    segment_id: uuid.UUID
    versie: int
    status: Strategiestatus
    toegang: Toegang
    bekostiging: Bekostiging
    leveranciersmanagement: Leveranciersmanagement
    contractvoorwaarden: Contractvoorwaarden
    prestatie_indicatoren: list[PrestatieIndicator]
    created_at: datetime
    gepubliceerd_at: datetime | None

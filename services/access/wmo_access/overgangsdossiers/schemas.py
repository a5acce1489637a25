from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field, model_validator

from wmo_access.overgangsdossiers.regels import Moment, Route, Situatie, Uitkomst
from wmo_common.schema import CamelModel


class OvergangsdossierCreate(CamelModel):
    client_id: uuid.UUID
    situatie: Situatie = Field(
        description="client-coalitie: cliënt van de coalitie; client-onderaannemer: cliënt van "
        "een onderaannemer van de coalitie; client-aanbieder-onbekend: cliënt van een aanbieder "
        "van wie nog niet bekend is of hij onderaannemer wordt."
    )
    moment: Moment = Field(
        description="Herindicatie die ingaat vóór of ná de overgangsdatum, of een nieuwe cliënt "
        "ná de overgangsdatum."
    )
    overgangsdatum: date = Field(
        description="De ingangsdatum van het nieuwe contract (Hart van Brabant: 1 januari 2023).",
        examples=["2023-01-01"],
    )
    ingangsdatum: date | None = Field(
        default=None,
        description="Ingangsdatum van de herindicatie; verplicht bij een herindicatie.",
    )
    einddatum: date | None = Field(default=None, description="Beoogde einddatum, wordt getoetst.")
    huidige_aanbieder_agb: str | None = Field(
        default=None, pattern=r"^[0-9]{8}$", description="Verplicht bij een herindicatie."
    )
    is_pgb: bool = Field(default=False, alias="pgb", description="De cliënt kiest een pgb.")

    @model_validator(mode="after")
    def _past_bij_moment(self) -> OvergangsdossierCreate:
        herindicatie = self.moment is not Moment.NIEUWE_CLIENT_NA
        if herindicatie and (self.ingangsdatum is None or self.huidige_aanbieder_agb is None):
            raise ValueError("een herindicatie noemt ingangsdatum en huidigeAanbiederAgb")
        if self.ingangsdatum is not None:
            voor = self.ingangsdatum < self.overgangsdatum
            if voor != (self.moment is Moment.HERINDICATIE_VOOR):
                raise ValueError(
                    "de ingangsdatum past niet bij het moment ten opzichte van de overgangsdatum"
                )
            if self.einddatum is not None and self.einddatum < self.ingangsdatum:
                raise ValueError("de einddatum ligt niet vóór de ingangsdatum")
        return self


class UitkomstKeuze(CamelModel):
    uitkomst: Uitkomst = Field(
        description="wordt-onderaannemer, maatwerkafspraak, coalitie-neemt-over (de oude "
        "aanbieder stopt) of pgb-via-toegang (een vaardige cliënt kiest een pgb)."
    )


class OvergangsdossierRead(CamelModel):
    id: uuid.UUID
    client_id: uuid.UUID
    gemeentecode: str
    gebied: str | None
    situatie: Situatie
    moment: Moment
    overgangsdatum: date
    ingangsdatum: date | None
    einddatum: date | None
    huidige_aanbieder_agb: str | None
    is_pgb: bool = Field(alias="pgb")
    route: Route
    toelichting: str
    voorkeur_einddatum: date | None = Field(description="Bij een begrensde herindicatie.")
    uiterlijke_einddatum: date | None = Field(description="Bij een begrensde herindicatie.")
    mogelijke_uitkomsten: list[Uitkomst]
    uitkomst: Uitkomst | None
    status: Literal["open", "afgerond"]
    created_at: datetime

from __future__ import annotations

import uuid
from decimal import Decimal

from pydantic import Field

from wmo_common.schema import CamelModel


class Paretopunt(CamelModel):
    """The `aanbieders` largest aanbieders together: their part of all aanbieders and of the
    market. Read as "x % of the aanbieders serve y % of the clients"."""

    aanbieders: int = Field(description="Zoveel grootste aanbieders samen.")
    aanbieders_percentage: Decimal = Field(examples=["40.0"])
    aandeel_percentage: Decimal = Field(
        description="Hun gezamenlijke marktaandeel.", examples=["96.0"]
    )


class Concentratie(CamelModel):
    totaal: int = Field(
        description="Waarover de aandelen gaan: cliënten per aanbieder opgeteld (een cliënt bij"
        " twee aanbieders telt bij beide), of de positieve netto-omzet in centen."
    )
    top5_percentage: Decimal | None = Field(description="Aandeel van de vijf grootste samen.")
    hhi: int | None = Field(
        ge=0,
        le=10_000,
        description="Herfindahl-Hirschman-index: de som van de gekwadrateerde aandelen in procent"
        " (10.000 is één aanbieder).",
    )
    paretocurve: list[Paretopunt] = Field(description="Cumulatief, grootste aanbieder eerst.")


class Marktaandeel(CamelModel):
    agb: str
    naam: str | None = Field(description="Leeg als de aanbieder hier niet is geregistreerd.")
    clienten: int = Field(description="Verschillende cliënten met een toewijzing in de periode.")
    clientaandeel_percentage: Decimal | None
    omzet_cents: int = Field(
        description="Toegekende declaratiebedragen, beoordeeld in de periode; creditregels tellen"
        " negatief."
    )
    omzetaandeel_percentage: Decimal | None = Field(
        description="Een negatieve netto-omzet telt als nul."
    )


class Marktconcentratie(CamelModel):
    periode: str
    segment_id: uuid.UUID | None = Field(description="Leeg: alle segmenten.")
    gebied: str | None = Field(description="Leeg: alle gebieden.")
    aanbieders: list[Marktaandeel] = Field(description="Meeste cliënten eerst.")
    clienten: Concentratie
    omzet: Concentratie

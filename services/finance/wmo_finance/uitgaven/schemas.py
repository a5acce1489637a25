from __future__ import annotations

import uuid

from pydantic import Field

from wmo_common.schema import CamelModel


class Bedragen(CamelModel):
    verplicht_cents: int = Field(description="Jaardeel van de verplichtingen en de lumpsum.")
    gerealiseerd_cents: int = Field(
        description="Goedgekeurde declaraties, outputbetalingen (80/20) en betaalde lumpsum."
    )
    openstaand_cents: int = Field(description="Verplicht, nog niet gerealiseerd.")
    prognose_cents: int = Field(description="Gerealiseerd plus openstaand.")


class UitgavenRegel(Bedragen):
    gemeentecode: str | None = Field(description="De gemeente die betaalt; leeg: de regio.")
    segment_id: uuid.UUID | None
    bekostigingsmodel: str


class UitgavenRead(CamelModel):
    """What a year costs, per gemeente that pays, segment and financing model."""

    jaar: int
    gemeentecode: str | None = Field(description="Het filter op gemeente, als dat er was.")
    segment_id: uuid.UUID | None = Field(description="Het filter op segment, als dat er was.")
    regels: list[UitgavenRegel]
    totaal: Bedragen

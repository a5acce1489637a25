from __future__ import annotations

from datetime import date

from pydantic import Field

from wmo_common.schema import CamelModel


class Verloopcontrole(CamelModel):
    peildatum: date | None = Field(default=None, description="Leeg: vandaag.")


class VerloopcontroleResultaat(CamelModel):
    peildatum: date
    verloopt: int = Field(description="Aantal indicaties waarvoor indicatie-verloopt is gemeld.")
    verlopen: int = Field(description="Aantal indicaties waarvoor indicatie-verlopen is gemeld.")
    toewijzingen_beeindigd: int

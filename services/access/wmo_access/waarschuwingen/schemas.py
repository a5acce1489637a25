from __future__ import annotations

from pydantic import Field

from wmo_common.schema import CamelModel


class Waarschuwingtelling(CamelModel):
    agb: str
    waarschuwingen: int = Field(description="Gegeven waarschuwingen.")
    toewijzingen: int = Field(description="Toewijzingen met minstens één waarschuwing.")

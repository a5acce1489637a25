from __future__ import annotations

from pydantic import Field

from wmo_access.clienten.schemas import ClientZoek
from wmo_common.logboek import VerwerkingRead
from wmo_common.query import Datum
from wmo_common.schema import CamelModel


class VerwerkingenZoek(ClientZoek):
    """Whose processing records (BSN, in the body: never in a URL), optionally narrowed."""

    actor: str | None = Field(
        default=None, min_length=1, max_length=200, description="Alleen door dit subject."
    )
    van: Datum | None = Field(default=None, description="Vanaf deze dag (inclusief).")
    tot: Datum | None = Field(default=None, description="Tot en met deze dag.")


class VerwerkingenOverzicht(CamelModel):
    results: list[VerwerkingRead] = Field(
        description="De verwerkingen van alle diensten, oudste eerst."
    )
    count: int
    onvolledig: list[str] = Field(
        description=(
            "Diensten waarvan de verwerkingen niet (alle) gelezen konden worden: onbereikbaar, "
            "geweigerd of meer dan 10.000. Leeg: het overzicht is volledig."
        )
    )

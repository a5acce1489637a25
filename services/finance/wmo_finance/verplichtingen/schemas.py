from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from wmo_common.schema import CamelModel

Bekostigingsmodel = Literal["inspanningsgericht", "outputgericht", "taakgericht"]
Verplichtingstatus = Literal["actief", "beeindigd", "vrijgegeven"]


class VerplichtingRead(CamelModel):
    id: uuid.UUID
    toewijzing_id: uuid.UUID
    toewijzingnummer: str
    aanbieder_agb: str
    contract_id: uuid.UUID | None
    segment_id: uuid.UUID | None
    gebied: str | None
    bekostigingsmodel: Bekostigingsmodel
    jaar: int
    ingangsdatum: date
    einddatum: date = Field(description="Einddatum, of het einde van het jaar bij open einde.")
    bedrag_cents: int = Field(description="Het nu verplichte bedrag in eurocent.")
    resultaat_cents: int = Field(
        description="Het deel dat wordt vastgehouden tot de resultaten zijn behaald (80/20)."
    )
    resultaatstatus: Literal["geen", "open", "behaald", "niet-behaald"]
    status: Verplichtingstatus
    updated_at: datetime

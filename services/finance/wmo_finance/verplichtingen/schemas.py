from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from wmo_common.schema import CamelModel

Bekostigingsmodel = Literal["inspanningsgericht", "outputgericht", "taakgericht"]
Verplichtingstatus = Literal["actief", "beeindigd", "vrijgegeven"]


class VerplichtingJaarRead(CamelModel):
    jaar: int
    bedrag_cents: int = Field(description="Het deel van de verplichting dat in dit jaar valt.")


class VerplichtingRead(CamelModel):
    id: uuid.UUID
    toewijzing_id: uuid.UUID
    toewijzingnummer: str
    aanbieder_agb: str
    gemeentecode: str | None = Field(description="De gemeente die betaalt: die van de cliënt.")
    intensiteit: str | None = Field(description="De geïndiceerde intensiteit die het tarief koos.")
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
    resultaatstatus: Literal["geen", "open", "behaald", "niet-behaald", "vervallen"] = Field(
        description="Vervallen: de toewijzing eindigde eerder, zonder resultaat vóór haar "
        "einddatum; de 20 % kan niet meer worden verdiend."
    )
    betaalbaar_cents: int = Field(
        description="Outputgericht: wat betaalbaar is gesteld (80 % bij de start van de zorg, "
        "20 % bij een behaald resultaat)."
    )
    per_jaar: list[VerplichtingJaarRead] = Field(
        default_factory=list, description="Het deel per begrotingsjaar; samen het bedrag."
    )
    status: Verplichtingstatus
    updated_at: datetime

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from wmo_common.schema import CamelModel


class LumpsumCreate(CamelModel):
    contract_id: uuid.UUID
    gebied: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Het gebied waarvoor dit taakbudget geldt; leeg: het hele contract.",
        examples=["Tilburg"],
    )
    jaar: int = Field(ge=2000, le=2100, examples=[2026])
    taakbudget_cents: int | None = Field(
        default=None,
        ge=0,
        le=10**15,
        description="Jaarlijks taakbudget in eurocent; leeg: het taakbudget van het contract.",
        examples=[4_040_000_000],
    )
    aantal_termijnen: Literal[1, 2, 3, 4, 6, 12] = Field(
        default=12,
        description="Termijnen van gelijke lengte in hele maanden; standaard maandelijks.",
    )


class BetalingCreate(CamelModel):
    betaald_op: date


class LumpsumtermijnRead(CamelModel):
    id: uuid.UUID
    contract_id: uuid.UUID
    aanbieder_agb: str = Field(description="De hoofdaannemer, die de lumpsum ontvangt.")
    gebied: str | None
    gemeentecode: str | None = Field(
        description="De gemeente die deze termijn betaalt (verdeelsleutel van het contract); "
        "leeg: de regio als geheel."
    )
    jaar: int
    volgnummer: int
    periode_begin: date
    periode_eind: date
    taakbudget_cents: int
    netto_budget_cents: int = Field(
        description="Taakbudget na korting: wat de gemeenten samen betalen. De bijdrage aan de "
        "uitvoeringsorganisatie gaat er niet af; die staat in de werkverdeling."
    )
    bedrag_cents: int = Field(description="Wat deze gemeente in deze termijn betaalt.")
    betaald_op: date | None
    created_at: datetime

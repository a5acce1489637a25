from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from wmo_common.schema import CamelModel

TaakSoort = Literal[
    "herindicatie",
    "verzoek",
    "evaluatie",
    "uitleg-resultaat",
    "overgang-toewijzing",
    "overgang-pgb",
]


class TaakRead(CamelModel):
    id: uuid.UUID
    soort: TaakSoort
    client_id: uuid.UUID
    gemeentecode: str
    gebied: str | None
    indicatie_id: uuid.UUID | None
    verzoek_id: uuid.UUID | None
    ondersteuningsplan_id: uuid.UUID | None = None
    resultaat_id: uuid.UUID | None = None
    overgangsdossier_id: uuid.UUID | None = None
    omschrijving: str | None = Field(default=None, description="Wat er moet gebeuren en waarom.")
    eigenaar: str = Field(
        default="toegang",
        description="Wie aan zet is: de toegang, of 'aanbieder <AGB>' die om uitleg gevraagd "
        "wordt.",
    )
    deadline: date
    afgehandeld: bool
    afgerond_at: datetime | None = None
    afgerond_door: str | None = None
    afrondingstoelichting: str | None = None
    created_at: datetime


class TaakAfronding(CamelModel):
    toelichting: str | None = Field(
        default=None,
        max_length=1000,
        description="Wat er gedaan is, bijv. de uitleg van de aanbieder of het nummer van de "
        "toewijzing.",
    )

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field

from wmo_common.schema import CamelModel

Soort = Literal["abonnementstarief", "beschermd-wonen", "geen"]
Status = Literal["te-verzenden", "verzonden", "bevestigd", "afgewezen"]
Berichtcode = Literal["405", "407"]


class EigenBijdrageProductCreate(CamelModel):
    categorie: str = Field(
        pattern=r"^[0-9]{2}$", description="iWmo ProductCategorie (WJ020).", examples=["15"]
    )
    code: str | None = Field(
        default=None,
        pattern=r"^[0-9A-Z]{5}$",
        description="Eén productcode van de categorie; leeg voor de hele categorie. Een regel "
        "voor een code gaat voor die van de categorie.",
    )
    soort: Soort = Field(
        description="abonnementstarief (WMO405), beschermd-wonen (WMO407), of geen: een code "
        "vrijgesteld binnen een categorie met eigen bijdrage.",
        examples=["beschermd-wonen"],
    )


class EigenBijdrageProductRead(CamelModel):
    id: uuid.UUID
    categorie: str
    code: str | None
    soort: Soort
    created_at: datetime


class CakMeldingRead(CamelModel):
    id: uuid.UUID
    periode_id: uuid.UUID = Field(description="De bijdrageperiode waar de melding over gaat.")
    client_pseudonym: str = Field(
        description="De cliënt; het BSN voegt de gateway toe bij het schrijven van het bericht."
    )
    gemeentecode: str
    berichtcode: Berichtcode = Field(
        description="405: abonnementstarief; 407: beschermd wonen (iEb 4.0)."
    )
    aanleiding: Literal["start", "stop", "wijziging", "intrekking"]
    startdatum: date
    stopdatum: date | None
    uiterste_verzenddatum: date = Field(description="Binnen een maand na start of stop.")
    status: Status
    verzonden_op: date | None
    antwoord_berichtcode: Literal["406", "408"] | None
    retourcodes: list[str]
    beantwoord_op: date | None
    created_at: datetime
    updated_at: datetime


class VerzendingCreate(CamelModel):
    verzonden_op: date


Retourcode = Annotated[str, Field(pattern=r"^[0-9A-Z]{4}$")]


class AntwoordCreate(CamelModel):
    berichtcode: Literal["406", "408"] = Field(description="WMO406 op een 405, WMO408 op een 407.")
    is_goedgekeurd: bool
    retourcodes: list[Retourcode] = Field(default_factory=list, max_length=20)
    beantwoord_op: date

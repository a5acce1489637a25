from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from wmo_access.beschikkingen.schemas import OmvangSchema, ProductSchema
from wmo_common.schema import CamelModel

VerzoekSoort = Literal["toewijzing", "wijziging"]
VerzoekStatus = Literal["in-behandeling", "toegekend", "afgewezen"]
Besluit = Literal["toekennen", "afwijzen", "in-onderzoek"]
# iWmo RedenAfwijzingVerzoek (LDT_RedenAfwijzingVerzoek).
RedenAfwijzing = Literal["1", "2", "3", "4", "5", "6", "7", "8", "9"]


class GevraagdProductRead(CamelModel):
    product: ProductSchema
    ingangsdatum: date
    einddatum: date | None
    omvang: OmvangSchema | None
    budget_cents: int | None
    toewijzingnummer: str | None = Field(description="Bij een 317: de te wijzigen toewijzing.")
    soort: Literal["aangevraagd", "ongewijzigd", "te-wijzigen", "nieuw"] | None


class VerzoekRead(CamelModel):
    id: uuid.UUID
    soort: VerzoekSoort = Field(description="toewijzing: Wmo315; wijziging: Wmo317.")
    referentie: str = Field(description="De referentie van de aanbieder.")
    aanbieder_agb: str
    client_id: uuid.UUID
    gemeentecode: str
    segment_id: uuid.UUID | None
    producten: list[GevraagdProductRead]
    ontvangen_op: date
    deadline: date = Field(
        description="Uiterste antwoorddatum: 5 werkdagen na ontvangst, 8 weken bij 'in onderzoek'."
    )
    in_onderzoek: bool
    overschreden: bool = Field(description="Nog niet beslist en de deadline is voorbij.")
    status: VerzoekStatus
    reden_afwijzing: str | None = Field(description="iWmo RedenAfwijzingVerzoek bij afwijzing.")
    toewijzingnummers: list[str]


class VerzoekBeslissing(CamelModel):
    """A consultant's decision on a verzoek. Granting a 315 creates the beschikking and the
    toewijzingen; granting a 317 changes the named toewijzingen (and assigns new products)."""

    besluit: Besluit
    reden_afwijzing: RedenAfwijzing | None = Field(
        default=None,
        description="Verplicht bij afwijzen (iWmo RedenAfwijzingVerzoek, 3 = geen contract).",
    )
    segment_id: uuid.UUID | None = Field(
        default=None,
        description="Bij toekennen: het segment van de indicaties; leeg als het contract van de "
        "aanbieder het segment eenduidig noemt.",
    )

    @model_validator(mode="after")
    def _reden_bij_afwijzen(self) -> VerzoekBeslissing:
        # CD085/CD086: a refusal names its reason; nothing else does.
        if (self.besluit == "afwijzen") != (self.reden_afwijzing is not None):
            raise ValueError("een redenAfwijzing hoort bij afwijzen, en alleen daarbij")
        return self

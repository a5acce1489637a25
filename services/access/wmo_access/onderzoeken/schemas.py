from __future__ import annotations

import uuid
from datetime import date

from pydantic import Field

from wmo_common.schema import CamelModel


class OnderzoekCreate(CamelModel):
    melding_id: uuid.UUID
    startdatum: date


class PersoonlijkPlanCreate(CamelModel):
    ontvangen_op: date
    inhoud: str = Field(min_length=1, max_length=20_000)


class OnderzoekAfronding(CamelModel):
    afgerond_op: date
    eigen_netwerk: str = Field(
        min_length=1, max_length=4000, description="Wat het eigen netwerk kan bijdragen."
    )
    algemene_voorzieningen: str = Field(
        min_length=1, max_length=4000, description="Welke algemene voorzieningen zijn overwogen."
    )
    conclusie: str = Field(min_length=1, max_length=4000)


class OnderzoekRead(CamelModel):
    id: uuid.UUID
    melding_id: uuid.UUID
    startdatum: date
    persoonlijk_plan: str | None
    persoonlijk_plan_ontvangen_op: date | None
    eigen_netwerk: str | None
    algemene_voorzieningen: str | None
    conclusie: str | None
    afgerond_op: date | None

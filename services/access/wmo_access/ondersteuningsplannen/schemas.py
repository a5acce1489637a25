from __future__ import annotations

import uuid
from datetime import date

from pydantic import Field

from wmo_common.schema import CamelModel


class ResultaatCreate(CamelModel):
    """A SMART result: specific, measurable, and with a date by which it is reached."""

    omschrijving: str = Field(
        min_length=1, max_length=2000, examples=["Doet zelfstandig de boodschappen"]
    )
    meetcriterium: str = Field(
        min_length=1, max_length=2000, examples=["Twee keer per week zonder hulp naar de winkel"]
    )
    streefdatum: date


class OndersteuningsplanCreate(CamelModel):
    onderzoek_id: uuid.UUID
    vastgesteld_op: date
    resultaten: list[ResultaatCreate] = Field(min_length=1)
    evaluatiemomenten: list[date] = Field(min_length=1)


class ResultaatRead(CamelModel):
    id: uuid.UUID
    omschrijving: str
    meetcriterium: str
    streefdatum: date
    behaald: bool | None
    geevalueerd_op: date | None


class OndersteuningsplanRead(CamelModel):
    id: uuid.UUID
    onderzoek_id: uuid.UUID
    client_id: uuid.UUID
    vastgesteld_op: date
    evaluatiemomenten: list[date]
    resultaten: list[ResultaatRead]


class ResultaatEvaluatie(CamelModel):
    behaald: bool
    geevalueerd_op: date

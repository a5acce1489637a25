"""Events the finance service publishes."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import Field

from wmo_common.events.common import AGB, GEMEENTECODE, DecimalString
from wmo_common.events.registry import Event
from wmo_common.schema import FrozenCamelModel

DECLARATIES = "finance.declaraties.v1"
BUDGETTEN = "finance.budgetten.v1"


class Prestatiebeoordeling(FrozenCamelModel):
    """The verdict on one declared prestatie (one line of a Wmo323)."""

    referentie: str = Field(max_length=20, description="ReferentieAanbieder of the prestatie.")
    toewijzingnummer: str | None = None
    goedgekeurd: bool
    retourcodes: list[str] = Field(default_factory=list)
    ingediend_bedrag_cents: int
    toegekend_bedrag_cents: int
    debet_credit: Literal["D", "C"] = Field(
        default="D", description="DebetCredit of the prestatie, as declared."
    )


class DeclaratieBeoordeeld(Event):
    """Every line of a declaratie was judged; the gateway answers with a Wmo325."""

    event_type = "nl.wmo.declaraties.declaratie-beoordeeld.v1"
    topic = DECLARATIES
    subject_field = "declaratie_id"

    declaratie_id: uuid.UUID
    bericht_id: uuid.UUID = Field(description="The gateway's id of the received Wmo323.")
    declaratienummer: str
    aanbieder_agb: Annotated[str, AGB]
    prestaties: list[Prestatiebeoordeling]
    totaal_ingediend_cents: int
    totaal_toegekend_cents: int
    retourcodes: list[str] = Field(
        default_factory=list,
        description="RetourCodes of DeclaratieAntwoord: 8001 fully approved, 0200 judged per line,"
        " or the code that rejects the whole declaratie (9333 DeclaratieNummer reused).",
    )


class VerplichtingAangemaakt(Event):
    """A commitment was booked for a toewijzing."""

    event_type = "nl.wmo.budgetten.verplichting-aangemaakt.v1"
    topic = BUDGETTEN
    subject_field = "verplichting_id"

    verplichting_id: uuid.UUID
    toewijzing_id: uuid.UUID
    aanbieder_agb: Annotated[str, AGB]
    segment_id: uuid.UUID | None = None
    jaar: int
    bedrag_cents: int = Field(ge=0)
    gemeentecode: Annotated[str | None, GEMEENTECODE] = Field(
        default=None, description="The gemeente that pays: the client's."
    )


class BudgetdrempelOverschreden(Event):
    """Spending on a budget line crossed a threshold."""

    event_type = "nl.wmo.budgetten.budgetdrempel-overschreden.v1"
    topic = BUDGETTEN
    subject_field = "budget_id"

    budget_id: uuid.UUID
    jaar: int
    segment_id: uuid.UUID | None = None
    gebied: str | None = None
    budget_cents: int
    besteed_cents: int
    percentage: DecimalString
    drempel_percentage: DecimalString
    soort: Literal["budget", "budgetplafond"] = Field(
        default="budget",
        description="What was crossed: a budget line (budgetId is the line), or an aanbieder's "
        "spending ceiling under a contract (budgetId is the ceiling's id in /budgetplafonds).",
    )
    aanbieder_agb: Annotated[str, AGB] | None = Field(
        default=None, description="For a budgetplafond: the aanbieder whose ceiling it is."
    )
    contract_id: uuid.UUID | None = Field(
        default=None, description="For a budgetplafond: the contract that sets it."
    )
    gemeentecode: Annotated[str | None, GEMEENTECODE] = Field(
        default=None,
        description="For a budget line or a budgetplafond of one gemeente: that gemeente.",
    )

from __future__ import annotations

import uuid
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, field_validator

from wmo_common.schema import CamelModel


class Indicator(StrEnum):
    """The KPIs a norm can be set for; the name is the field of PrestatieIndicatoren."""

    GEMIDDELDE_WACHTTIJD_DAGEN = "gemiddeldeWachttijdDagen"
    BINNEN_TREEKNORM_PERCENTAGE = "binnenTreeknormPercentage"
    GEMIDDELDE_DUUR_DAGEN = "gemiddeldeDuurDagen"
    AFWIJZINGSPERCENTAGE = "afwijzingspercentage"
    KOSTEN_PER_CLIENT_CENTS = "kostenPerClientCents"
    RESULTATEN_BEHAALD_PERCENTAGE = "resultatenBehaaldPercentage"
    TE_LATE_OF_ONTBREKENDE_BERICHTEN = "teLateOfOntbrekendeBerichten"


# For these a higher value is better; for every other indicator a lower one.
HOGER_IS_BETER = frozenset(
    {Indicator.BINNEN_TREEKNORM_PERCENTAGE, Indicator.RESULTATEN_BEHAALD_PERCENTAGE}
)


class Beeindigd(CamelModel):
    aantal: int
    per_reden: dict[str, int] = Field(
        description="Per iWmo RedenBeeindiging (307) of RedenWijziging (beëindiging door toegang)."
    )


class Berichten(CamelModel):
    """305/307 are due within 5 working days of the real start or stop."""

    te_late_startberichten: int
    ontbrekende_startberichten: int
    te_late_stopberichten: int
    ontbrekende_stopberichten: int


class PrestatieIndicatoren(CamelModel):
    agb: str
    segment_id: uuid.UUID | None
    periode: str
    toewijzingen_ontvangen: int = Field(description="Toewijzingen (301) met datum in de periode.")
    gestart: int = Field(description="Toewijzingen waarvan de zorg in de periode begon (305).")
    gemiddelde_wachttijd_dagen: Decimal | None = Field(
        description="Dagen van toewijzing (301) tot zorgstart (305), gemiddeld."
    )
    treeknorm_dagen: int | None
    binnen_treeknorm_percentage: Decimal | None
    actieve_caseload: int = Field(description="Cliënten in zorg op de laatste dag van de periode.")
    beeindigd: Beeindigd
    gemiddelde_duur_dagen: Decimal | None = Field(
        description="Duur van zorgstart tot einde van de in de periode beëindigde zorg (afschalen)."
    )
    declaratieregels: int
    afwijzingspercentage: Decimal | None
    toegekend_cents: int
    kosten_per_client_cents: int | None
    resultaten_geevalueerd: int
    resultaten_behaald_percentage: Decimal | None
    berichten: Berichten
    te_late_of_ontbrekende_berichten: int
    onder_norm: list[Indicator] = Field(
        description="Indicatoren die de norm van het segment missen."
    )


class Norm(CamelModel):
    indicator: Indicator
    waarde: Decimal = Field(ge=0)


class PrestatienormUpdate(CamelModel):
    normen: list[Norm] = Field(default_factory=list, max_length=len(Indicator))
    treeknorm_dagen: int | None = Field(default=None, ge=0, le=365)
    signalering_na_perioden: int | None = Field(
        default=None, ge=1, le=12, description="Leeg: de standaard van de dienst."
    )

    @field_validator("normen")
    @classmethod
    def _once(cls, value: list[Norm]) -> list[Norm]:
        if len({n.indicator for n in value}) != len(value):
            raise ValueError("elke indicator heeft hoogstens één norm")
        return value


class PrestatienormRead(PrestatienormUpdate):
    segment_id: uuid.UUID


class Evaluatie(CamelModel):
    periode: str = Field(examples=["2026-Q1"], description="JJJJ, JJJJ-Qn of JJJJ-MM.")


class EvaluatieResultaat(CamelModel):
    periode: str
    gesignaleerd: list[uuid.UUID] = Field(description="Nieuwe signaleringen.")
    opgeheven: list[uuid.UUID] = Field(description="Signaleringen die vervielen: norm gehaald.")

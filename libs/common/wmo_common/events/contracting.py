"""Events the contracting service publishes."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from wmo_common.events.common import AGB, Product
from wmo_common.events.registry import Event
from wmo_common.schema import FrozenCamelModel

CONTRACTEN = "contracting.contracten.v1"

Bekostigingsmodel = Literal["inspanningsgericht", "outputgericht", "taakgericht"]
Rol = Literal["hoofdaannemer", "combinant", "strategische-partner", "onderaannemer"]
Contractstatus = Literal["concept", "actief", "verlengd", "beeindigd", "ontbonden"]


class Bekostiging(FrozenCamelModel):
    """The financing model and its parameters (percentages as decimals, e.g. 6.0 for 6 %)."""

    model: Bekostigingsmodel
    realisatiefactor: Decimal | None = None
    resultaat_percentage: Decimal | None = Field(
        default=None, description="Share paid when results are met (the 20 of 80/20)."
    )
    kortingspercentage: Decimal | None = None
    uitvoeringsbijdrage_percentage: Decimal | None = None
    budgetplafond_cents: int | None = Field(default=None, ge=0)


class Toegangsregels(FrozenCamelModel):
    max_indicatie_maanden: int | None = Field(default=None, ge=1)
    individuele_beschikking: bool = True
    herindicatie_doorlooptijd_dagen: int = Field(default=56, ge=0)
    casusregie: str | None = None


class Contractvoorwaarden(FrozenCamelModel):
    """The contract terms a segment's strategy sets: duration, extension options, notice."""

    looptijd_jaren: int = Field(ge=1)
    verlengingsopties: list[int] = Field(default_factory=list, description="Option lengths, years.")
    opzegtermijn_maanden: int = Field(ge=0)


class PrestatieIndicator(FrozenCamelModel):
    """A KPI and its target, e.g. doorstroom with a target of 60 (percent)."""

    code: str
    naam: str
    streefwaarde: Decimal
    eenheid: str | None = None


class VerwervingsstrategieGepubliceerd(Event):
    """A version of a segment's strategy was published: its toegang rules and bekostiging."""

    event_type = "nl.wmo.contracten.verwervingsstrategie-gepubliceerd.v1"
    topic = CONTRACTEN
    subject_field = "segment_id"

    verwervingsstrategie_id: uuid.UUID
    segment_id: uuid.UUID
    segment_naam: str
    wet: Literal["wmo", "jeugdwet"]
    versie: int = Field(ge=1)
    gebieden: list[str] = Field(default_factory=list)
    toegang: Toegangsregels
    bekostiging: Bekostiging
    leveranciersbeleid: Literal["reduceren", "beperkt", "breed", "een-per-gebied"]
    max_aanbieders: int | None = Field(default=None, ge=1)
    contractvoorwaarden: Contractvoorwaarden | None = None
    prestatie_indicatoren: list[PrestatieIndicator] = Field(default_factory=list)


class Partij(FrozenCamelModel):
    aanbieder_agb: Annotated[str, AGB]
    rol: Rol


class Tarief(FrozenCamelModel):
    product: Product
    eenheid: str = Field(pattern=r"^\d{2}$")
    bedrag_cents: int = Field(ge=0)
    geldig_vanaf: date
    geldig_tot: date | None = None


class _Contract(Event):
    topic = CONTRACTEN
    subject_field = "contract_id"

    contract_id: uuid.UUID
    contractnummer: str
    segment_id: uuid.UUID
    partijen: list[Partij]
    gebieden: list[str]
    tarieven: list[Tarief]
    bekostiging: Bekostiging
    ingangsdatum: date
    einddatum: date
    verlengingsopties: list[int] = Field(default_factory=list, description="Option lengths, years.")
    status: Contractstatus | None = None
    prestatie_indicatoren: list[PrestatieIndicator] = Field(default_factory=list)


class ContractGeactiveerd(_Contract):
    """A contract became active: who delivers which products at which tarieven where."""

    event_type = "nl.wmo.contracten.contract-geactiveerd.v1"


class ContractGewijzigd(_Contract):
    """An active contract changed (amendment, extension, tarieven)."""

    event_type = "nl.wmo.contracten.contract-gewijzigd.v1"


class ContractVerloopt(Event):
    """A contract nears its einddatum without a decided extension."""

    event_type = "nl.wmo.contracten.contract-verloopt.v1"
    topic = CONTRACTEN
    subject_field = "contract_id"

    contract_id: uuid.UUID
    einddatum: date
    dagen_resterend: int = Field(ge=0)
    termijn: Literal["opzegging", "verlengingsbesluit"] | None = Field(
        default=None, description="Which deadline: the last day for notice or for an option."
    )
    termijndatum: date | None = Field(default=None, description="The deadline itself.")


class ContractBeeindigd(Event):
    """A contract ended (expiry or termination)."""

    event_type = "nl.wmo.contracten.contract-beeindigd.v1"
    topic = CONTRACTEN
    subject_field = "contract_id"

    contract_id: uuid.UUID
    einddatum: date
    reden: str
    status: Literal["beeindigd", "ontbonden"] | None = Field(
        default=None, description="Ended by notice or at its end (beeindigd), or dissolved."
    )

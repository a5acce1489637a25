"""Events the contracting service publishes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from wmo_common.events.common import AGB, GEMEENTECODE, DecimalString, Product
from wmo_common.events.registry import Event
from wmo_common.schema import FrozenCamelModel

CONTRACTEN = "contracting.contracten.v1"

Bekostigingsmodel = Literal["inspanningsgericht", "outputgericht", "taakgericht"]
Rol = Literal["hoofdaannemer", "combinant", "strategische-partner", "onderaannemer"]
Contractstatus = Literal["concept", "actief", "verlengd", "beeindigd", "ontbonden"]
Intensiteit = Literal["licht", "midden", "zwaar"]


class Bekostiging(FrozenCamelModel):
    """The financing model and its parameters (percentages as decimals, e.g. 6.0 for 6 %)."""

    model: Bekostigingsmodel
    realisatiefactor: DecimalString | None = None
    resultaat_percentage: DecimalString | None = Field(
        default=None, description="Share paid when results are met (the 20 of 80/20)."
    )
    kortingspercentage: DecimalString | None = None
    uitvoeringsbijdrage_percentage: DecimalString | None = None
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
    streefwaarde: DecimalString
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
    acceptatieplicht_maanden: int | None = Field(
        default=None,
        ge=1,
        description="Months within which an aanbieder places a client put forward to it (the "
        "acceptatieplicht); empty: the Treeknorm is the waiting-list norm.",
    )
    verlopen_kwaliteitsdocument_blokkeert: bool = Field(
        default=False,
        description="Whether an aanbieder's expired quality document blocks new toewijzingen in "
        "this segment (else they carry a warning).",
    )
    contractvoorwaarden: Contractvoorwaarden | None = None
    prestatie_indicatoren: list[PrestatieIndicator] = Field(default_factory=list)


class Partij(FrozenCamelModel):
    aanbieder_agb: Annotated[str, AGB]
    rol: Rol


class Tarief(FrozenCamelModel):
    product: Product
    eenheid: str = Field(pattern=r"^[0-9]{2}$")
    bedrag_cents: int = Field(ge=0)
    geldig_vanaf: date
    geldig_tot: date | None = None
    intensiteit: Intensiteit | None = Field(
        default=None,
        description="The intensiteit this tarief prices; empty: every intensiteit of the product.",
    )


class Contractproduct(FrozenCamelModel):
    """A product the contract covers, whether or not it carries a tarief (a lumpsum has none)."""

    product: Product
    eenheid: str | None = Field(default=None, pattern=r"^[0-9]{2}$")
    intensiteiten: list[Intensiteit] = Field(
        default_factory=list,
        description="The intensiteiten the contract offers for it; empty: not differentiated.",
    )
    gebieden: list[str] = Field(
        default_factory=list,
        description="The gebieden of the contract it is bought for; empty: all of them.",
    )


class Verdeelsleutelregel(FrozenCamelModel):
    """The share of one gemeente in what the contract costs the region (e.g. its lumpsum)."""

    gemeentecode: Annotated[str, GEMEENTECODE]
    percentage: DecimalString = Field(gt=0, le=100)


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
    producten: list[Contractproduct] = Field(
        default_factory=list,
        description="Every product the contract covers; empty in events from before this field "
        "(then the products are those of the tarieven).",
    )
    taakbudget_cents: int | None = Field(
        default=None, ge=0, description="Taakgericht: the yearly task budget before reduction."
    )
    verdeelsleutel: list[Verdeelsleutelregel] = Field(
        default_factory=list,
        description="Which gemeente pays which share; empty: the region pays as a whole.",
    )


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

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from wmo_common.schema import CamelModel
from wmo_contracting.bekostiging import Bekostiging
from wmo_contracting.producten.schemas import Intensiteit, ProductCode
from wmo_contracting.verwervingsstrategieen.schemas import PrestatieIndicator

Rol = Literal["hoofdaannemer", "combinant", "strategische-partner", "onderaannemer"]
Onderaannemingsreden = Literal["capaciteit", "niche-expertise", "clientwens"]
Contractstatus = Literal["concept", "actief", "verlengd", "beeindigd", "ontbonden"]
Wijzigingssoort = Literal["activering", "wijziging", "verlenging", "beeindiging", "ontbinding"]
Termijnsoort = Literal["opzegging", "verlengingsbesluit"]

AGB_PATTERN = r"^[0-9]{8}$"


class PartijCreate(CamelModel):
    aanbieder_agb: str = Field(pattern=AGB_PATTERN, examples=["12345678"])
    naam: str = Field(min_length=1, max_length=200, examples=["Zorg Samen B.V."])
    rol: Rol = Field(
        description="Alleen de hoofdaannemer (penvoerder) wordt betaald.",
        examples=["hoofdaannemer"],
    )
    toestemmingsdatum: date | None = Field(
        default=None, description="Onderaannemer: datum waarop de gemeente toestemming gaf."
    )
    reden: Onderaannemingsreden | None = Field(
        default=None,
        description="Onderaannemer: tijdelijk capaciteitstekort, niche-expertise "
        "of een redelijke wens van een cliënt.",
    )
    evaluatiedatum: date | None = Field(
        default=None, description="Onderaannemer: wanneer de onderaanneming geëvalueerd wordt."
    )

    @model_validator(mode="after")
    def _subcontract_is_consented(self) -> PartijCreate:
        extra = (self.toestemmingsdatum, self.reden, self.evaluatiedatum)
        if self.rol == "onderaannemer":
            if None in extra:
                raise ValueError(
                    "een onderaannemer vraagt toestemmingsdatum, reden en evaluatiedatum"
                )
        elif any(v is not None for v in extra):
            raise ValueError(
                "toestemmingsdatum, reden en evaluatiedatum horen bij een onderaannemer"
            )
        if (
            self.toestemmingsdatum is not None
            and self.evaluatiedatum is not None
            and self.evaluatiedatum < self.toestemmingsdatum
        ):
            raise ValueError("de evaluatiedatum ligt voor de toestemmingsdatum")
        return self


class PartijRead(CamelModel):
    aanbieder_agb: str
    naam: str
    rol: Rol
    toestemmingsdatum: date | None
    reden: Onderaannemingsreden | None
    evaluatiedatum: date | None


class TariefCreate(CamelModel):
    product: ProductCode
    intensiteit: Intensiteit | None = Field(
        default=None,
        description="De intensiteit die dit tarief prijst (een product met intensiteit heeft een "
        "tarief); leeg: elke intensiteit van het product.",
        examples=["midden"],
    )
    bedrag_cents: int = Field(
        ge=0, le=99_999_999, description="Bedrag per eenheid in eurocent.", examples=[6543]
    )
    geldig_vanaf: date
    geldig_tot: date | None = Field(default=None, description="Tot en met; leeg: open einde.")

    @field_validator("geldig_tot")
    @classmethod
    def _dates_in_order(cls, value: date | None, info: ValidationInfo) -> date | None:
        vanaf = info.data.get("geldig_vanaf")
        if value is not None and vanaf is not None and value < vanaf:
            raise ValueError("geldigTot ligt voor geldigVanaf")
        return value


class TariefRead(CamelModel):
    id: uuid.UUID
    product: ProductCode
    intensiteit: Intensiteit | None
    eenheid: str
    bedrag_cents: int
    geldig_vanaf: date
    geldig_tot: date | None


class ContractproductCreate(ProductCode):
    """A product the contract covers; a lumpsum contract lists its products without tarieven."""

    intensiteiten: list[Intensiteit] = Field(
        default_factory=list,
        max_length=3,
        description="De intensiteiten die het contract voor dit product biedt; een tarief met "
        "intensiteit voegt de zijne toe. Leeg: niet naar intensiteit onderscheiden.",
        examples=[["licht", "midden"]],
    )
    gebieden: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="De gebieden van het contract waarvoor het product is ingekocht; leeg: alle.",
    )


class ContractproductRead(ContractproductCreate):
    naam: str
    eenheid: str


class VerdeelsleutelRegel(CamelModel):
    gemeentecode: str = Field(
        pattern=r"^[0-9]{4}$", description="CBS-gemeentecode.", examples=["0855"]
    )
    percentage: Decimal = Field(
        gt=0, le=100, max_digits=5, decimal_places=2, description="Aandeel in procenten."
    )

    @field_validator("percentage")
    @classmethod
    def _two_decimals(cls, value: Decimal) -> Decimal:
        # Kept as written in the contract: 60 is 60.00, like the bekostiging's percentages.
        return value.quantize(Decimal("0.01"))


def _verdeelsleutel_klopt(regels: list[VerdeelsleutelRegel]) -> list[VerdeelsleutelRegel]:
    if not regels:
        return regels
    codes = [r.gemeentecode for r in regels]
    if len(set(codes)) != len(codes):
        raise ValueError("elke gemeente staat één keer in de verdeelsleutel")
    if sum(r.percentage for r in regels) != 100:
        raise ValueError("de percentages van de verdeelsleutel tellen op tot 100")
    return regels


Verdeelsleutel = Annotated[
    list[VerdeelsleutelRegel], AfterValidator(_verdeelsleutel_klopt), Field(max_length=50)
]
VERDEELSLEUTEL_UITLEG = (
    "Welk deel van de kosten van het contract (zoals de lumpsum) elke gemeente betaalt; de "
    "percentages tellen op tot 100. Leeg: de regio betaalt als geheel."
)
TAAKBUDGET = Field(
    default=None,
    ge=0,
    le=10**15,
    description="Taakgericht: het jaarlijkse taakbudget vóór korting, in eurocent.",
    examples=[4_040_000_000],
)


class VerlengingsoptieCreate(CamelModel):
    jaren: int = Field(ge=1, le=10, examples=[2])
    beslisdatum: date | None = Field(
        default=None,
        description="Uiterste datum om de optie te lichten; ten minste zes maanden vóór de "
        "einddatum die zij verlengt. Leeg: precies zes maanden ervoor.",
    )


class VerlengingsoptieRead(CamelModel):
    volgnummer: int
    jaren: int
    beslisdatum: date
    status: Literal["open", "gelicht"]


class ContractCreate(CamelModel):
    contractnummer: str = Field(pattern=r"^[A-Za-z0-9._/-]{1,50}$", examples=["HVB-BEG-2024"])
    segment_id: uuid.UUID
    perceel_id: uuid.UUID | None = Field(default=None, description="Het gegunde perceel.")
    ingangsdatum: date
    einddatum: date
    opzegtermijn_maanden: int = Field(default=6, ge=0, le=36)
    gebieden: list[str] = Field(default_factory=list, max_length=50, examples=[["Tilburg"]])
    bekostiging: Bekostiging
    partijen: list[PartijCreate] = Field(default_factory=list, max_length=100)
    producten: list[ContractproductCreate] = Field(
        default_factory=list,
        max_length=500,
        description="Producten uit de catalogus; een product met een tarief hoort er vanzelf bij.",
    )
    tarieven: list[TariefCreate] = Field(default_factory=list, max_length=2000)
    taakbudget_cents: int | None = TAAKBUDGET
    verdeelsleutel: Verdeelsleutel = Field(default_factory=list, description=VERDEELSLEUTEL_UITLEG)
    verlengingsopties: list[VerlengingsoptieCreate] = Field(default_factory=list, max_length=5)
    prestatie_indicatoren: list[PrestatieIndicator] = Field(default_factory=list, max_length=50)
    indexatieformule: str | None = Field(
        default=None,
        max_length=500,
        description="Hoe tarieven jaarlijks geïndexeerd worden.",
        examples=["OVA-percentage van het voorgaande jaar, per 1 januari"],
    )

    @field_validator("einddatum")
    @classmethod
    def _dates_in_order(cls, value: date, info: ValidationInfo) -> date:
        ingangsdatum = info.data.get("ingangsdatum")
        if ingangsdatum is not None and value < ingangsdatum:
            raise ValueError("einddatum ligt voor ingangsdatum")
        return value

    @field_validator("taakbudget_cents")
    @classmethod
    def _taakbudget_is_lumpsum(cls, value: int | None, info: ValidationInfo) -> int | None:
        bekostiging = info.data.get("bekostiging")
        if value is not None and bekostiging is not None and bekostiging.model != "taakgericht":
            raise ValueError("een taakbudget hoort bij taakgerichte bekostiging")
        return value


class ContractRead(CamelModel):
    id: uuid.UUID
    contractnummer: str
    segment_id: uuid.UUID
    perceel_id: uuid.UUID | None
    status: Contractstatus
    ingangsdatum: date
    einddatum: date
    opzegtermijn_maanden: int
    gebieden: list[str]
    bekostiging: Bekostiging
    partijen: list[PartijRead]
    producten: list[ContractproductRead]
    tarieven: list[TariefRead]
    taakbudget_cents: int | None
    verdeelsleutel: list[VerdeelsleutelRegel]
    verlengingsopties: list[VerlengingsoptieRead]
    prestatie_indicatoren: list[PrestatieIndicator]
    indexatieformule: str | None
    created_at: datetime


class TariefSluiting(CamelModel):
    tarief_id: uuid.UUID
    geldig_tot: date = Field(description="De laatste dag waarop het tarief nog geldt.")


class ContractwijzigingCreate(CamelModel):
    """An amendment: why, and what changes. Every field left out stays as it is."""

    reden: str = Field(min_length=1, max_length=4000, examples=["Nieuw tarief 2027 na indexatie"])
    einddatum: date | None = None
    opzegtermijn_maanden: int | None = Field(default=None, ge=0, le=36)
    gebieden: list[str] | None = Field(default=None, max_length=50)
    partijen_toevoegen: list[PartijCreate] = Field(default_factory=list, max_length=100)
    partijen_verwijderen: list[str] = Field(
        default_factory=list, max_length=100, description="AGB-codes van partijen die vertrekken."
    )
    producten_toevoegen: list[ContractproductCreate] = Field(
        default_factory=list,
        max_length=500,
        description="Producten die erbij komen; een product dat het contract al heeft krijgt de "
        "genoemde intensiteiten en gebieden erbij.",
    )
    tarieven_sluiten: list[TariefSluiting] = Field(
        default_factory=list,
        max_length=2000,
        description="Tarieven die eerder eindigen, bijvoorbeeld omdat een nieuw tarief ingaat.",
    )
    tarieven_toevoegen: list[TariefCreate] = Field(default_factory=list, max_length=2000)
    prestatie_indicatoren: list[PrestatieIndicator] | None = Field(default=None, max_length=50)
    indexatieformule: str | None = Field(default=None, max_length=500)
    taakbudget_cents: int | None = TAAKBUDGET
    verdeelsleutel: Verdeelsleutel | None = Field(default=None, description=VERDEELSLEUTEL_UITLEG)


class ContractwijzigingRead(CamelModel):
    volgnummer: int
    soort: Wijzigingssoort
    reden: str
    wijzigingen: dict[str, Any] = Field(
        description="Per gewijzigd onderdeel de oude en nieuwe waarde, of wat erbij of eraf ging."
    )
    door: str
    created_at: datetime


class Verlenging(CamelModel):
    volgnummer: int | None = Field(
        default=None, ge=1, description="De optie die gelicht wordt; leeg: de eerstvolgende."
    )
    reden: str = Field(default="Verlengingsoptie gelicht", min_length=1, max_length=4000)


class Indexatie(CamelModel):
    """Index every tarief in force on `ingangsdatum` by a percentage, under the contract's
    indexatieformule (e.g. the OVA of the year before)."""

    percentage: Decimal = Field(ge=-50, le=50, max_digits=5, decimal_places=2, examples=["3.10"])
    ingangsdatum: date = Field(description="De eerste dag van de nieuwe tarieven.")
    reden: str = Field(min_length=1, max_length=4000, examples=["OVA 2027: 3,10 %"])


class Beeindiging(CamelModel):
    einddatum: date = Field(description="De laatste dag waarop het contract geldt.")
    reden: str = Field(min_length=1, max_length=4000)
    ontbinding: bool = Field(
        default=False,
        description="Ontbinding (bijvoorbeeld bij wanprestatie) geldt zonder opzegtermijn.",
    )


class Termijn(CamelModel):
    contract_id: uuid.UUID
    contractnummer: str
    termijn: Termijnsoort = Field(
        description="opzegging: laatste dag om op te zeggen; verlengingsbesluit: laatste dag om "
        "de eerstvolgende optie te lichten."
    )
    termijndatum: date
    einddatum: date
    dagen_tot_termijn: int
    is_gemeld: bool = Field(description="Of contract-verloopt voor deze termijn al verstuurd is.")


class Signalering(CamelModel):
    peildatum: date | None = Field(default=None, description="Leeg: vandaag.")


class SignaleringResultaat(CamelModel):
    peildatum: date
    gemeld: list[Termijn]

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from wmo_common.schema import CamelModel
from wmo_common.validators import is_valid_agb


class ProductRef(CamelModel):
    categorie: str = Field(pattern=r"^[0-9]{2}$", description="Productcategorie (WJ020).")
    code: str | None = Field(default=None, pattern=r"^[0-9A-Z]{5}$", description="Productcode.")


class CapaciteitItem(CamelModel):
    product: ProductRef
    plaatsen: int = Field(ge=0, le=100_000, description="Beschikbare plaatsen voor dit product.")


class Adres(CamelModel):
    straat: str = Field(min_length=1, max_length=200, examples=["Stationsstraat"])
    huisnummer: str = Field(min_length=1, max_length=20, examples=["12a"])
    postcode: str = Field(pattern=r"^[0-9]{4}[A-Z]{2}$", examples=["5038EA"])
    plaats: str = Field(min_length=1, max_length=100, examples=["Tilburg"])


class Contactpersoon(CamelModel):
    naam: str = Field(min_length=1, max_length=200)
    functie: str | None = Field(default=None, max_length=100, examples=["contractmanager"])
    email: str | None = Field(default=None, max_length=200, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    telefoon: str | None = Field(default=None, max_length=20, pattern=r"^[0-9 +()-]+$")


def _unique_products(capaciteit: list[CapaciteitItem] | None) -> None:
    if capaciteit is None:
        return
    products = [(c.product.categorie, c.product.code) for c in capaciteit]
    if len(products) != len(set(products)):
        raise ValueError("elk product komt hoogstens één keer voor in de capaciteit")


class AanbiederCreate(CamelModel):
    agb: str = Field(description="AGB-code van de aanbieder: 8 cijfers.", examples=["12345678"])
    kvk_nummer: str | None = Field(default=None, pattern=r"^[0-9]{8}$", examples=["12345678"])
    naam: str = Field(min_length=1, max_length=200, examples=["Zorg Samen B.V."])
    gebieden: list[str] = Field(default_factory=list, max_length=50, examples=[["Tilburg"]])
    adres: Adres | None = None
    capaciteit: list[CapaciteitItem] = Field(default_factory=list, max_length=200)
    contactpersonen: list[Contactpersoon] = Field(default_factory=list, max_length=20)

    @field_validator("agb")
    @classmethod
    def _agb(cls, value: str) -> str:
        if not is_valid_agb(value):
            raise ValueError("een AGB-code bestaat uit 8 cijfers")
        return value

    @model_validator(mode="after")
    def _capaciteit(self) -> AanbiederCreate:
        _unique_products(self.capaciteit)
        return self


class AanbiederUpdate(CamelModel):
    """Only the fields sent change; a list sent replaces the whole list. The AGB code is fixed."""

    kvk_nummer: str | None = Field(default=None, pattern=r"^[0-9]{8}$")
    naam: str | None = Field(default=None, min_length=1, max_length=200)
    gebieden: list[str] | None = Field(default=None, max_length=50)
    adres: Adres | None = None
    capaciteit: list[CapaciteitItem] | None = Field(default=None, max_length=200)
    contactpersonen: list[Contactpersoon] | None = Field(default=None, max_length=20)

    @model_validator(mode="after")
    def _capaciteit(self) -> AanbiederUpdate:
        _unique_products(self.capaciteit)
        return self


class Partner(CamelModel):
    agb: str
    rol: str


class Contractdeelname(CamelModel):
    contract_id: uuid.UUID
    contractnummer: str | None
    segment_id: uuid.UUID | None
    rol: Literal["hoofdaannemer", "combinant", "strategische-partner", "onderaannemer"]
    gebieden: list[str]
    ingangsdatum: date | None
    einddatum: date | None
    is_actief: bool = Field(description="Het contract is geactiveerd en niet beëindigd.")
    partners: list[Partner] = Field(description="De andere partijen in het contract (coalitie).")


class AanbiederRead(CamelModel):
    id: uuid.UUID
    agb: str
    kvk_nummer: str | None
    naam: str
    gebieden: list[str]
    adres: Adres | None
    capaciteit: list[CapaciteitItem]
    contactpersonen: list[Contactpersoon]
    contracten: list[Contractdeelname]
    created_at: datetime
    updated_at: datetime

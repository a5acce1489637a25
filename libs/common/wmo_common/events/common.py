"""Value types that several event payloads share."""

from __future__ import annotations

from pydantic import Field

from wmo_common.schema import FrozenCamelModel

AGB = Field(pattern=r"^\d{8}$", description="AGB code of the aanbieder (8 digits).")
PSEUDONYM = Field(pattern=r"^[0-9a-f]{64}$", description="Client pseudonym: keyed HMAC of the BSN.")
GEMEENTECODE = Field(pattern=r"^\d{4}$", description="CBS municipality code.")


class Omvang(FrozenCamelModel):
    """Volume of support as iWmo states it: a quantity per unit per frequency."""

    volume: int = Field(ge=0, le=99_999_999)
    eenheid: str = Field(pattern=r"^\d{2}$", description="iWmo code list Eenheid (WJ756).")
    frequentie: str = Field(pattern=r"^\d$", description="iWmo code list Frequentie (WJ757).")


class Product(FrozenCamelModel):
    categorie: str = Field(pattern=r"^\d{2}$", description="Productcategorie (WJ020).")
    code: str | None = Field(default=None, pattern=r"^[0-9A-Z]{5}$", description="Productcode.")

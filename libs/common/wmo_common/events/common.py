"""Value types that several event payloads share."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, WithJsonSchema

from wmo_common.schema import FrozenCamelModel

AGB = Field(pattern=r"^[0-9]{8}$", description="AGB code of the aanbieder (8 digits).")
PSEUDONYM = Field(pattern=r"^[0-9a-f]{64}$", description="Client pseudonym: keyed HMAC of the BSN.")
GEMEENTECODE = Field(pattern=r"^[0-9]{4}$", description="CBS municipality code.")

# A Decimal travels as the string str() makes of it ("6.0", "-12.50", "1E+2"): exact, where a
# JSON number would pass through a binary float in most clients.
DecimalString = Annotated[
    Decimal,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^-?[0-9]+(\.[0-9]+)?(E[-+][0-9]+)?$",
            "description": 'A decimal number written as a string, e.g. "6.0" or "-12.50".',
        }
    ),
]


class Omvang(FrozenCamelModel):
    """Volume of support as iWmo states it: a quantity per unit per frequency."""

    volume: int = Field(ge=0, le=99_999_999)
    eenheid: str = Field(pattern=r"^[0-9]{2}$", description="iWmo code list Eenheid (WJ756).")
    frequentie: str = Field(pattern=r"^[0-9]$", description="iWmo code list Frequentie (WJ757).")


class Product(FrozenCamelModel):
    categorie: str = Field(pattern=r"^[0-9]{2}$", description="Productcategorie (WJ020).")
    code: str | None = Field(default=None, pattern=r"^[0-9A-Z]{5}$", description="Productcode.")

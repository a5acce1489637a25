from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field, field_validator

from iwmo.codelists import LDTS
from wmo_common.schema import CamelModel

Intensiteit = Literal["licht", "midden", "zwaar"]
Toeslag = Literal["vervoer", "rolstoelvervoer"]
EENHEDEN = LDTS["LDT_Eenheid"].enumeration or frozenset()


class ProductCode(CamelModel):
    """How iWmo names a product: its category and product code."""

    categorie: str = Field(
        pattern=r"^[0-9]{2}$", description="Productcategorie (WJ020).", examples=["02"]
    )
    code: str = Field(pattern=r"^[0-9A-Z]{5}$", description="Productcode.", examples=["02A01"])


class ProductCreate(ProductCode):
    naam: str = Field(min_length=1, max_length=200, examples=["Individuele begeleiding licht"])
    eenheid: str = Field(
        description="iWmo-eenheid (WJ756): 01 minuut, 04 uur, 14 etmaal, 16 dagdeel, 82 stuks, "
        "83 euro, 84 week.",
        examples=["04"],
    )
    intensiteit: Intensiteit | None = None
    toeslag: Toeslag | None = Field(
        default=None, description="Een toeslag op een ander product, zoals vervoer."
    )

    @field_validator("eenheid")
    @classmethod
    def _known_eenheid(cls, value: str) -> str:
        if value not in EENHEDEN:
            raise ValueError(f"eenheid is een van {', '.join(sorted(EENHEDEN))}")
        return value


class ProductRead(ProductCreate):
    id: uuid.UUID
    created_at: datetime

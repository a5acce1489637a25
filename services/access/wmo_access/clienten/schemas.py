from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator

from wmo_common.db import utcnow
from wmo_common.privacy import is_valid_bsn
from wmo_common.schema import CamelModel

Geslacht = Literal["0", "1", "2"]

_BSN = Field(
    description="Burgerservicenummer: 9 cijfers die de elfproef doorstaan.", examples=["999993653"]
)


def _check_bsn(value: str) -> str:
    # The message never repeats the value: invalidParams must not echo a BSN back.
    if not is_valid_bsn(value):
        raise ValueError("een BSN bestaat uit 9 cijfers en doorstaat de elfproef")
    return value


class ClientCreate(CamelModel):
    bsn: str = _BSN
    voornamen: str = Field(min_length=1, max_length=200, examples=["Johanna Maria"])
    achternaam: str = Field(min_length=1, max_length=200, examples=["de Vries"])
    geboortedatum: date = Field(examples=["1948-03-12"])
    geslacht: Geslacht = Field(
        description="iWmo Geslacht: 0 onbekend, 1 man, 2 vrouw.", examples=["2"]
    )
    gemeentecode: str = Field(
        pattern=r"^\d{4}$", description="CBS-gemeentecode.", examples=["0855"]
    )
    gebied: str | None = Field(default=None, min_length=1, max_length=100, examples=["Tilburg"])

    _bsn = field_validator("bsn")(_check_bsn)

    @field_validator("geboortedatum")
    @classmethod
    def _not_in_future(cls, value: date) -> date:
        if value > utcnow().date():
            raise ValueError("een geboortedatum ligt niet in de toekomst")
        return value


class ClientZoek(CamelModel):
    bsn: str = _BSN

    _bsn = field_validator("bsn")(_check_bsn)


class ClientRead(CamelModel):
    id: uuid.UUID
    bsn: str
    voornamen: str
    achternaam: str
    geboortedatum: date
    geslacht: Geslacht
    gemeentecode: str
    gebied: str | None
    created_at: datetime

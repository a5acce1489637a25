from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from iwmo.codelists import LDTS
from wmo_common.calendar import today
from wmo_common.privacy import is_valid_bsn
from wmo_common.problems import ProblemDetail
from wmo_common.schema import CamelModel

Geslacht = Literal["0", "1", "2"]
# iWmo AdresSoort: 01 BRP-adres, 02 correspondentie-adres, 03 verblijfadres. 04 (tijdelijk
# verblijf) needs a period the suite does not keep.
AdresSoort = Literal["01", "02", "03"]
LANDCODES = LDTS["LDT_LandCode"].enumeration or frozenset()
# CS089: the standard asks for "the format of a Dutch postcode"; the codec checks the same.
_POSTCODE_NL = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")

_BSN = Field(
    description="Burgerservicenummer: 9 cijfers die de elfproef doorstaan.", examples=["999993653"]
)


def _check_bsn(value: str) -> str:
    # The message never repeats the value: invalidParams must not echo a BSN back.
    if not is_valid_bsn(value):
        raise ValueError("een BSN bestaat uit 9 cijfers en doorstaat de elfproef")
    return value


class AdresSchema(CamelModel):
    """An address as a Wmo301 carries it: always a postcode and house number (TR006)."""

    soort: AdresSoort = Field(
        default="01", description="iWmo AdresSoort: 01 BRP, 02 correspondentie, 03 verblijf."
    )
    straatnaam: str | None = Field(
        default=None, min_length=1, max_length=24, examples=["Spoorlaan"]
    )
    huisnummer: int = Field(ge=0, le=99_999, examples=[12])
    huisletter: str | None = Field(default=None, pattern=r"^[A-Za-z]$", examples=["a"])
    huisnummertoevoeging: str | None = Field(
        default=None, min_length=1, max_length=4, pattern=r"\S", examples=["bis"]
    )
    postcode: str = Field(
        min_length=1,
        max_length=8,
        description="Een Nederlandse postcode als 1234AB (spatie en kleine letters mogen).",
        examples=["5038AB"],
    )
    plaatsnaam: str | None = Field(default=None, min_length=1, max_length=80, examples=["Tilburg"])
    landcode: str = Field(default="NL", description="ISO-landcode (iWmo LandCode).")

    @field_validator("landcode")
    @classmethod
    def _known_land(cls, value: str) -> str:
        if value not in LANDCODES:
            raise ValueError("geen landcode uit de iWmo-codelijst LandCode")
        return value

    @model_validator(mode="after")
    def _dutch_postcode(self) -> AdresSchema:
        if self.landcode == "NL":
            normalised = self.postcode.replace(" ", "").upper()
            if not _POSTCODE_NL.fullmatch(normalised):
                raise ValueError("een Nederlandse postcode is 4 cijfers en 2 letters, als 5038AB")
            self.postcode = normalised
        return self


class Contactgegevens(CamelModel):
    """How the client is reached. A toewijzing needs an adres or a telefoon (TR061)."""

    adres: AdresSchema | None = None
    telefoon: str | None = Field(
        default=None,
        pattern=r"^[0-9]{1,15}$",
        description="Alleen cijfers, zonder landnummer (iWmo Telefoonnummer).",
        examples=["0135551234"],
    )
    emailadres: str | None = Field(
        default=None, max_length=80, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
    )


class ClientCreate(Contactgegevens):
    bsn: str = _BSN
    voornamen: str = Field(min_length=1, max_length=200, examples=["Johanna Maria"])
    achternaam: str = Field(min_length=1, max_length=200, examples=["Vries"])
    voorvoegsel: str | None = Field(default=None, min_length=1, max_length=10, examples=["de"])
    voorletters: str | None = Field(
        default=None, pattern=r"^[a-zA-ZÀ-ỳ]{1,6}$", description="Zonder punten.", examples=["JM"]
    )
    geboortedatum: date = Field(examples=["1948-03-12"])
    geslacht: Geslacht = Field(
        description="iWmo Geslacht: 0 onbekend, 1 man, 2 vrouw.", examples=["2"]
    )
    gemeentecode: str = Field(
        pattern=r"^[0-9]{4}$", description="CBS-gemeentecode.", examples=["0855"]
    )
    gebied: str | None = Field(default=None, min_length=1, max_length=100, examples=["Tilburg"])

    _bsn = field_validator("bsn")(_check_bsn)

    @field_validator("geboortedatum")
    @classmethod
    def _not_in_future(cls, value: date) -> date:
        if value > today():
            raise ValueError("een geboortedatum ligt niet in de toekomst")
        return value


BATCH_MAX = 100
"""At most this many clienten in one `POST /clienten/_batch`."""


class ClientBatch(CamelModel):
    """Several registrations in one request: each checked and recorded as `POST /clienten`."""

    clienten: list[ClientCreate] = Field(min_length=1, max_length=BATCH_MAX)


class ClientBatchUitkomst(CamelModel):
    """What became of one client of the batch, at the same position: 201 with the client, or
    409 with the problem (the BSN is already registered)."""

    status: Literal[201, 409]
    client: ClientRead | None = None
    probleem: ProblemDetail | None = None


class ClientBatchRead(CamelModel):
    uitkomsten: list[ClientBatchUitkomst]


class Verhuizing(CamelModel):
    """A client moves: the new address (and gemeente) from the date of the move."""

    adres: AdresSchema
    gemeentecode: str = Field(
        pattern=r"^[0-9]{4}$",
        description="CBS-gemeentecode van het nieuwe adres; buiten de regio eindigen de lopende "
        "toewijzingen.",
        examples=["0785"],
    )
    gebied: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Het gebied van het nieuwe adres binnen de regio; leeg buiten de regio.",
        examples=["West"],
    )
    verhuisdatum: date = Field(examples=["2026-03-01"])


class ClientZoek(CamelModel):
    bsn: str = _BSN

    _bsn = field_validator("bsn")(_check_bsn)


class ClientRead(Contactgegevens):
    id: uuid.UUID
    bsn: str
    voornamen: str
    achternaam: str
    voorvoegsel: str | None
    voorletters: str | None
    geboortedatum: date
    geslacht: Geslacht
    gemeentecode: str
    gebied: str | None
    created_at: datetime

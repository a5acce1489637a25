"""The personal data access sends the gateway for a Wmo301, in `client_gegevens`.

The field is `FieldCipher(field_key_gateway, "gateway")`-encrypted JSON with these keys:
`bsn`, `geboortedatum` (ISO date), `geslacht` (iWmo: 0 onbekend, 1 man, 2 vrouw), `voornamen`,
`achternaam`; optional `voorvoegsel`, `voorletters`, and the address a Wmo301 must carry (TR061:
at least one of type 01 BRP, 02 correspondence or 03 verblijf, with Huis and Postcode or a
phone number, TR006): `adres` = {`soort` (default "01"), `postcode`, `huisnummer`, `huisletter`,
`huisnummertoevoeging`, `straatnaam`, `plaatsnaam`, `landcode` (default "NL")}, and `telefoon`.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from iwmo.models import (
    Achternaam,
    Adres,
    Client301,
    Contact,
    Geboortedatum,
    Huis,
    Telefoon,
    Telefoonnummers,
    ToegewezenProduct,
    VolledigeNaam,
)
from wmo_common.events.consumer import PermanentError
from wmo_common.privacy import DecryptionFailed, FieldCipher


class _Adres(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    soort: str = Field(default="01", pattern=r"^0[1-4]$")
    postcode: str | None = None
    huisnummer: int | None = None
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None
    straatnaam: str | None = None
    plaatsnaam: str | None = None
    landcode: str = "NL"


class ClientGegevens(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    bsn: str = Field(pattern=r"^[0-9]{9}$")
    geboortedatum: date
    geslacht: str = Field(pattern=r"^[012]$")
    voornamen: str | None = None
    achternaam: str = Field(min_length=1)
    voorvoegsel: str | None = None
    voorletters: str | None = None
    adres: _Adres | None = None
    telefoon: str | None = None

    def contact(self) -> Contact:
        if self.adres is None and self.telefoon is None:
            raise PermanentError("client_gegevens hold no address or phone; a Wmo301 needs one")
        adres = self.adres or _Adres()
        huis = (
            Huis(
                huisnummer=adres.huisnummer,
                huisletter=adres.huisletter,
                huisnummer_toevoeging=adres.huisnummertoevoeging,
            )
            if adres.huisnummer is not None
            else None
        )
        return Contact(
            # Without an address the contact is a phone number: type 02 (correspondence) is the
            # one type that needs no Postcode (CD034 asks one for 01 BRP and 03 verblijf).
            soort=adres.soort if self.adres is not None else "02",
            adres=Adres(
                huis=huis,
                postcode=adres.postcode,
                straatnaam=adres.straatnaam,
                plaatsnaam=adres.plaatsnaam,
                land_code=adres.landcode if adres.postcode or huis else None,
            )
            if self.adres is not None
            else None,
            telefoon=Telefoonnummers(
                telefoon01=Telefoon(telefoonnummer=self.telefoon, landnummer="0031")
            )
            if self.telefoon
            else None,
        )

    def client301(self, producten: tuple[ToegewezenProduct, ...]) -> Client301:
        return Client301(
            bsn=self.bsn,
            geboortedatum=Geboortedatum(datum=self.geboortedatum),
            geslacht=self.geslacht,
            naam=VolledigeNaam(
                geslachtsnaam=Achternaam(achternaam=self.achternaam, voorvoegsel=self.voorvoegsel),
                voornamen=self.voornamen,
                voorletters=self.voorletters,
                # CS050: without a Partnernaam the NaamGebruik is 1 (own name).
                naam_gebruik="1",
            ),
            contactgegevens=(self.contact(),),
            toegewezen_producten=producten,
        )


def open_client_gegevens(token: str, field_key: str | None) -> ClientGegevens:
    """Decrypt and read `client_gegevens`; a field we cannot open or read is a broken event."""
    if field_key is None:
        raise RuntimeError("FIELD_KEY_GATEWAY is not configured")
    try:
        return ClientGegevens.model_validate(FieldCipher(field_key, "gateway").decrypt(token))
    except (DecryptionFailed, ValidationError) as exc:
        # The reason names no value: the data may hold a BSN.
        raise PermanentError(f"client_gegevens unreadable: {type(exc).__name__}") from exc

from datetime import date, time

import pytest

from iwmo import build_wmo301, validate, write_message
from iwmo.models import Omvang, Product, ToegewezenProduct
from wmo_gateway.uitgaande_berichten.clientgegevens import ClientGegevens

PRODUCT = ToegewezenProduct(
    toewijzing_nummer=12345678,
    product=Product(categorie="02", code="02A01"),
    toewijzingsdatum=date(2026, 11, 2),
    toewijzingstijd=time(9, 30),
    ingangsdatum=date(2026, 11, 9),
    einddatum=date(2027, 11, 8),
    omvang=Omvang(volume=4, eenheid="04", frequentie="2"),
)
PERSON = {
    "bsn": "123456782",
    "geboortedatum": "1950-05-17",
    "geslacht": "2",
    "voornamen": "Maria",
    "achternaam": "Jansen",
}


@pytest.mark.parametrize(
    "contact",
    [
        {
            "adres": {
                "postcode": "5038AB",
                "huisnummer": 12,
                "straatnaam": "Stationsstraat",
                "plaatsnaam": "Tilburg",
            }
        },
        {"telefoon": "0135551234"},
    ],
    ids=["address", "phone-only"],
)
def test_a_wmo301_built_from_client_gegevens_is_valid_with_an_address_or_only_a_phone(
    contact: dict[str, object],
) -> None:
    gegevens = ClientGegevens.model_validate({**PERSON, **contact})
    message = build_wmo301(
        gemeente="0855",
        aanbieder="12345678",
        identificatie="G00000000001",
        dagtekening=date(2026, 11, 2),
        client=gegevens.client301((PRODUCT,)),
    )
    result = validate(write_message(message), today=date(2026, 11, 2))
    assert result.valid, [(f.code, f.path) for f in result.findings]

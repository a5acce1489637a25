"""Each implemented business rule: a message that breaks it gets the documented retour code."""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest

from iwmo import Bericht, build_retour, validate, write_message
from iwmo.models import (
    Adres,
    BedragMetDC,
    Communicatie,
    Geboortedatum,
    GeslotenPeriode,
    OpenPeriode,
    Product,
    TotaalBedragMetDC,
    Verwijzer,
)
from iwmo.rules.common import Periode, overlapping
from wmo_testing.berichten import (
    TODAY,
    aangevraagd_product,
    make_wmo301,
    make_wmo305,
    make_wmo307,
    make_wmo315,
    make_wmo317,
    make_wmo319,
    make_wmo323,
    prestatie,
    replace,
    toegewezen_product,
)


def _301_client(**changes: object) -> Bericht:
    message = make_wmo301()
    return replace(message, client=replace(message.client, **changes))


def _301_product(**changes: object) -> Bericht:
    message = make_wmo301(products=1)
    product = replace(message.client.toegewezen_producten[0], **changes)
    return replace(message, client=replace(message.client, toegewezen_producten=(product,)))


def _301_contact(**changes: object) -> Bericht:
    message = make_wmo301()
    contact = replace(message.client.contactgegevens[0], **changes)
    return replace(message, client=replace(message.client, contactgegevens=(contact,)))


def _305_start(**changes: object) -> Bericht:
    message = make_wmo305()
    start = replace(message.client.start_producten[0], **changes)
    return replace(message, client=replace(message.client, start_producten=(start,)))


def _307_stop(**changes: object) -> Bericht:
    message = make_wmo307()
    stop = replace(message.client.stop_producten[0], **changes)
    return replace(message, client=replace(message.client, stop_producten=(stop,)))


def _315_products(*products: object) -> Bericht:
    message = make_wmo315()
    return replace(message, client=replace(message.client, aangevraagde_producten=products))


def _317_verzoek(**changes: object) -> Bericht:
    message = make_wmo317()
    verzoek = replace(message.client.verzoek, **changes)
    return replace(message, client=replace(message.client, verzoek=verzoek))


def _317_nieuw(**changes: object) -> Bericht:
    message = make_wmo317()
    nieuw = replace(message.client.verzoek.nieuwe_producten[0], **changes)
    return _317_verzoek(nieuwe_producten=(nieuw,))


def _323_lines(*lines: object, total: int | None = None, credit: bool = False) -> Bericht:
    message = make_wmo323(lines=1)
    client = replace(message.declaratie.clienten[0], prestaties=lines)
    signed = sum(
        -p.ingediend_bedrag.bedrag
        if p.ingediend_bedrag.debet_credit == "C"
        else p.ingediend_bedrag.bedrag
        for p in lines  # type: ignore[attr-defined]
    )
    amount = signed if total is None else total
    totaal = TotaalBedragMetDC(
        totaal_bedrag=abs(amount), debet_credit="C" if amount < 0 or credit else "D"
    )
    declaratie = replace(message.declaratie, clienten=(client,), totaal_ingediend_bedrag=totaal)
    return replace(message, declaratie=declaratie)


def _323_declaratie(**changes: object) -> Bericht:
    message = make_wmo323(lines=1)
    return replace(message, declaratie=replace(message.declaratie, **changes))


def _header_dagtekening(make: Callable[[], Bericht], day: date) -> Bericht:
    message = make()
    identificatie = replace(message.header.bericht_identificatie, dagtekening=day)
    return replace(message, header=replace(message.header, bericht_identificatie=identificatie))


@dataclass(frozen=True)
class Case:
    rule: str
    build: Callable[[], Bericht]


LEVEL2_CASES = [
    Case("CS002", lambda: _301_client(bsn="999900007")),
    Case("CS050", lambda: _301_client(naam=replace(make_wmo301().client.naam, naam_gebruik="3"))),
    Case("CS318", lambda: _301_client(naam=replace(make_wmo301().client.naam, naam_gebruik="6"))),
    Case("CD007", lambda: _301_client(communicatie=Communicatie(vorm="1"))),
    Case(
        "CS139",
        lambda: _301_client(
            geboortedatum=Geboortedatum(datum=date(1950, 5, 17), datum_gebruik="1")
        ),
    ),
    Case("TR002", lambda: _301_client(geboortedatum=Geboortedatum(datum=date(1890, 5, 17)))),
    Case("CD005", lambda: _301_contact(adres=Adres(postcode="5038AB"))),
    Case("CD025", lambda: _301_contact(adres=Adres(postcode="5038AB", land_code="NL"))),
    Case("CD034", lambda: _301_contact(adres=None, telefoon=None)),
    Case(
        "CS089",
        lambda: _301_contact(
            adres=replace(make_wmo301().client.contactgegevens[0].adres, postcode="5038 AB")
        ),
    ),
    Case("CD009", lambda: _301_contact(periode=OpenPeriode(begindatum=date(2024, 1, 1)))),
    Case("TR061", lambda: _301_contact(soort="04")),
    Case("TR134", lambda: _301_product(toewijzingsdatum=date(2024, 3, 6))),
    Case("CS003", lambda: _301_product(einddatum=date(2023, 12, 31))),
    Case("CS335", lambda: _301_product(reden_wijziging="13")),
    Case("CS336", lambda: _301_product(reden_wijziging="01")),
    Case("CD075", lambda: _301_product(omvang=None, budget=1000, einddatum=None)),
    Case("CD076", lambda: _301_product(einddatum=None)),
    Case("CD077", lambda: _301_product(budget=1000)),
    Case("CD079", lambda: _301_product(product=None, omvang=None)),
    Case("CD041", lambda: _301_product(omvang=None)),
    Case("CD080", lambda: _301_product(product=Product(categorie="02"))),
    Case(
        "CS338",
        lambda: _301_product(
            omvang=replace(toegewezen_product().omvang, eenheid="14", frequentie="1")
        ),
    ),
    Case(
        "TR302",
        lambda: _301_client(toegewezen_producten=(toegewezen_product(1), toegewezen_product(2))),
    ),
    Case(
        "TR101",
        lambda: _301_client(
            toegewezen_producten=(
                toegewezen_product(1),
                replace(toegewezen_product(1), product=Product(categorie="03", code="03A01")),
            )
        ),
    ),
    Case("CS058", lambda: _305_start(status_aanlevering="2")),
    Case("TR018", lambda: _307_stop(einddatum=date(2024, 1, 1))),
    Case("CD043", lambda: _315_products(replace(aangevraagd_product(), beschikking_nummer=5))),
    Case(
        "CD066",
        lambda: _315_products(
            replace(
                aangevraagd_product(),
                verwijzer=Verwijzer(type="02", naam="Dokter", zorgverlener_code="01234567"),
            )
        ),
    ),
    Case(
        "CD067",
        lambda: _315_products(replace(aangevraagd_product(), verwijzer=Verwijzer(type="02"))),
    ),
    Case(
        "CD068",
        lambda: _315_products(
            replace(
                aangevraagd_product(), verwijzer=Verwijzer(type="06", zorgverlener_code="01234567")
            )
        ),
    ),
    Case(
        "CD095",
        lambda: _315_products(replace(aangevraagd_product(), product=Product(categorie="02"))),
    ),
    Case(
        "CS343",
        lambda: _315_products(
            replace(
                aangevraagd_product(),
                omvang=replace(aangevraagd_product().omvang, eenheid="16", frequentie="1"),
            )
        ),
    ),
    Case(
        "TR383",
        lambda: _315_products(aangevraagd_product("A", "02"), aangevraagd_product("A", "03")),
    ),
    Case("TR386", lambda: _315_products(aangevraagd_product("A"), aangevraagd_product("B"))),
    Case("TR352", lambda: _317_verzoek(ongewijzigde_producten=(), te_wijzigen_producten=())),
    Case("TR353", lambda: _317_verzoek(te_wijzigen_producten=(), nieuwe_producten=())),
    Case("TR380", lambda: _317_nieuw(gewenste_ingangsdatum=date(2024, 3, 5))),
    Case("CD096", lambda: _317_nieuw(product=Product(categorie="07"))),
    Case(
        "TR410",
        lambda: _317_verzoek(nieuwe_producten=make_wmo317().client.verzoek.nieuwe_producten * 2),
    ),
    Case(
        "CD085",
        lambda: replace(
            make_wmo319(), antwoord=replace(make_wmo319().antwoord, reden_afwijzing_verzoek=None)
        ),
    ),
    Case(
        "CD086",
        lambda: replace(
            make_wmo319(), antwoord=replace(make_wmo319().antwoord, verzoek_antwoord="2")
        ),
    ),
    Case(
        "CS100",
        lambda: _323_declaratie(
            declaratie_periode=GeslotenPeriode(
                begindatum=date(2020, 12, 1), einddatum=date(2020, 12, 31)
            )
        ),
    ),
    Case(
        "CS340",
        lambda: _323_declaratie(
            declaratie_periode=GeslotenPeriode(
                begindatum=date(2024, 2, 2), einddatum=date(2024, 2, 29)
            )
        ),
    ),
    Case(
        "TR137",
        lambda: _323_declaratie(
            declaratie_periode=GeslotenPeriode(
                begindatum=date(2024, 3, 1), einddatum=date(2024, 3, 31)
            )
        ),
    ),
    Case("TR358", lambda: _323_lines(prestatie("A"), total=1)),
    Case(
        "CS325",
        lambda: _323_lines(
            prestatie("A", bedrag=0, debet_credit="C", vorig="X"), total=0, credit=True
        ),
    ),
    Case("CD060", lambda: _323_lines(prestatie("A", vorig="X"))),
    Case(
        "CS337",
        lambda: _323_lines(
            replace(
                prestatie("A"),
                product_periode=GeslotenPeriode(
                    begindatum=date(2024, 1, 31), einddatum=date(2024, 2, 1)
                ),
            )
        ),
    ),
    Case("CS339", lambda: _323_lines(replace(prestatie("A"), eenheid="83", product_tarief=None))),
    Case("CD087", lambda: _323_lines(replace(prestatie("A"), product_tarief=None))),
    Case(
        "TR315",
        lambda: _323_lines(
            prestatie("A", debet_credit="C", vorig="X"), prestatie("B", debet_credit="C", vorig="X")
        ),
    ),
    Case(
        "TR316",
        lambda: _323_lines(
            prestatie("A", nummer=1), prestatie("B", debet_credit="C", vorig="A", nummer=2)
        ),
    ),
    Case("TR416", lambda: _323_lines(prestatie("A"), prestatie("B"))),
]


@pytest.mark.parametrize("case", LEVEL2_CASES, ids=[case.rule for case in LEVEL2_CASES])
def test_a_message_breaking_a_level2_rule_gets_a_retour_with_only_0001(case: Case) -> None:
    message = case.build()
    result = validate(write_message(message), today=TODAY)
    assert case.rule in {f.rule for f in result.findings}, result.findings
    assert result.message is not None
    retour = build_retour(result.message, result.findings, identificatie="R1", dagtekening=TODAY)
    assert retour.header.retour_codes == ("0001",)  # type: ignore[attr-defined]
    body = [f.name for f in dataclasses.fields(retour) if getattr(retour, f.name) is not None]
    assert body == ["header"]


def test_a_clean_message_gets_a_retour_with_the_header_alone() -> None:
    message = make_wmo301()
    result = validate(write_message(message), today=TODAY)
    retour = build_retour(result.message, result.findings, identificatie="R1", dagtekening=TODAY)  # type: ignore[arg-type]
    assert retour.header.retour_codes == ()  # type: ignore[attr-defined]
    assert retour.client is None  # type: ignore[attr-defined]


def test_a_dagtekening_in_the_future_gets_8848_on_the_header() -> None:
    message = _header_dagtekening(make_wmo305, date(2024, 3, 7))
    result = validate(write_message(message), today=TODAY)
    retour = build_retour(result.message, result.findings, identificatie="R1", dagtekening=TODAY)  # type: ignore[arg-type]
    assert retour.header.retour_codes == ("8848",)  # type: ignore[attr-defined]
    assert retour.client is None  # type: ignore[attr-defined]


def test_an_unknown_municipality_code_gets_s300_on_the_header() -> None:
    message = make_wmo315()
    message = replace(message, header=replace(message.header, ontvanger="9999"))
    result = validate(write_message(message), today=TODAY)
    retour = build_retour(result.message, result.findings, identificatie="R1", dagtekening=TODAY)  # type: ignore[arg-type]
    assert retour.header.retour_codes == ("S300",)  # type: ignore[attr-defined]


def test_a_product_code_outside_its_category_gets_s329_on_that_product() -> None:
    message = _301_product(product=Product(categorie="11", code="12X01"))
    result = validate(write_message(message), today=TODAY)
    retour = build_retour(result.message, result.findings, identificatie="R1", dagtekening=TODAY)  # type: ignore[arg-type]
    assert retour.header.retour_codes == ("0200",)  # type: ignore[attr-defined]
    assert retour.client.retour_codes == ("0200",)  # type: ignore[attr-defined]
    assert retour.client.toegewezen_producten[0].retour_codes == ("S329",)  # type: ignore[attr-defined]
    assert retour.client.contactgegevens[0].retour_codes == ("0200",)  # type: ignore[attr-defined]


def test_a_line_outside_the_declaration_period_gets_9319_in_the_325() -> None:
    late = replace(
        prestatie("B", nummer=2),
        product_periode=GeslotenPeriode(begindatum=date(2024, 3, 1), einddatum=date(2024, 3, 4)),
    )
    message = _323_lines(prestatie("A"), late)
    result = validate(write_message(message), today=TODAY)
    retour = build_retour(result.message, result.findings, identificatie="R1", dagtekening=TODAY)  # type: ignore[arg-type]
    antwoord = retour.declaratie_antwoord  # type: ignore[attr-defined]
    assert antwoord.retour_codes == ("0200",)
    assert [p.retour_codes for p in antwoord.clienten[0].prestaties] == [("9319",)]
    assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 10000


def test_an_amount_that_is_not_volume_times_tariff_gets_9346_in_the_325() -> None:
    wrong = replace(prestatie("A"), ingediend_bedrag=BedragMetDC(bedrag=10001, debet_credit="D"))
    result = validate(write_message(_323_lines(wrong)), today=TODAY)
    assert [(f.code, f.rule) for f in result.findings] == [("9346", "TR346")]


def test_minutes_against_an_hourly_tariff_are_rounded_as_iv081_says() -> None:
    minutes = replace(
        prestatie("A"),
        eenheid="01",
        geleverd_volume=50,
        product_tarief=2501,
        ingediend_bedrag=BedragMetDC(bedrag=2084, debet_credit="D"),
    )
    assert validate(write_message(_323_lines(minutes)), today=TODAY).valid


def test_overlapping_pairs_each_period_with_the_first_earlier_one_of_its_product() -> None:
    """The overlap rule behind TR302/TR386/TR410 (level 2) and the gateway's TR361 (level 3)."""
    begeleiding = Product(categorie="02", code="02A01")
    rolstoel = Product(categorie="11", code="11A01")
    periodes = [
        Periode(begeleiding, date(2024, 1, 1), date(2024, 6, 30), "a"),
        Periode(Product(categorie="02", code="02A02"), date(2024, 3, 1), None, "b"),
        Periode(begeleiding, date(2024, 6, 30), None, "c"),
        Periode(begeleiding, date(2024, 7, 1), None, "d"),
        Periode(rolstoel, date(2024, 1, 1), None, "e"),
        Periode(rolstoel, date(2024, 1, 1), None, "f"),
    ]
    # "d" overlaps the open-ended "c"; wheelchairs (categories 11-14) may overlap.
    assert [(e.path, later.path) for e, later in overlapping(periodes)] == [
        ("a", "c"),
        ("c", "d"),
    ]

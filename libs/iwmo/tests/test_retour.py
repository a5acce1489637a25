"""Retour building: stateful hooks, class echoing with 0200/0233, and the 325 exception."""

from collections.abc import Callable, Iterable
from datetime import date

import pytest

from iwmo import (
    Beoordeling,
    Bericht,
    Finding,
    Level,
    NoRetour,
    build_retour,
    build_wmo325,
    validate,
    write_message,
)
from iwmo.models import Wmo301, Wmo323
from wmo_testing.berichten import TODAY, make_wmo301, make_wmo305, make_wmo323

PRODUCT_2 = "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]"


def unique_toewijzingnummer(taken: set[int]) -> Callable[[Bericht], Iterable[Finding]]:
    """A stateful TR332 hook as a service would write it, over its own store."""

    def hook(message: Bericht) -> Iterable[Finding]:
        assert isinstance(message, Wmo301)
        for index, product in enumerate(message.client.toegewezen_producten, start=1):
            if product.toewijzing_nummer in taken:
                path = f"/Bericht/Client/ToegewezenProducten/ToegewezenProduct[{index}]"
                yield Finding(
                    "9332",
                    path,
                    "ToewijzingNummer is niet uniek",
                    "TR332",
                    Level.BERICHTOVERSTIJGEND,
                )

    return hook


def test_a_stateful_hook_finding_is_echoed_on_its_class_with_0200_around_it(
    assert_xsd_valid: Callable[[str, bytes], None],
) -> None:
    message = make_wmo301()
    result = validate(write_message(message), today=TODAY, hooks=[unique_toewijzingnummer({2})])
    assert [(f.code, f.path) for f in result.findings] == [("9332", PRODUCT_2)]
    retour = build_retour(result.message, result.findings, identificatie="R1", dagtekening=TODAY)  # type: ignore[arg-type]
    xml = write_message(retour)
    assert_xsd_valid("WMO302", xml)
    client = retour.client  # type: ignore[attr-defined]
    assert retour.header.retour_codes == ("0200",)
    assert client.retour_codes == ("0200",)
    assert [p.retour_codes for p in client.toegewezen_producten] == [
        ("0200",),
        ("9332",),
        ("0200",),
    ]
    # Echoed classes are copied unchanged.
    assert client.toegewezen_producten[1].toewijzing_nummer == 2
    assert client.naam == message.client.naam


def test_the_retour_header_is_copied_with_sender_and_receiver_not_swapped() -> None:
    message = make_wmo305()
    retour = build_retour(message, [], identificatie="R1", dagtekening=TODAY)
    assert retour.header.afzender == message.header.afzender
    assert retour.header.ontvanger == message.header.ontvanger
    assert retour.header.bericht_identificatie == message.header.bericht_identificatie
    assert retour.header.bericht_code == "419"


def test_classes_below_a_rejected_class_are_marked_not_assessed(
    assert_xsd_valid: Callable[[str, bytes], None],
) -> None:
    message = make_wmo305()
    finding = Finding(
        "9019", "/Bericht/Client", "niet te koppelen", "TR019", Level.BERICHTOVERSTIJGEND
    )
    retour = build_retour(message, [finding], identificatie="R1", dagtekening=TODAY)
    assert retour.client.retour_codes == ("9019",)  # type: ignore[attr-defined]
    assert retour.client.start_producten[0].retour_codes == ("0233",)  # type: ignore[attr-defined]
    assert_xsd_valid("WMO306", write_message(retour))


def test_the_iv028_example_start_deleting_an_unknown_start_gets_9063() -> None:
    message = make_wmo305()
    finding = Finding(
        "9063",
        "/Bericht/Client/StartProducten/StartProduct[1]/StatusAanlevering",
        "geen eerder bericht",
        "TR063",
        Level.BERICHTOVERSTIJGEND,
    )
    retour = build_retour(message, [finding], identificatie="R1", dagtekening=TODAY)
    assert retour.header.retour_codes == ("0200",)  # type: ignore[attr-defined]
    assert retour.client.retour_codes == ("0200",)  # type: ignore[attr-defined]
    assert retour.client.start_producten[0].retour_codes == ("9063",)  # type: ignore[attr-defined]


def test_an_xsd_failure_gets_no_retour() -> None:
    finding = Finding("IB001", "/Bericht", "x", "XSD", Level.XSD)
    with pytest.raises(NoRetour):
        build_retour(make_wmo305(), [finding], identificatie="R1", dagtekening=TODAY)


def _325(
    message: Wmo323, beoordeling: Beoordeling, assert_xsd_valid: Callable[[str, bytes], None]
) -> object:
    antwoord = build_wmo325(message, beoordeling, identificatie="A1", dagtekening=TODAY)
    assert_xsd_valid("WMO325", write_message(antwoord))
    return antwoord


def test_a_fully_approved_323_gets_0200_on_the_header_and_8001_on_the_answer(
    assert_xsd_valid: Callable[[str, bytes], None],
) -> None:
    message = make_wmo323(lines=4)
    result = validate(write_message(message), today=TODAY)
    antwoord = build_retour(result.message, result.findings, identificatie="A1", dagtekening=TODAY)  # type: ignore[arg-type]
    assert_xsd_valid("WMO325", write_message(antwoord))
    assert antwoord.header.retour_codes == ("0200",)
    assert antwoord.header.afzender == message.header.ontvanger
    assert antwoord.header.declaratie_identificatie == message.header.bericht_identificatie  # type: ignore[attr-defined]
    assert antwoord.declaratie_antwoord.retour_codes == ("8001",)  # type: ignore[attr-defined]
    assert (
        antwoord.declaratie_antwoord.totaal_toegekend_bedrag
        == message.declaratie.totaal_ingediend_bedrag
    )  # type: ignore[attr-defined]
    assert antwoord.declaratie_antwoord.clienten == ()  # type: ignore[attr-defined]


def test_a_325_echoes_only_rejected_lines_and_grants_the_rest(
    assert_xsd_valid: Callable[[str, bytes], None],
) -> None:
    message = make_wmo323(lines=4, clients=2)
    beoordeling = Beoordeling(prestatie_codes={"R1x0": ("9338",)})
    antwoord = _325(message, beoordeling, assert_xsd_valid)
    body = antwoord.declaratie_antwoord  # type: ignore[attr-defined]
    assert body.retour_codes == ("0200",)
    assert [c.bsn for c in body.clienten] == ["999900018"]
    assert body.clienten[0].retour_codes == ("0200",)
    assert [p.retour_codes for p in body.clienten[0].prestaties] == [("9338",)]
    assert body.totaal_toegekend_bedrag.totaal_bedrag == 30000


def test_a_325_rejecting_a_client_marks_all_its_lines_not_assessed(
    assert_xsd_valid: Callable[[str, bytes], None],
) -> None:
    message = make_wmo323(lines=4, clients=2)
    antwoord = _325(message, Beoordeling(client_codes={"999900006": ("8187",)}), assert_xsd_valid)
    body = antwoord.declaratie_antwoord  # type: ignore[attr-defined]
    assert body.clienten[0].retour_codes == ("8187",)
    assert [p.retour_codes for p in body.clienten[0].prestaties] == [("0233",), ("0233",)]


def test_a_325_for_a_rejected_declaration_grants_nothing(
    assert_xsd_valid: Callable[[str, bytes], None],
) -> None:
    antwoord = _325(make_wmo323(), Beoordeling(declaratie_codes=("9333",)), assert_xsd_valid)
    body = antwoord.declaratie_antwoord  # type: ignore[attr-defined]
    assert body.retour_codes == ("9333",)
    assert (
        body.totaal_toegekend_bedrag.totaal_bedrag,
        body.totaal_toegekend_bedrag.debet_credit,
    ) == (0, "D")


def test_a_technically_rejected_323_gets_a_325_with_only_0001(
    assert_xsd_valid: Callable[[str, bytes], None],
) -> None:
    antwoord = _325(make_wmo323(), Beoordeling(technisch_afgekeurd=True), assert_xsd_valid)
    assert antwoord.header.retour_codes == ("0001",)  # type: ignore[attr-defined]
    assert antwoord.declaratie_antwoord is None  # type: ignore[attr-defined]


def test_stateful_323_findings_land_on_the_line_they_point_at() -> None:
    message = make_wmo323(lines=2)
    line = "/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[2]"
    findings = [
        Finding("9338", line, "geen toewijzing", "TR338", Level.BERICHTOVERSTIJGEND),
        Finding(
            "9333",
            "/Bericht/Declaratie/DeclaratieNummer",
            "niet uniek",
            "TR333",
            Level.BERICHTOVERSTIJGEND,
        ),
    ]
    antwoord = build_retour(message, findings[:1], identificatie="A1", dagtekening=date(2024, 3, 6))
    assert (
        antwoord.declaratie_antwoord.clienten[0].prestaties[0].product_referentie.referentie_nummer
        == "R0x1"
    )  # type: ignore[attr-defined]
    rejected = build_retour(message, findings[1:], identificatie="A1", dagtekening=date(2024, 3, 6))
    assert rejected.declaratie_antwoord.retour_codes == ("9333",)  # type: ignore[attr-defined]

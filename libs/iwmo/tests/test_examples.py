"""The examples of the reference pack are read, judged as the standard says, and written back."""

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]

from iwmo import build_retour, read_message, validate, write_message

# How the standard judges each iWmo 3.2 example (MANIFEST.csv says all are XSD-valid).
EXPECTED_3_2 = {
    "WMO301.xml": [],
    "WMO315.xml": [],
    # GewensteIngangsdatum of the NieuwProduct equals the Dagtekening: TR380 wants it later.
    "WMO317.xml": [("0001", "TR380")],
    "WMO319.xml": [],
}
AFTER_EXAMPLES = date(2024, 1, 1)


def canonical(xml: bytes) -> bytes:
    """Namespace-aware canonical form without formatting whitespace or prefixes' influence."""
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    root = etree.fromstring(xml, parser)
    for element in root.iter():
        if element.text is not None and not element.text.strip() and len(element):
            element.text = None
    result: bytes = etree.tostring(root, method="c14n2", strip_text=False)
    return result


def manifest(pack: Path) -> list[dict[str, str]]:
    with (pack / "examples" / "MANIFEST.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", sorted(EXPECTED_3_2))
def test_official_3_2_example_is_judged_as_the_standard_says(pack: Path, name: str) -> None:
    result = validate((pack / "examples" / "iwmo-3.2" / name).read_bytes(), today=AFTER_EXAMPLES)
    assert result.bericht == name.removesuffix(".xml")
    assert [(f.code, f.rule) for f in result.findings] == EXPECTED_3_2[name]


@pytest.mark.parametrize("name", sorted(EXPECTED_3_2))
def test_official_3_2_example_is_written_back_equivalently(
    pack: Path, name: str, assert_xsd_valid: Callable[[str, bytes], None]
) -> None:
    original = (pack / "examples" / "iwmo-3.2" / name).read_bytes()
    message = read_message(original)
    written = write_message(message)
    assert canonical(written) == canonical(original)
    assert read_message(written) == message
    assert_xsd_valid(type(message).BERICHT, written)


@pytest.mark.parametrize("name", sorted(EXPECTED_3_2))
def test_official_3_2_example_gets_an_xsd_valid_retour(
    pack: Path, name: str, assert_xsd_valid: Callable[[str, bytes], None]
) -> None:
    result = validate((pack / "examples" / "iwmo-3.2" / name).read_bytes(), today=AFTER_EXAMPLES)
    assert result.message is not None
    retour = build_retour(
        result.message, result.findings, identificatie="R1", dagtekening=AFTER_EXAMPLES
    )
    assert_xsd_valid(type(retour).BERICHT, write_message(retour))
    codes = retour.header.retour_codes  # type: ignore[attr-defined]
    assert codes == (tuple(code for code, _rule in EXPECTED_3_2[name][:1]) or ())


def test_every_manifest_example_is_either_read_or_refused_with_a_finding(pack: Path) -> None:
    for row in manifest(pack):
        path = pack / row["bestand"]
        result = validate(path.read_bytes(), today=AFTER_EXAMPLES)
        if row["standaard"] == "iWmo" and row["versie"] == "3.2":
            assert result.bericht == row["bericht"], row["bestand"]
        else:
            # iWmo 2.0, iJw and StUF envelopes are not iWmo 3.2 messages: one clear finding.
            assert not result.valid, row["bestand"]
            assert result.message is None
            assert result.findings[0].code == "IB001"


def test_ijw_retour_examples_have_the_shape_of_our_derived_retours(pack: Path) -> None:
    """The derived iWmo retours follow the iJw templates element by element (namespaces aside)."""
    jw302 = etree.parse(str(pack / "examples" / "ijw-3.2" / "JW302.xml")).getroot()
    header = jw302.find("{*}Header")
    names = [etree.QName(child).localname for child in header]
    assert names[-5:] == [
        "XsdVersie",
        "IdentificatieRetour",
        "DagtekeningRetour",
        "XsdVersieRetour",
        "RetourCodes",
    ]

"""Hostile and broken input gives a clear finding, never an exception or a hang."""

from pathlib import Path

import pytest

from iwmo import Limits, validate, write_message
from iwmo.models import Wmo301
from wmo_testing.berichten import make_wmo301, make_wmo323

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Bericht>&xxe;</Bericht>"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<lolz>&lol4;</lolz>"""
QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE k [<!ENTITY a "'
    + b"x" * 50_000
    + b'">]><k>'
    + b"&a;" * 10_000
    + b"</k>"
)
UTF16_DOCTYPE = (
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'.encode(
        "utf-16"
    )
)


@pytest.mark.parametrize(
    "data",
    [XXE, BILLION_LAUGHS, QUADRATIC, UTF16_DOCTYPE],
    ids=["xxe", "billion-laughs", "quadratic-blowup", "utf16-doctype"],
)
def test_entities_and_doctypes_are_refused_without_expansion(data: bytes) -> None:
    result = validate(data)
    assert not result.valid
    assert result.findings[0].code == "IB001"
    assert "DOCTYPE" in result.findings[0].message


def test_a_message_above_the_size_limit_is_refused_before_parsing() -> None:
    result = validate(b"<a>" + b"x" * 2000 + b"</a>", limits=Limits(max_bytes=1000))
    assert [f.code for f in result.findings] == ["IB003"]


def test_the_default_size_limit_is_the_standards_25_mb() -> None:
    assert Limits().max_bytes == 25 * 1024 * 1024


def test_a_deeply_nested_document_is_refused() -> None:
    deep = b"<a>" * 100 + b"</a>" * 100
    result = validate(deep)
    assert not result.valid
    assert "dieper" in result.findings[0].message


def test_a_document_deeper_than_libxml2_allows_is_refused() -> None:
    deep = b"<a>" * 5000 + b"</a>" * 5000
    assert not validate(deep).valid


@pytest.mark.parametrize(
    "data",
    [b"", b"<", b"not xml", b"\xff\xfe\x00", b"<?xml version='1.0'?>"],
    ids=["empty", "lt", "text", "binary", "declaration-only"],
)
def test_garbage_gives_a_finding(data: bytes) -> None:
    result = validate(data)
    assert not result.valid
    assert result.findings[0].code == "IB001"


def test_truncated_xml_gives_a_finding() -> None:
    xml = write_message(make_wmo301())
    result = validate(xml[: len(xml) // 2])
    assert [f.code for f in result.findings] == ["IB001"]


def test_wrong_encoding_gives_a_finding() -> None:
    xml = write_message(make_wmo301()).replace(b"Jansen", "Jänsen".encode("latin-1"))
    result = validate(xml)
    assert not result.valid
    assert result.findings[0].code == "IB001"


def test_wrong_namespace_gives_a_finding() -> None:
    xml = write_message(make_wmo301()).replace(b"iwmo/3_2/wmo301", b"iwmo/3_1/wmo301")
    result = validate(xml)
    assert result.message is None
    assert "geen iWmo 3.2-bericht" in result.findings[0].message


def test_a_323_sent_as_a_301_gives_a_finding() -> None:
    result = validate(write_message(make_wmo323()), expected=Wmo301)
    assert result.message is None
    assert result.findings[0].message == "verwacht WMO301, ontvangen WMO323"


def test_a_323_body_under_a_301_root_lists_every_structural_problem() -> None:
    xml = write_message(make_wmo323()).replace(b"wmo323", b"wmo301")
    result = validate(xml)
    assert result.bericht == "WMO301"
    messages = [f.message for f in result.findings]
    assert "element Client ontbreekt" in messages
    assert "element Declaratie is hier onverwacht" in messages
    assert "BerichtCode moet 414 zijn" not in messages or len(messages) >= 2


def test_structure_findings_never_contain_the_bsn() -> None:
    xml = write_message(make_wmo301()).replace(b"<wmo301:Bsn>999900006", b"<wmo301:Bsn>99990000X")
    result = validate(xml)
    assert not result.valid
    assert all("9999" not in f.message for f in result.findings)


def test_findings_report_every_problem_not_only_the_first() -> None:
    xml = write_message(make_wmo301())
    broken = xml.replace(b">1950-05-17<", b">1950-13-17<").replace(b">5038AB<", b">123456789<")
    result = validate(broken)
    paths = {f.path for f in result.findings}
    assert "/Bericht/Client/Geboortedatum/Datum" in paths
    assert "/Bericht/Client/Contactgegevens/Contact[1]/Adres/Postcode" in paths


def test_comments_and_processing_instructions_are_tolerated(tmp_path: Path) -> None:
    xml = write_message(make_wmo301()).replace(
        b"<wmo301:Client>", b"<!-- note --><?pi x?><wmo301:Client>"
    )
    assert validate(xml, today=make_wmo301().header.bericht_identificatie.dagtekening).valid

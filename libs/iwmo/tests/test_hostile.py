"""Hostile and broken input gives a clear finding, never an exception or a hang."""

import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from iwmo import Limits, ValidationResult, validate, write_message
from iwmo.models import Wmo301
from iwmo.reader import MAX_FINDINGS
from wmo_testing.berichten import make_wmo301, make_wmo323

MB = 1024 * 1024

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


def peak_rss_growth(work: Callable[[], ValidationResult]) -> tuple[ValidationResult, int]:
    """Run `work` while sampling this process's resident memory every 5 ms; returns its result
    and the most the memory grew above where it started."""
    process = psutil.Process()
    start = process.memory_info().rss
    peak = start
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        result = work()
    finally:
        done.set()
        sampler.join()
    return result, peak - start


def test_millions_of_tiny_elements_are_refused_before_a_tree_is_built() -> None:
    # 24 MB, under the size limit: as a tree, 3 million elements would take about 750 MB.
    body = b"<a>" + b"<b>x</b>" * 3_000_000 + b"</a>"
    result, growth = peak_rss_growth(lambda: validate(body))
    assert [f.code for f in result.findings] == ["IB001"]
    assert "meer dan 1000000 elementen" in result.findings[0].message
    assert growth < 50 * MB


@pytest.mark.parametrize(
    "body",
    [
        b"<a>" + b'<b c="" d="" e="" f=""/>' * 300 + b"</a>",
        b"<a" + b"".join(b' xmlns:n%d="u"' % n for n in range(1200)) + b"/>",
        b"<a>" + b"<!---->" * 1200 + b"</a>",
        b"<a>" + b"<?p?>" * 1200 + b"</a>",
    ],
    ids=["attributes", "namespace-declarations", "comments", "processing-instructions"],
)
def test_attributes_and_other_nodes_count_toward_the_node_limit(body: bytes) -> None:
    result = validate(body, limits=Limits(max_nodes=1000))
    assert [f.code for f in result.findings] == ["IB001"]
    assert "meer dan 1000 elementen" in result.findings[0].message


def test_a_huge_attribute_count_in_a_message_of_24_mb_is_refused_early() -> None:
    body = b"<a>" + b'<b c="" d="" e="" f="" g="" h="" i=""/>' * 600_000 + b"</a>"
    result, growth = peak_rss_growth(lambda: validate(body))
    assert [f.code for f in result.findings] == ["IB001"]
    assert growth < 50 * MB


def test_a_text_of_24_mb_is_refused_within_bounded_memory() -> None:
    body = b"<a>" + b"x" * (24 * MB) + b"</a>"
    result, growth = peak_rss_growth(lambda: validate(body))
    assert [f.code for f in result.findings] == ["IB001"]
    assert "Text node too long" in result.findings[0].message
    assert growth < 50 * MB


def test_a_message_full_of_unknown_elements_reports_only_the_first_hundred() -> None:
    root = b'<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo323/schema">'
    result = validate(root + b"<b>x</b>" * 100_000 + b"</Bericht>")
    assert result.bericht == "WMO323"
    assert len(result.findings) == MAX_FINDINGS == 100
    assert result.findings[0].message == "element Header ontbreekt"

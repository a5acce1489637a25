"""The plain reader never changes an outcome: whatever it reads, the lxml path reads the same.

`validate` and `read_message` try `plain_reader.read_plain` first and fall back to the lxml
path (`safe_xml.parse`, then `reader.read_tree`) when it answers None. Each input here is
judged both ways, with the plain reader and with it switched off, and the results (message
type, model, findings in order) must be equal. Inputs: every example of the reference pack,
hypothesis-generated messages of every type with the hostile edits of
`conftest.py`, every way of writing the prolog, namespaces, references and
whitespace the plain reader takes or refuses, limits, and random byte-level mutations.
"""

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwmo import MESSAGE_TYPES, Bericht, Limits, plain_reader, read_message, validate, write_message
from iwmo.findings import InvalidMessage
from iwmo.models import Wmo301, Wmo323
from iwmo.plain_reader import read_plain
from iwmo.reader import _read_fast, check_read, read_tree
from iwmo.safe_xml import DEFAULT_LIMITS, parse
from iwmo.schema import message_spec
from wmo_testing.berichten import make_wmo301, make_wmo323

TODAY = date(2024, 3, 6)


@contextmanager
def lxml_path_only() -> Iterator[None]:
    with (
        mock.patch("iwmo.validation.read_plain", return_value=None),
        mock.patch("iwmo.validation.check_read", side_effect=AssertionError),
    ):
        yield


def _read(data: bytes, expected: type[Bericht] | None) -> object:
    try:
        return read_message(data, expected=expected)
    except InvalidMessage as error:
        return error.findings


def assert_paths_agree(
    data: bytes, *, limits: Limits = DEFAULT_LIMITS, expected: type[Bericht] | None = None
) -> bool:
    """Both paths give the same validation and read; returns whether the plain reader read it."""
    plain = read_plain(data, limits, expected)
    both = validate(data, today=TODAY, limits=limits, expected=expected)
    read = _read(data, expected) if limits == DEFAULT_LIMITS else None
    with lxml_path_only():
        lxml = validate(data, today=TODAY, limits=limits, expected=expected)
        lxml_read = _read(data, expected) if limits == DEFAULT_LIMITS else None
    assert both == lxml
    assert read == lxml_read
    if plain is not None:
        # What the plain reader reads, the lxml path reads the same, without findings.
        root, refused = parse(data, limits)
        assert not refused
        assert check_read(*plain) == read_tree(root, expected)
        assert _read_fast(root, message_spec(plain[0]).root) == plain[1]
    return plain is not None


def test_the_paths_agree_on_every_pack_example(
    pack_examples: list[Path], hostile_edits: Callable[[bytes], list[bytes]]
) -> None:
    read = 0
    for path in pack_examples:
        data = path.read_bytes()
        read += assert_paths_agree(data)
        for edited in hostile_edits(data) if b"Bericht" in data[:400] else []:
            assert_paths_agree(edited)
    assert read >= 4  # the four iWmo 3.2 examples (tabs, CRLF, a space before '>')


@pytest.mark.parametrize("model", MESSAGE_TYPES, ids=[m.BERICHT for m in MESSAGE_TYPES])
def test_the_paths_agree_on_generated_and_edited_messages(
    model: type[Bericht],
    message_strategy: Callable[[type[Bericht]], st.SearchStrategy[Bericht]],
    hostile_edits: Callable[[bytes], list[bytes]],
) -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(message_strategy(model), st.integers(0, 10_000), st.booleans())
    def check(message: Bericht, seed: int, indent: bool) -> None:
        xml = write_message(message, indent=indent)
        # Generated texts hold '&', '<' and any XML character: the writer escapes them.
        assert assert_paths_agree(xml)
        edits = hostile_edits(xml)
        assert_paths_agree(edits[seed % len(edits)])

    check()


def _wmo301() -> bytes:
    return write_message(make_wmo301(products=3), indent=True)


_ROOT = re.compile(rb"<wmo301:Bericht[^>]*>")
_NS301 = b'"http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"'
_BASIS = b'"http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"'
_XSI = b'"http://www.w3.org/2001/XMLSchema-instance"'


def _with_root(xml: bytes, root: bytes) -> bytes:
    return _ROOT.sub(root.replace(b"\\", b"\\\\"), xml, count=1)


def _renamed(xml: bytes, message: bytes, basis: bytes) -> bytes:
    """The same message with other prefixes (b"" for the default namespace)."""
    out = xml.replace(b"<wmo301:", b"<" + message).replace(b"</wmo301:", b"</" + message)
    return out.replace(b"<iwmo:", b"<" + basis).replace(b"</iwmo:", b"</" + basis)


def _plain_cases() -> list[tuple[str, bytes, bool]]:
    """(name, input, whether the plain reader must read it itself)."""
    xml = _wmo301()
    body = xml.split(b"?>", 1)[1]
    root = b"<wmo301:Bericht xmlns:iwmo=" + _BASIS + b" xmlns:wmo301=" + _NS301
    default_ns = _renamed(
        _with_root(xml, b"<wmo301:Bericht xmlns=" + _NS301 + b" xmlns:b=" + _BASIS + b">"),
        b"",
        b"b:",
    )
    other = _renamed(
        _with_root(xml, b"<wmo301:Bericht xmlns:m=" + _NS301 + b" xmlns:i=" + _BASIS + b">"),
        b"m:",
        b"i:",
    )
    return [
        ("as written", xml, True),
        ("compact", write_message(make_wmo301(products=3)), True),
        ("CRLF", xml.replace(b"\n", b"\r\n"), True),
        ("CR", xml.replace(b"\n", b"\r"), True),
        ("tabs", xml.replace(b"  ", b"\t"), True),
        ("no declaration", body.lstrip(), True),
        ("single quotes", xml.replace(b'"1.0" encoding="UTF-8"', b"'1.0' encoding='utf-8'"), True),
        ("standalone", xml.replace(b'"UTF-8"?>', b'"UTF-8" standalone="yes"?>'), True),
        ("version 1.1", xml.replace(b'"1.0"', b'"1.1"'), False),
        ("latin-1", xml.replace(b'"UTF-8"', b'"ISO-8859-1"'), False),
        ("space first", b" " + xml, False),
        ("BOM", b"\xef\xbb\xbf" + xml, False),
        ("UTF-16", xml.decode().replace("UTF-8", "UTF-16").encode("utf-16"), False),
        ("default namespace", default_ns, True),
        ("other prefixes", other, True),
        (
            "xsi",
            _with_root(xml, root + b" xmlns:xsi=" + _XSI + b' xsi:schemaLocation="a b">'),
            True,
        ),
        (
            "xsi after use",
            _with_root(xml, root + b' xsi:schemaLocation="a b" xmlns:xsi=' + _XSI + b">"),
            True,
        ),
        ("xsi undeclared", _with_root(xml, root + b' xsi:schemaLocation="a b">'), False),
        (
            "xsi twice",
            _with_root(
                xml,
                root
                + b" xmlns:xsi="
                + _XSI
                + b" xmlns:x="
                + _XSI
                + b' xsi:schemaLocation="a" x:schemaLocation="b">',
            ),
            False,
        ),
        ("other attribute", _with_root(xml, root + b' versie="1">'), False),
        ("attribute twice", _with_root(xml, root + b" xmlns:iwmo=" + _BASIS + b">"), False),
        ("unused namespace", _with_root(xml, root + b' xmlns:x="urn:x">'), False),
        ("empty namespace", _with_root(xml, root + b' xmlns:x="">'), False),
        ("basis twice", _with_root(xml, root + b" xmlns:b=" + _BASIS + b">"), False),
        ("spaces in root", _with_root(xml, root.replace(b" ", b" \n\t ") + b" \n>"), True),
        ("space in a tag", xml.replace(b"<wmo301:Bsn>", b"<wmo301:Bsn >"), False),
        ("ampersand", xml.replace(b">Jansen<", b">Jansen &amp; Zn&#46;&#x2e;<"), True),
        ("character reference in a code", xml.replace(b">NL<", b">&#78;L<"), True),
        (
            "reference in a number",
            xml.replace(b"<iwmo:Huisnummer>12", b"<iwmo:Huisnummer>1&#50;"),
            False,
        ),
        ("reference to CR", xml.replace(b">Jansen<", b">Jan&#13;sen<"), False),
        ("reference to NUL", xml.replace(b">Jansen<", b">Jan&#0;sen<"), False),
        ("undeclared entity", xml.replace(b">Jansen<", b">Jan&x;sen<"), False),
        ("bare ampersand", xml.replace(b">Jansen<", b">Jan & sen<"), False),
        ("greater than", xml.replace(b">Jansen<", b">Jan>sen<"), True),
        ("CDATA end", xml.replace(b">Jansen<", b">Jan]]>sen<"), False),
        ("CDATA", xml.replace(b">Jansen<", b"><![CDATA[Jansen]]><"), False),
        ("control character", xml.replace(b">Jansen<", b">Jan\x01sen<"), False),
        ("U+FFFE", xml.replace(b">Jansen<", ">Jan\ufffesen<".encode()), False),
        ("invalid UTF-8", xml.replace(b">Jansen<", b">Jan\xc3sen<"), False),
        ("non-ASCII", xml.replace(b">Jansen<", ">Jänsen 😀<".encode()), True),
        ("comment after", xml + b"<!-- x -->", False),
        ("text after", xml + b"x", False),
        ("whitespace after", xml + b" \n\t", True),
        (
            "empty leaf",
            xml.replace(b"<iwmo:Huisnummer>12</iwmo:Huisnummer>", b"<iwmo:Huisnummer/>"),
            False,
        ),
        (
            "spaces around a number",
            xml.replace(b"<iwmo:Huisnummer>12", b"<iwmo:Huisnummer> \n12\t"),
            True,
        ),
        ("signed number", xml.replace(b"<iwmo:Huisnummer>12", b"<iwmo:Huisnummer>+12"), False),
        (
            "other digits",
            xml.replace(b"<iwmo:Huisnummer>12", "<iwmo:Huisnummer>١٢".encode()),
            False,
        ),
        (
            "number too large",
            xml.replace(b"<iwmo:Huisnummer>12", b"<iwmo:Huisnummer>123456"),
            False,
        ),
        # More digits than Python's int() takes: a finding, not an exception, on both paths.
        (
            "huge number",
            xml.replace(b"<iwmo:Huisnummer>12", b"<iwmo:Huisnummer>" + b"9" * 5000),
            False,
        ),
        (
            "long zeros",
            xml.replace(b"<iwmo:Huisnummer>12", b"<iwmo:Huisnummer>" + b"0" * 5000),
            False,
        ),
        ("impossible date", xml.replace(b">1950-05-17<", b">1950-02-30<"), False),
        ("spaces around a date", xml.replace(b">1950-05-17<", b"> 1950-05-17\n<"), True),
        ("space in a code", xml.replace(b">NL<", b"> NL<"), False),
        ("wrong BerichtCode", xml.replace(b">414<", b">415<"), True),
    ]


@pytest.mark.parametrize("case", _plain_cases(), ids=lambda case: case[0])
def test_the_paths_agree_on_every_way_of_writing_a_message(case: tuple[str, bytes, bool]) -> None:
    _name, data, plain = case
    assert assert_paths_agree(data) is plain
    assert_paths_agree(data, expected=Wmo301)
    assert_paths_agree(data, expected=Wmo323)


@pytest.mark.parametrize(
    "limits",
    [
        Limits(max_depth=5),
        Limits(max_depth=6),
        Limits(max_bytes=1_000),
        Limits(max_nodes=10),
        Limits(max_nodes=1_000),
    ],
)
def test_the_paths_agree_near_the_limits(limits: Limits) -> None:
    for xml in (_wmo301(), write_message(make_wmo323(lines=3, clients=2))):
        assert_paths_agree(xml, limits=limits)


_NOISE = st.sampled_from(
    [
        b"<",
        b">",
        b"&",
        b";",
        b"/",
        b"=",
        b'"',
        b"'",
        b" ",
        b"\t",
        b"\r",
        b"\n",
        b"!",
        b"?",
        b"x",
        b":",
        b"#",
        b"0",
        b"9",
        b"-",
        b"]",
        b"\x00",
        b"\x85",
        b"\xc3",
        b"\xa9",
        b"&amp;",
        b"&#1;",
        b"<![CDATA[",
        b"<!--",
        b"-->",
        b"wmo301:",
        b"iwmo:",
        b"</",
        b"/>",
    ]
)


@pytest.mark.parametrize("message", ["301", "323"])
def test_the_paths_agree_on_random_byte_mutations(message: str) -> None:
    xml = _wmo301() if message == "301" else write_message(make_wmo323(lines=2, clients=2))

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.tuples(st.integers(0, len(xml)), st.integers(0, 3), _NOISE), max_size=3))
    def check(mutations: list[tuple[int, int, bytes]]) -> None:
        data = xml
        for position, removed, inserted in mutations:
            data = data[:position] + inserted + data[position + removed :]
        assert_paths_agree(data)

    check()


def test_a_naming_beyond_the_limit_of_compiled_readers_takes_the_lxml_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    xml = _renamed(
        _with_root(
            _wmo301(), b"<wmo301:Bericht xmlns:q9=" + _NS301 + b" xmlns:r9=" + _BASIS + b">"
        ),
        b"q9:",
        b"r9:",
    )
    monkeypatch.setattr(plain_reader, "MAX_GRAMMARS", len(plain_reader._GRAMMARS))
    assert assert_paths_agree(xml) is False
    monkeypatch.undo()
    assert assert_paths_agree(xml) is True

"""Fixtures for the iWmo codec tests: the reference pack and the XSDs built from it.

The pack is test data, never part of the product: it is read from
`$IWMO_PACK_DIR` or `<repo>/../shared/iwmo`, and the tests that need it skip
when neither exists.
"""

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]

from iwmo.datatypes import Ldt
from iwmo.models import BY_NAME, Bericht
from iwmo.schema import ClassSpec, FieldSpec, message_spec

REPO_ROOT = Path(__file__).resolve().parents[3]
RETOUR_NUMBERS = {
    "302": "415",
    "306": "419",
    "308": "421",
    "316": "445",
    "318": "481",
    "320": "483",
    "325": "485",
}
XS = "{http://www.w3.org/2001/XMLSchema}"
# Jeugdwet-only elements the README says to drop when deriving the iWmo retour schemas.
JEUGDWET_ONLY = ("GezagsdragerBekend", "Woonplaatsbeginsel")


def pack_dir() -> Path | None:
    configured = os.environ.get("IWMO_PACK_DIR")
    candidate = Path(configured) if configured else REPO_ROOT.parent / "shared" / "iwmo"
    return candidate if (candidate / "xsd" / "iwmo-3.2").is_dir() else None


@pytest.fixture(scope="session")
def pack() -> Path:
    found = pack_dir()
    if found is None:
        pytest.skip("iWmo reference pack not found: set IWMO_PACK_DIR or provide ../shared/iwmo")
    return found


def derive_retour_xsd(jw_xsd: str, number: str) -> bytes:
    """An iWmo 3.2 retour XSD from its iJw 3.2 twin, as the pack's README prescribes."""
    text = jw_xsd.replace(f"ijw/3_2/jw{number}/schema", f"iwmo/3_2/wmo{number}/schema")
    text = text.replace("ijw/3_2/basisschema/schema", "iwmo/3_2/basisschema/schema")
    text = re.sub(rf"\bjw{number}:", f"wmo{number}:", text)
    text = text.replace(f"xmlns:jw{number}=", f"xmlns:wmo{number}=")
    text = re.sub(r"\bijw:", "iwmo:", text).replace("xmlns:ijw=", "xmlns:iwmo=")
    jw_code = re.search(r'<xs:pattern value="(4\d\d)"/>', text)
    assert jw_code is not None
    text = text.replace(
        f'<xs:pattern value="{jw_code.group(1)}"/>',
        f'<xs:pattern value="{RETOUR_NUMBERS[number]}"/>',
        1,
    )
    root = etree.fromstring(text.encode("utf-8"))
    for name in JEUGDWET_ONLY:
        for element in root.iter(f"{XS}element"):
            if element.get("name") == name:
                element.getparent().remove(element)
                break
    root.insert(0, etree.Comment(f" DERIVED from iJw 3.2 JW{number}.xsd for tests; not official "))
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return result


@pytest.fixture(scope="session")
def xsd_dir(pack: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Official iWmo 3.2 XSDs plus the derived retour XSDs, in one folder."""
    target = tmp_path_factory.mktemp("iwmo-xsd")
    for source in (pack / "xsd" / "iwmo-3.2").glob("*.xsd"):
        (target / source.name).write_bytes(source.read_bytes())
    for number in RETOUR_NUMBERS:
        jw = (pack / "xsd" / "ijw-3.2" / f"JW{number}.xsd").read_text(encoding="utf-8")
        (target / f"WMO{number}.xsd").write_bytes(derive_retour_xsd(jw, number))
    return target


@pytest.fixture(scope="session")
def schemas(xsd_dir: Path) -> dict[str, Any]:
    return {name: etree.XMLSchema(etree.parse(str(xsd_dir / f"{name}.xsd"))) for name in BY_NAME}


@pytest.fixture(scope="session")
def assert_xsd_valid(schemas: dict[str, Any]) -> Callable[[str, bytes], None]:
    def check(bericht: str, xml: bytes) -> None:
        schema = schemas[bericht]
        document = etree.fromstring(xml)
        assert schema.validate(document), [str(e) for e in schema.error_log]

    return check


# XML-safe text without the XSD's four whitespace characters at the edges being special.
_TEXT = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
_SINGLE_LINE = st.text(_TEXT, min_size=1, max_size=12)
_LETTERS = st.sampled_from("abcXYZàé")
_REGEX_LEAVES = {
    "[0-9]{8}": st.from_regex(r"[0-9]{8}", fullmatch=True),
    "[0-9]{9}": st.from_regex(r"[0-9]{9}", fullmatch=True),
    "[0-9]{4}": st.from_regex(r"[0-9]{4}", fullmatch=True),
    "[0-9]*": st.from_regex(r"[0-9]{1,15}", fullmatch=True),
    "([a-zA-ZÀ-ỳ])+": st.text(_LETTERS, min_size=1, max_size=6),
}
_VERSIE = st.tuples(*[st.integers(0, 20)] * 3).map(lambda t: ".".join(map(str, t)))
FIXED = {"bericht_versie": st.just(3), "bericht_subversie": st.just(2)}


def leaf(ldt: Ldt, field: FieldSpec) -> st.SearchStrategy[Any]:
    if field.pattern is not None:
        return st.from_regex(r"[a-zA-Z0-9]{1,12}", fullmatch=True)
    if ldt.enumeration is not None:
        return st.sampled_from(sorted(ldt.enumeration))
    if ldt.base == "integer":
        return st.integers(ldt.min_value or 0, ldt.max_value or 10**12)
    if ldt.base == "date":
        return st.dates(min_value=date(1000, 1, 1))
    if ldt.base == "time":
        return st.times()
    if ldt.name == "LDT_Versie":
        return _VERSIE
    if ldt.pattern in _REGEX_LEAVES:
        return _REGEX_LEAVES[ldt.pattern]
    size = min(ldt.max_length or 40, 40)
    text = st.text(_TEXT, min_size=1, max_size=size)
    if ldt.pattern == "([.\\s]*\\S+[.\\s]*)+":
        return text.filter(lambda value: value.strip(" \t\n\r") != "")
    if ldt.pattern == ".*[^\\s].*":
        return st.text(_TEXT, min_size=1, max_size=size).filter(
            lambda value: value.strip(" \t") != ""
        )
    return text


def class_strategy(spec: ClassSpec, code: str) -> st.SearchStrategy[Any]:
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in spec.fields:
        if field.attr == "bericht_code":
            value: st.SearchStrategy[Any] = st.just(code)
        elif field.attr in FIXED:
            value = FIXED[field.attr]
        elif field.cls is not None:
            value = st.deferred(lambda f=field: class_strategy(f.cls, code))  # type: ignore[arg-type]
        else:
            assert field.ldt is not None
            value = leaf(field.ldt, field)
        if field.repeated:
            value = st.lists(value, min_size=0 if not field.required else 1, max_size=2).map(tuple)
        elif not field.required:
            value = st.none() | value
        fields[field.attr] = value
    return st.fixed_dictionaries(fields).map(lambda values: spec.model(**values))


def message_strategy_of(model: type[Bericht]) -> st.SearchStrategy[Bericht]:
    return class_strategy(message_spec(model).root, model.CODE)


@pytest.fixture(scope="session")
def message_strategy() -> Callable[[type[Bericht]], st.SearchStrategy[Bericht]]:
    """Hypothesis strategy of any valid message of a type (every optional part varies)."""
    return message_strategy_of


_ELEMENT = re.compile(rb"<([A-Za-z0-9]+):([A-Za-z0-9]+)>([^<]*)</\1:\2>")


def edits_of(xml: bytes) -> list[bytes]:
    """One-place edits of a valid message, each at the first and the last leaf."""
    leaves = list(_ELEMENT.finditer(xml))
    edits: list[bytes] = []
    for match in (leaves[0], leaves[len(leaves) // 2], leaves[-1]):
        start, end = match.span()
        whole, prefix, local = match.group(0), match.group(1), match.group(2)
        before, after = xml[:start], xml[end:]
        edits += [
            before + after,  # missing
            before + whole + whole + after,  # repeated
            before + b"<" + prefix + b":Onbekend>x</" + prefix + b":Onbekend>" + whole + after,
            before + b"tekst" + whole + after,  # text in a class
            before + whole + b"staart" + after,  # tail text
            before + whole.replace(local + b">", local + b' a="1">', 1) + after,
            before + b"<!-- opmerking -->" + whole + after,
            before + b"<?pi x?>" + whole + after,
            before + whole.replace(b">", b"><" + prefix + b":Kind/>", 1) + after,
            before + whole.replace(match.group(3), b"\xc3\xa9\xc3\xa9-99", 1) + after,
            before + whole.replace(match.group(3), b"", 1) + after,
            before + whole.replace(match.group(3), b" " + match.group(3) + b" ", 1) + after,
        ]
    if len(leaves) > 1:
        first, second = leaves[0], leaves[1]
        edits.append(
            xml[: first.start()]
            + second.group(0)
            + xml[first.end() : second.start()]
            + first.group(0)
            + xml[second.end() :]
        )
    return edits


def examples_in(pack: Path) -> list[Path]:
    return sorted(path for path in (pack / "examples").rglob("*.xml"))


@pytest.fixture(scope="session")
def hostile_edits() -> Callable[[bytes], list[bytes]]:
    """One-place edits of a valid message (missing, repeated, swapped and unknown elements,
    text, attributes, comments, PIs, children in a leaf, invalid and blank values)."""
    return edits_of


@pytest.fixture(scope="session")
def pack_examples(pack: Path) -> list[Path]:
    """Every example of the reference pack (iWmo 2.0 and 3.2, iJw, StUF)."""
    return examples_in(pack)

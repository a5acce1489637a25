"""Fixtures for the iWmo codec tests: the reference pack and the XSDs built from it.

The pack is test data, never part of the product: it is read from
`$IWMO_PACK_DIR` or `<repo>/../shared/iwmo`, and the tests that need it skip
when neither exists.
"""

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree  # type: ignore[import-untyped]

from iwmo.models import BY_NAME

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

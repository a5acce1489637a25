"""Layer 1a: turn bytes into an element tree without trusting them.

No DTD is loaded, no entity is resolved, nothing is fetched from the network,
and libxml2's own limits stay on (no huge_tree). A DOCTYPE is refused outright:
iWmo never uses one, and refusing it defuses XXE, billion laughs and quadratic
blowup before any entity could matter.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from lxml import etree  # type: ignore[import-untyped]

from iwmo.findings import CODE_TOO_LARGE, CODE_XSD, Finding, Level, redact

DEFAULT_MAX_BYTES: Final = 25 * 1024 * 1024
"""OP179: one file may not exceed 25 MB."""
DEFAULT_MAX_DEPTH: Final = 32
"""The deepest iWmo 3.2 path has 8 levels; anything far deeper is not a message."""


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH


DEFAULT_LIMITS: Final = Limits()


def _parser() -> Any:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


@lru_cache(maxsize=16)
def _depth_probe(max_depth: int) -> Any:
    """Compiled XPath: is there an element with at least `max_depth` ancestors?

    Such an element exists exactly when the child steps `/*/*/...` (the root
    plus `max_depth` levels) reach one; libxml2 walks each level once instead
    of counting the ancestors of every element. Compiled once per limit.
    """
    return etree.XPath("boolean(" + "/*" * (max(max_depth, 0) + 1) + ")")


def _refusal(message: str, code: str = CODE_XSD) -> Finding:
    return Finding(code=code, path="/", message=message, rule="XML", level=Level.XSD)


def parse(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, list[Finding]]:
    """Parse `data`; returns (root element, []) or (None, findings)."""
    if len(data) > limits.max_bytes:
        return None, [
            _refusal(
                f"bericht is {len(data)} bytes, groter dan de grens van {limits.max_bytes}",
                CODE_TOO_LARGE,
            )
        ]
    # One memchr pass for "!" first: most messages have none, so the two scans are skipped.
    if b"!" in data and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
        return None, [_refusal("DOCTYPE en entiteiten zijn niet toegestaan")]
    try:
        # A fresh parser per call: lxml parsers are not safe to share across threads.
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        return None, [_refusal(f"geen goedgevormde XML: {redact(str(error))}")]
    except ValueError as error:
        return None, [_refusal(f"onleesbare invoer: {redact(str(error))}")]
    tree = root.getroottree()
    if tree.docinfo.doctype:
        # Only reachable when the declaration was not ASCII-encoded, e.g. UTF-16 input.
        return None, [_refusal("DOCTYPE en entiteiten zijn niet toegestaan")]
    if _depth_probe(int(limits.max_depth))(root):
        return None, [_refusal(f"bericht is dieper genest dan {limits.max_depth} niveaus")]
    return root, []

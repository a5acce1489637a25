"""Layer 1a: turn bytes into an element tree without trusting them.

No DTD is loaded, no entity is resolved, nothing is fetched from the network,
and libxml2's own limits stay on (no huge_tree). A DOCTYPE is refused outright:
iWmo never uses one, and refusing it defuses XXE, billion laughs and quadratic
blowup before any entity could matter.

What a tree costs is bounded before it is built. libxml2 spends about 250 bytes
per element with its text, so 24 MB of `<b>x</b>` would become a tree of 750 MB;
an input big enough to hold more than `max_nodes` nodes is first counted by a
streaming pass that builds nothing and stops at the limit. The memory a large
input did cost is handed back to the operating system afterwards
(`give_back_memory`): glibc keeps freed heap pages in its per-thread arenas.
"""

import ctypes
import ctypes.util
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from lxml import etree  # type: ignore[import-untyped]

from iwmo.findings import CODE_TOO_LARGE, CODE_XSD, Finding, Level, redact

DEFAULT_MAX_BYTES: Final = 25 * 1024 * 1024
"""OP179: one file may not exceed 25 MB."""
DEFAULT_MAX_DEPTH: Final = 32
"""The deepest iWmo 3.2 path has 8 levels; anything far deeper is not a message."""
DEFAULT_MAX_NODES: Final = 1_000_000
"""Elements, attributes, namespace declarations, comments and processing instructions together.

The lines of a message (Client and Prestatie of a 323, the products of a 305, 307, 315 or 317)
have maxOccurs="unbounded" in the XSDs, so only the 25 MB of OP179 bounds them. The limit admits
the densest 323 there can be: Clients that each hold one Prestatie with only its required
elements, the shortest values the datatypes allow and the message namespace as the default, 17
elements in 516 bytes, so 25 MB holds at most 864,000 elements (tests/test_limits.py writes one
of 844,000 and shows it is read). The product lines of 305, 307, 315 and 317 take more bytes an
element; a 302 echoes the 301 it answers, which names a client's few contacts. A 323 of a
large month for a large provider (10,000 lines) has about 150,000 elements. At the limit a tree
costs 150-250 MB (docs/benchmarks.md).
"""
BYTES_PER_NODE: Final = 4
"""The fewest bytes one node takes (`<b/>`; an attribute ` a=""` takes 5), so an input of at
most `BYTES_PER_NODE * max_nodes` bytes cannot exceed the node limit and is not counted."""
LARGE_INPUT_BYTES: Final = 1024 * 1024
"""From this size on, reading a message hands the memory it cost back to the operating system."""


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    max_nodes: int = DEFAULT_MAX_NODES


DEFAULT_LIMITS: Final = Limits()


def _parser(target: object | None = None) -> Any:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        target=target,
    )


@lru_cache(maxsize=16)
def _depth_probe(max_depth: int) -> Any:
    """Compiled XPath: is there an element with at least `max_depth` ancestors?

    Such an element exists exactly when the child steps `/*/*/...` (the root
    plus `max_depth` levels) reach one; libxml2 walks each level once instead
    of counting the ancestors of every element. Compiled once per limit.
    """
    return etree.XPath("boolean(" + "/*" * (max(max_depth, 0) + 1) + ")")


class _TooManyNodes(Exception):
    """Raised inside the counting pass to stop libxml2 at the limit."""


class _NodeCounter:
    """A parser target: libxml2 reports each node to it and no tree is built."""

    def __init__(self, limit: int) -> None:
        self.count = 0
        self.limit = limit

    def _add(self, nodes: int) -> None:
        self.count += nodes
        if self.count > self.limit:
            raise _TooManyNodes

    def start(self, _tag: str, attrib: dict[str, str]) -> None:
        self._add(1 + len(attrib))

    def start_ns(self, _prefix: str, _uri: str) -> None:
        self._add(1)

    def comment(self, _text: str) -> None:
        self._add(1)

    def pi(self, _target: str, _data: str | None = None) -> None:
        self._add(1)

    def close(self) -> int:
        return self.count


def _exceeds_node_limit(data: bytes, max_nodes: int) -> bool:
    """Whether `data` holds more than `max_nodes` nodes, found without building a tree.

    Input that is not XML is left to the real parse, which reports it in the usual words.
    """
    if len(data) <= BYTES_PER_NODE * max_nodes:
        return False
    try:
        etree.fromstring(data, _parser(_NodeCounter(max_nodes)))
    except _TooManyNodes:
        return True
    except (etree.XMLSyntaxError, ValueError):
        return False
    return False


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
    if _exceeds_node_limit(data, limits.max_nodes):
        return None, [
            _refusal(
                f"bericht bevat meer dan {limits.max_nodes} elementen, attributen en "
                "commentaren; zoveel heeft geen iWmo-bericht"
            )
        ]
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


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, or None where the C library has none (musl, macOS)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    trim: Callable[[int], int] | None = getattr(ctypes.CDLL(name), "malloc_trim", None)
    return trim


_TRIM: Final = _malloc_trim()


def give_back_memory(size: int) -> None:
    """After reading an input of `size` bytes, return the free heap pages to the OS.

    glibc keeps what a thread freed in that thread's arena, so each worker thread that once
    parsed a large message would otherwise hold its peak for the life of the process.
    `malloc_trim` walks every arena; it takes a few milliseconds, so small inputs skip it.
    """
    if _TRIM is not None and size >= LARGE_INPUT_BYTES:
        _TRIM(0)

"""Layers 1 and 2 in one pass, without an element tree, for a plainly written message.

Nearly every message received is written the same way: UTF-8, an XML declaration, the
namespaces declared on the root, and below it only elements with text or with elements,
no attributes, comments, CDATA or processing instructions. The content models of iWmo 3.2
are regular (sequences of distinct elements, optional ones, wrappers of repeated items), so
for such a text the compiled `ClassSpec`s become regular expressions: one match per run of
elements up to the next wrapper checks the order and presence of the elements, that there
is only whitespace between them, and captures the text of every leaf. The texts are then
converted with the tests of `FieldSpec.convert` and the models built with the values
`reader._fast_class` gives them.

This reader accepts only that strict subset of XML 1.0, and it checks the subset's
well-formedness itself: the input holds only XML characters; every character of it is
consumed by one of the expressions, one after the other; the start and end tags come from
the grammar and so nest; the only references allowed are the five predefined entities and
character references to XML characters; `]]>` does not occur. Line ends are normalised as
XML prescribes before matching, references are resolved after it.

It returns a model only where the lxml path (`safe_xml.parse`, then `reader.read_tree`)
returns the same model without findings. Anything else (another encoding, a DOCTYPE, a
comment, an attribute below the root, an unknown or missing element, an invalid value, an
input near a limit) returns None, and the caller runs the lxml path, which reports exactly
what it reported before. So the findings never depend on which path ran;
`tests/test_plain_reader.py` compares both on valid and hostile inputs.
"""

import re
from functools import cache, lru_cache
from typing import Final

from iwmo.models import BY_NAME, Bericht
from iwmo.namespaces import BASISSCHEMA, XSI, message_namespace
from iwmo.plain_grammar import WS, ClassRead, Generator
from iwmo.safe_xml import BYTES_PER_NODE, Limits
from iwmo.schema import ClassSpec, message_spec

_LIBXML2_TEXT_LIMIT: Final = 10_000_000
"""libxml2 refuses a text node longer than this without huge_tree; a shorter input has none."""

_BY_NAMESPACE: Final = {message_namespace(name): model for name, model in BY_NAME.items()}
# Possessive quantifiers throughout: no input makes the prolog match backtrack.
_NAME: Final = "[A-Za-z_][A-Za-z0-9_.-]*+"
_QUOTED: Final = "(?:\"([^\"<&]*+)\"|'([^'<&]*+)')"
_PROLOG: Final = re.compile(
    "(?:<\\?xml[ \t\n]++version[ \t\n]*+=[ \t\n]*+(?:\"1\\.0\"|'1\\.0')"
    "(?:[ \t\n]++encoding[ \t\n]*+=[ \t\n]*+(?:\"[Uu][Tt][Ff]-8\"|'[Uu][Tt][Ff]-8'))?"
    "(?:[ \t\n]++standalone[ \t\n]*+=[ \t\n]*+(?:\"(?:yes|no)\"|'(?:yes|no)'))?[ \t\n]*+\\?>)?"
    f"{WS}<(?:({_NAME}):)?Bericht"
    f"((?:[ \t\n]++{_NAME}(?::{_NAME})?[ \t\n]*+=[ \t\n]*+{_QUOTED})*+)[ \t\n]*+>"
)
_ATTRIBUTE: Final = re.compile(f"({_NAME}(?::{_NAME})?)[ \t\n]*=[ \t\n]*{_QUOTED}")
# Every byte but the control characters that are not XML 1.0 characters: deleting these
# from the input leaves those control characters (one pass in C; a character class in a
# regular expression is tested a character at a time). U+FFFE and U+FFFF are looked for in
# the decoded text (free for a text without characters above U+00FF); surrogates cannot come
# out of a strict UTF-8 decode.
_ALLOWED_BYTES: Final = bytes(
    code for code in range(256) if code >= 0x20 or code in (0x9, 0xA, 0xD)
)
_XSI_ATTRIBUTES: Final = frozenset({"schemaLocation", "noNamespaceSchemaLocation"})


MAX_GRAMMARS: Final = 64
"""How many readers (message type x way of naming its two namespaces) a process compiles.

Compiling one takes 2-11 ms. A sender uses a few namings, so this holds every legitimate
one; a sender that invents new prefixes for every message gets the lxml path once the
limit is reached, instead of making each of its messages cost a compilation."""

_GRAMMARS: Final[dict[tuple[str, str, str], ClassRead]] = {}


def _grammar(bericht: str, message_prefix: str, basis_prefix: str) -> ClassRead | None:
    """The reader of a message type for one way of naming its namespaces; None when the
    limit of compiled readers is reached and this naming is not among them."""
    key = (bericht, message_prefix, basis_prefix)
    read = _GRAMMARS.get(key)
    if read is None and len(_GRAMMARS) < MAX_GRAMMARS:
        spec = message_spec(BY_NAME[bericht])
        generator = Generator({spec.namespace: message_prefix, BASISSCHEMA: basis_prefix})
        read = generator.compile(spec.root, WS, f"</{re.escape(message_prefix)}Bericht>{WS}")
        # Two threads may compile the same reader; both results are equal.
        _GRAMMARS[key] = read
    return read


@cache
def _depth(bericht: str) -> int:
    return depth(message_spec(BY_NAME[bericht]).root)


def depth(spec: ClassSpec) -> int:
    """How many levels of elements a class spans, itself included."""
    deepest = 0
    for field in spec.fields:
        inner = depth(field.cls) if field.cls is not None else 1
        deepest = max(deepest, inner + (1 if field.item_tag is not None else 0))
    return 1 + deepest


@lru_cache(maxsize=256)
def _namespaces(root_prefix: str | None, attributes: str) -> tuple[type[Bericht], str, str] | None:
    """The message type and the prefixes of its two namespaces, as the root declares them;
    None for anything but plain declarations and the two xsi attributes. A sender writes
    its roots the same way every time, so the answer is kept."""
    seen: set[str] = set()
    namespaces: dict[str, str] = {}  # prefix ("" for the default namespace) -> URI
    xsi_locals: list[str] = []
    for name, double, single in _ATTRIBUTE.findall(attributes):
        if name in seen:
            return None
        seen.add(name)
        if name == "xmlns":
            namespaces[""] = double or single
        elif name.startswith("xmlns:"):
            declared = name[len("xmlns:") :]
            if declared.lower().startswith("xml") or ":" in declared:
                return None
            namespaces[declared] = double or single
        else:
            prefix, _, local = name.partition(":")
            if local not in _XSI_ATTRIBUTES or namespaces.get(prefix, XSI) != XSI:
                return None
            xsi_locals.append(name)
    model = _BY_NAMESPACE.get(namespaces.get(root_prefix or "", ""))
    if model is None:
        return None
    message = message_namespace(model.BERICHT)
    if any(uri not in (message, BASISSCHEMA, XSI) for uri in namespaces.values()):
        return None
    # An xsi attribute's prefix must be declared (in any order) and each name used once.
    xsi = [name.partition(":") for name in xsi_locals]
    if any(namespaces.get(prefix) != XSI for prefix, _, _ in xsi):
        return None
    if len({local for _, _, local in xsi}) != len(xsi):
        return None
    message_names = [prefix for prefix, uri in namespaces.items() if uri == message]
    basis_names = [prefix for prefix, uri in namespaces.items() if uri == BASISSCHEMA]
    if len(message_names) != 1 or len(basis_names) != 1:
        return None
    return model, _written(message_names[0]), _written(basis_names[0])


def _written(prefix: str) -> str:
    return f"{prefix}:" if prefix else ""


def read_plain(
    data: bytes, limits: Limits, expected: type[Bericht] | None = None
) -> tuple[type[Bericht], Bericht] | None:
    """The message type and model of a plainly written, structurally valid message, or None
    when the lxml path must judge it (see the module docstring)."""
    # Inputs near a limit (size, node count, libxml2's text node) are left to the lxml path,
    # so every refusal for a limit stays its own.
    if len(data) > min(limits.max_bytes, BYTES_PER_NODE * limits.max_nodes, _LIBXML2_TEXT_LIMIT):
        return None
    if data.translate(None, _ALLOWED_BYTES):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\ufffe" in text or "\uffff" in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "]]>" in text:
        return None
    prolog = _PROLOG.match(text)
    if prolog is None:
        return None
    named = _namespaces(prolog.group(1), prolog.group(2))
    if named is None:
        return None
    model, message_prefix, basis_prefix = named
    if (expected is not None and model is not expected) or _depth(model.BERICHT) > limits.max_depth:
        return None
    read = _grammar(model.BERICHT, message_prefix, basis_prefix)
    if read is None:
        return None
    try:
        result = read(text, prolog.end(), "&" in text)
    except ValueError:  # an impossible date, or a reference that is not allowed
        return None
    if result is None or result[1] != len(text):
        return None
    return model, result[0]

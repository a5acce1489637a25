"""Layers 1b and 2a: read a parsed tree into a model while checking it as the XSD would.

Every problem is collected, up to `MAX_FINDINGS`, instead of stopping at the
first; a model is returned only when the tree matched the structure exactly.
Reading stops once that many are found, so a tree of garbage costs no more than
its first hundred problems.

Two passes share the compiled `ClassSpec`s. The fast pass (`_fast_class`) does
every check of the full one but stops at the first deviation and builds no
paths or findings; almost every message received is valid, so that is what runs.
When it stops, the full reader (`_Reader`) reads the message again and reports
everything, so the findings never depend on which pass ran.
"""

from typing import Any, Final

from lxml import etree  # type: ignore[import-untyped]

from iwmo.findings import CODE_XSD, Finding, Level
from iwmo.models import BY_NAME, Bericht
from iwmo.namespaces import XSI, message_namespace
from iwmo.schema import ClassSpec, FieldSpec, MessageSpec, message_spec

MAX_FINDINGS: Final = 100
"""Enough to describe any real message; bounds the work spent on garbage and the answer."""

_BY_ROOT: Final = {
    f"{{{message_namespace(name)}}}Bericht": model for name, model in BY_NAME.items()
}
_ALLOWED_ATTRIBUTES: Final = frozenset(
    {f"{{{XSI}}}schemaLocation", f"{{{XSI}}}noNamespaceSchemaLocation"}
)
_WHITESPACE: Final = " \t\n\r"
# Attributes below the root; one XPath in libxml2 instead of an attribute map per element.
_ATTRIBUTE_BELOW_ROOT: Final = etree.XPath("boolean(/*/descendant::*/@*)")


def detect(root: Any) -> type[Bericht] | None:
    """The message type a root element stands for, or None for anything else."""
    return _BY_ROOT.get(root.tag)


class _Enough(Exception):
    """Raised when `MAX_FINDINGS` are collected: the rest of the tree is not read."""


class _Reader:
    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, path: str, message: str) -> None:
        self.findings.append(
            Finding(code=CODE_XSD, path=path, message=message, rule="XSD", level=Level.XSD)
        )
        if len(self.findings) >= MAX_FINDINGS:
            raise _Enough

    def read_class(self, element: Any, spec: ClassSpec, path: str) -> Any:
        if element.attrib:
            self._check_attributes(element, path)
        if element.text is not None and element.text.strip(_WHITESPACE):
            self.add(path, "tekst is hier niet toegestaan")
        # One child at a time: a list of a million children would cost a proxy object each.
        children = element.iterchildren(etree.Element)
        child = next(children, None)
        values: dict[str, Any] = {}
        complete = True
        for field in spec.fields:
            if child is not None and child.tag == field.tag:
                current, child = child, next(children, None)
                if current.tail is not None and current.tail.strip(_WHITESPACE):
                    self.add(f"{path}/{field.local}", "tekst na element is niet toegestaan")
                value = self._read_field(current, field, f"{path}/{field.local}")
                if value is None:
                    complete = False
                else:
                    values[field.attr] = value
            elif field.required:
                self.add(f"{path}/{field.local}", f"element {field.local} ontbreekt")
                complete = False
        while child is not None:
            self.add(
                f"{path}/{_local(child.tag)}", f"element {_local(child.tag)} is hier onverwacht"
            )
            complete = False
            child = next(children, None)
        if not complete:
            return None
        return spec.model(**values)

    def _read_field(self, element: Any, field: FieldSpec, path: str) -> Any:
        if field.item_tag is not None:
            return self._read_items(element, field, path)
        if field.cls is not None:
            return self.read_class(element, field.cls, path)
        return self._read_leaf(element, field, path)

    def _read_items(self, element: Any, field: FieldSpec, path: str) -> tuple[Any, ...] | None:
        if element.attrib:
            self._check_attributes(element, path)
        items: list[Any] = []
        complete = True
        position = 0
        for child in element.iterchildren(etree.Element):
            position += 1
            item_path = f"{path}/{field.item_local}[{position}]"
            if child.tag != field.item_tag:
                self.add(item_path, f"element {_local(child.tag)} is hier onverwacht")
                complete = False
                continue
            if field.cls is not None:
                value = self.read_class(child, field.cls, item_path)
            else:
                value = self._read_leaf(child, field, item_path)
            if value is None:
                complete = False
            else:
                items.append(value)
        if position == 0:
            self.add(path, f"{field.local} moet minstens één {field.item_local} bevatten")
            return None
        return tuple(items) if complete else None

    def _read_leaf(self, element: Any, field: FieldSpec, path: str) -> Any:
        if element.attrib:
            self._check_attributes(element, path)
        if len(element):
            self.add(path, "element mag geen kindelementen bevatten")
            return None
        assert field.ldt is not None  # noqa: S101 - guaranteed by the compiled spec
        value, error = field.ldt.parse(element.text or "")
        if error is not None:
            self.add(path, error)
            return None
        if field.pattern is not None and not field.pattern.fullmatch(str(value)):
            self.add(path, f"voldoet niet aan patroon {field.pattern.pattern}")
            return None
        return value

    def _check_attributes(self, element: Any, path: str) -> None:
        for name in element.attrib:
            if name not in _ALLOWED_ATTRIBUTES:
                self.add(path, f"attribuut {_local(name)} is niet toegestaan")


def _local(tag: Any) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def _fast_class(element: Any, spec: ClassSpec) -> Any:
    """`_Reader.read_class` for a valid class: the model, or None at the first deviation.

    Attributes are checked once for the whole tree by the caller. All child nodes
    are visited, so a comment or processing instruction is an unknown child here
    and sends the message to the full reader, which skips them.
    """
    text = element.text
    if text is not None and text.strip(_WHITESPACE):
        return None
    fields = spec.fields
    positions = spec.positions
    required_before = spec.required_before
    values: dict[str, Any] = {}
    next_field = 0
    for child in element:
        # The child must be a later field, and every field skipped on the way optional:
        # the same greedy in-order match as `read_class`.
        position = positions.get(child.tag, -1)
        if position < next_field or required_before[position] != required_before[next_field]:
            return None
        next_field = position + 1
        tail = child.tail
        if tail is not None and tail.strip(_WHITESPACE):
            return None
        field = fields[position]
        value: Any
        if field.item_tag is not None:
            value = _fast_items(child, field)
        elif field.cls is not None:
            value = _fast_class(child, field.cls)
        elif len(child):
            return None
        else:
            assert field.convert is not None  # noqa: S101 - guaranteed by the compiled spec
            value = field.convert(child.text or "")
        if value is None:
            return None
        values[field.attr] = value
    if required_before[next_field] != required_before[-1]:
        return None
    return spec.model(**values)


def _fast_items(element: Any, field: FieldSpec) -> tuple[Any, ...] | None:
    """`_Reader._read_items` for a valid wrapper: the items, or None at the first deviation."""
    items: list[Any] = []
    item_tag = field.item_tag
    cls = field.cls
    convert = field.convert
    for child in element:
        if child.tag != item_tag:
            return None
        if cls is not None:
            value = _fast_class(child, cls)
        elif len(child):
            return None
        else:
            assert convert is not None  # noqa: S101 - guaranteed by the compiled spec
            value = convert(child.text or "")
        if value is None:
            return None
        items.append(value)
    return tuple(items) if items else None


def _read_fast(root: Any, spec: ClassSpec) -> Any:
    """The model of a valid message, or None when the full reader must look."""
    if any(name not in _ALLOWED_ATTRIBUTES for name in root.attrib):
        return None
    if _ATTRIBUTE_BELOW_ROOT(root):
        return None
    return _fast_class(root, spec)


_VERSIE: Final = 3
_SUBVERSIE: Final = 2


def _check_fixed_header(model: Bericht, spec: MessageSpec, reader: _Reader) -> None:
    header = model.header
    expected = (
        ("BerichtCode", header.bericht_code, spec.model.CODE),
        ("BerichtVersie", header.bericht_versie, _VERSIE),
        ("BerichtSubversie", header.bericht_subversie, _SUBVERSIE),
    )
    for local, actual, wanted in expected:
        if actual != wanted:
            reader.add(f"/Bericht/Header/{local}", f"{local} moet {wanted} zijn")


def check_read(
    model_type: type[Bericht], model: Bericht
) -> tuple[type[Bericht], Bericht | None, list[Finding]]:
    """`read_tree`'s answer for a model read without findings by another pass
    (`plain_reader`): the fixed header values are checked the same way."""
    header = model.header
    fixed = (header.bericht_code, header.bericht_versie, header.bericht_subversie)
    if fixed == (model_type.CODE, _VERSIE, _SUBVERSIE):  # as good as always: nothing to report
        return model_type, model, []
    reader = _Reader()
    _check_fixed_header(model, message_spec(model_type), reader)
    return model_type, None, reader.findings


def read_tree(
    root: Any, expected: type[Bericht] | None = None
) -> tuple[type[Bericht] | None, Bericht | None, list[Finding]]:
    """Read a parsed root element: (message type, model or None, findings)."""
    reader = _Reader()
    model_type = detect(root)
    if model_type is None:
        namespace = str(root.tag)[1:].split("}")[0] if str(root.tag).startswith("{") else ""
        reader.add(
            "/" + _local(root.tag),
            f"geen iWmo 3.2-bericht (root {_local(root.tag)} in namespace '{namespace}')",
        )
        return None, None, reader.findings
    if expected is not None and model_type is not expected:
        reader.add("/Bericht", f"verwacht {expected.BERICHT}, ontvangen {model_type.BERICHT}")
        return model_type, None, reader.findings
    spec = message_spec(model_type)
    model = _read_fast(root, spec.root)
    try:
        if model is None:
            model = reader.read_class(root, spec.root, "/Bericht")
        if model is not None:
            _check_fixed_header(model, spec, reader)
    except _Enough:
        return model_type, None, reader.findings
    if reader.findings:
        return model_type, None, reader.findings
    return model_type, model, []

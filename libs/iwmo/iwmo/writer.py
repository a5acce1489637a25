"""Write a model as iWmo 3.2 XML in the standard's namespaces and element order.

The writer checks every value against its datatype while it serialises, so what
it returns is XSD-valid; a model that cannot be written raises `InvalidMessage`
with all findings.
"""

import dataclasses
import re
from typing import Any, Final

from iwmo.datatypes import format_value
from iwmo.findings import CODE_XSD, Finding, InvalidMessage, Level
from iwmo.models import Bericht
from iwmo.namespaces import BASISSCHEMA, prefix
from iwmo.schema import ClassSpec, FieldSpec, message_spec

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPES: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class _Writer:
    def __init__(self, message_prefix: str, indent: bool) -> None:
        self.parts: list[str] = []
        self.findings: list[Finding] = []
        self.prefixes = {True: "iwmo:", False: f"{message_prefix}:"}
        self.indent = indent

    def add(self, path: str, message: str) -> None:
        self.findings.append(
            Finding(code=CODE_XSD, path=path, message=message, rule="XSD", level=Level.XSD)
        )

    def pad(self, depth: int) -> str:
        return "\n" + "  " * depth if self.indent else ""

    def write_class(self, obj: Any, spec: ClassSpec, path: str, depth: int) -> None:
        for field in spec.fields:
            value = getattr(obj, field.attr)
            field_path = f"{path}/{field.local}"
            if value is None or (field.item_tag is not None and value == ()):
                if field.required:
                    self.add(field_path, f"element {field.local} ontbreekt")
                continue
            name = self.prefixes[field.in_basisschema] + field.local
            self.parts.append(f"{self.pad(depth)}<{name}>")
            if field.item_tag is not None:
                self._write_items(value, field, field_path, depth + 1)
                self.parts.append(f"{self.pad(depth)}</{name}>")
            elif field.cls is not None:
                self.write_class(value, field.cls, field_path, depth + 1)
                self.parts.append(f"{self.pad(depth)}</{name}>")
            else:
                self.parts.append(f"{self._leaf(value, field, field_path)}</{name}>")

    def _write_items(self, items: Any, field: FieldSpec, path: str, depth: int) -> None:
        # Items of a wrapper live in the namespace of the wrapper's own XSD.
        item = f"{self.prefixes[field.in_basisschema]}{field.item_local}"
        for position, value in enumerate(items, start=1):
            item_path = f"{path}/{field.item_local}[{position}]"
            self.parts.append(f"{self.pad(depth)}<{item}>")
            if field.cls is not None:
                self.write_class(value, field.cls, item_path, depth + 1)
                self.parts.append(f"{self.pad(depth)}</{item}>")
            else:
                self.parts.append(f"{self._leaf(value, field, item_path)}</{item}>")

    def _leaf(self, value: Any, field: FieldSpec, path: str) -> str:
        assert field.ldt is not None  # noqa: S101 - guaranteed by the compiled spec
        error = field.ldt.check(value)
        if error is not None:
            self.add(path, error)
            return ""
        text = format_value(value)
        if field.pattern is not None and not field.pattern.fullmatch(text):
            self.add(path, f"voldoet niet aan patroon {field.pattern.pattern}")
        if _NOT_XML.search(text):
            self.add(path, "bevat tekens die XML niet kan bevatten")
            return ""
        return text.translate(_ESCAPES)


def write_message(message: Bericht, *, indent: bool = False) -> bytes:
    """Serialise `message` as UTF-8 XML; raises `InvalidMessage` when it would not be valid."""
    spec = message_spec(type(message))
    name = type(message).BERICHT
    message_prefix = prefix(name)
    writer = _Writer(message_prefix, indent)
    header = message.header
    if header.bericht_code != type(message).CODE:
        writer.add("/Bericht/Header/BerichtCode", f"BerichtCode moet {type(message).CODE} zijn")
    if (header.bericht_versie, header.bericht_subversie) != (3, 2):
        writer.add("/Bericht/Header", "BerichtVersie en BerichtSubversie moeten 3 en 2 zijn")
    writer.parts.append(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{message_prefix}:Bericht'
        f' xmlns:iwmo="{BASISSCHEMA}" xmlns:{message_prefix}="{spec.namespace}">'
    )
    writer.write_class(message, spec.root, "/Bericht", 1)
    writer.parts.append(f"{writer.pad(0)}</{message_prefix}:Bericht>\n")
    if writer.findings:
        raise InvalidMessage(writer.findings)
    return "".join(writer.parts).encode("utf-8")


def replace(obj: Any, **changes: Any) -> Any:
    """`dataclasses.replace` for the frozen models, re-exported for callers' convenience."""
    return dataclasses.replace(obj, **changes)

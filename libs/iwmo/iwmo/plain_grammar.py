"""The readers `plain_reader` runs: the compiled `ClassSpec`s as expressions and Python code.

A class becomes one function. Each run of its elements up to the next wrapper (or a class
that holds one) is one anchored expression: every leaf `<t>([^<]*+)</t>`, every class
without wrappers inlined with its children, optional ones in `(?:...)?+`, each element
followed by the whitespace after it. Every quantifier is possessive, so a match never goes
back over text it has passed: the elements of a class have distinct tags, so an element
that was matched could never have been absent. A wrapper is a loop over its item's reader;
the start and end tags of a required one are part of the runs before and after it.

The code that converts the captured texts and builds the models is generated per class, as
`dataclasses` generates `__init__`: straight-line code, one variable per field, no loop over
the fields and no dict of values. A leaf is converted as `FieldSpec.convert` does (`leaf`
says how). A model is made by `object.__new__` and one `object.__setattr__` per field,
which is what the frozen dataclass `__init__` does without the call by keywords; every
field is set, an absent one to its default. Nothing of the input reaches the generated
source: the namespace prefixes go only into the expressions (escaped) and into constants.
"""

import dataclasses
import re
from collections.abc import Callable
from datetime import date, time
from typing import Any, Final

from iwmo.schema import ClassSpec, FieldSpec

TEXT: Final = "([^<]*+)"
"""A leaf's text; the characters are checked once for the whole input by the caller."""
WS: Final = "[ \t\n]*+"
"""Whitespace after an element; line ends are normalised first, so there is no CR."""
_XSD_SPACE: Final = "[ \t\n]*+"
"""The whitespace a converter strips around a number or a date (XSD \\s, without CR)."""

_ENTITIES: Final = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_REFERENCE: Final = re.compile("&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")

ClassRead = Callable[[str, int, bool], tuple[Any, int] | None]
"""(text, position, whether the text holds references) -> (model, position after) or None."""


def _is_xml_char(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def resolve(text: str) -> str | None:
    """The text with its references replaced, or None when one is not allowed.

    Only the predefined entities and character references to XML characters are allowed
    (there is no DTD to declare others); a character reference is not line-end normalised.
    """
    if "&" not in text:
        return text
    parts: list[str] = []
    end = 0
    for match in _REFERENCE.finditer(text):
        if "&" in text[end : match.start()]:
            return None
        parts.append(text[end : match.start()])
        name, decimal, hexadecimal = match.groups()
        if name is not None:
            parts.append(_ENTITIES[name])
        else:
            code = int(decimal) if decimal is not None else int(hexadecimal, 16)
            if not _is_xml_char(code):
                return None
            parts.append(chr(code))
        end = match.end()
    if "&" in text[end:]:
        return None
    parts.append(text[end:])
    return "".join(parts)


def _resolved(groups: tuple[str | None, ...]) -> tuple[str | None, ...]:
    """The captured texts with their references resolved; ValueError for one not allowed."""
    resolved = tuple(None if text is None else resolve(text) for text in groups)
    if any(new is None and old is not None for new, old in zip(resolved, groups, strict=True)):
        raise ValueError("reference not allowed")
    return resolved


def inlinable(spec: ClassSpec) -> bool:
    """Whether a class holds no wrapper at any depth, so that one expression matches it."""
    return all(
        field.item_tag is None and (field.cls is None or inlinable(field.cls))
        for field in spec.fields
    )


def _default(model: type[Any], attr: str) -> Any:
    field = next(field for field in dataclasses.fields(model) if field.name == attr)
    # An optional element without a default would make the dataclass __init__ fail as well.
    assert field.default is not dataclasses.MISSING, f"{model.__name__}.{attr}"  # noqa: S101
    return field.default


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in "\n".join(lines).split("\n")]


class Generator:
    """Generates the readers of one message type for one way of naming its namespaces."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names  # namespace -> "prefix:" or "" for the default namespace
        self.scope: dict[str, Any] = {
            "NEW": object.__new__,
            "SET": object.__setattr__,
            "DATE": date.fromisoformat,
            "TIME": time.fromisoformat,
            "RESOLVED": _resolved,
        }
        self.sources: list[str] = []
        self.count = 0

    def name(self, value: Any, kind: str) -> str:
        """A fresh name in the generated code's scope, bound to `value`."""
        self.count += 1
        name = f"{kind}{self.count}"
        self.scope[name] = value
        return name

    def variable(self) -> str:
        self.count += 1
        return f"v{self.count}"

    def written(self, clark: str) -> str:
        namespace, local = clark[1:].split("}")
        return self.names[namespace] + local

    def build(self, spec: ClassSpec, variables: list[str], code: list[str]) -> str:
        """Code that makes the model of `spec` from its fields' variables; returns its variable."""
        target = self.variable()
        calls = [f"{target} = NEW({self.name(spec.model, 'K')})"]
        calls += [
            f"SET({target}, {field.attr!r}, {variable})"
            for field, variable in zip(spec.fields, variables, strict=True)
        ]
        code.append("; ".join(calls))
        return target

    def leaf(self, field: FieldSpec, text: str, target: str) -> tuple[str, list[str]]:
        """The expression of a leaf's text and the code that converts `text` into `target`.

        Where the converter's own test is a plain lexical form (ASCII digits, a date, a time),
        the expression demands that form and the code only converts: a text the expression
        does not take sends the message to the lxml path, where the converter judges it.
        Codes and strings are tested in the code with the converter's facets.
        """
        ldt = field.ldt
        if field.pattern is None and ldt is not None:
            if ldt.base == "integer":
                bounds = [f"{target} < {ldt.min_value}"] if ldt.min_value is not None else []
                bounds += [f"{target} > {ldt.max_value}"] if ldt.max_value is not None else []
                check = [f"if {' or '.join(bounds)}: return None"] if bounds else []
                return f"{_XSD_SPACE}([0-9]++){_XSD_SPACE}", [f"{target} = int({text})", *check]
            if ldt.base == "date":
                # An impossible date (2024-02-30) raises ValueError: the caller falls back.
                return f"{_XSD_SPACE}([0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}){_XSD_SPACE}", [
                    f"{target} = DATE({text})"
                ]
            if ldt.base == "time":
                expression = "([0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?)"
                return f"{_XSD_SPACE}{expression}{_XSD_SPACE}", [f"{target} = TIME({text})"]
            if ldt.base == "string" and ldt.enumeration is not None:
                codes = self.name(ldt.enumeration, "E")
                return TEXT, [f"if {text} not in {codes}: return None", f"{target} = {text}"]
            if ldt.base == "string":
                # `Ldt.convert` for a string, with its facets written into the code.
                shortest, longest = ldt.min_length or 0, ldt.max_length
                tests = [f"len({text}) < {shortest}"] if shortest else []
                tests += [f"len({text}) > {longest}"] if longest is not None else []
                accepts = ldt.pattern_check()
                if accepts is not None:
                    tests.append(f"not {self.name(accepts, 'P')}({text})")
                check = [f"if {' or '.join(tests)}: return None"] if tests else []
                return TEXT, [*check, f"{target} = {text}"]
        convert = self.name(field.convert, "C")
        return TEXT, [f"{target} = {convert}({text})", f"if {target} is None: return None"]

    def inline(
        self,
        model: type[Any],
        field: FieldSpec,
        parts: list[str],
        texts: list[str],
        code: list[str],
    ) -> str:
        """Append the expression of one field of `model` and its code; returns its variable."""
        tag = re.escape(self.written(field.tag))
        target = self.variable()
        if field.cls is None:
            text = f"t{len(texts)}"
            texts.append(text)
            expression, convert = self.leaf(field, text, target)
            element = f"<{tag}>{expression}</{tag}>{WS}"
            self.place(model, field, element, text, target, convert, parts, code)
            return target
        presence = f"t{len(texts)}"
        if not field.required:
            texts.append(presence)
        inner_parts: list[str] = []
        inner: list[str] = []
        children = [
            self.inline(field.cls.model, child, inner_parts, texts, inner)
            for child in field.cls.fields
        ]
        inner.append(f"{target} = {self.build(field.cls, children, inner)}")
        start = f"<{tag}>" if field.required else f"(<{tag}>)"
        element = f"{start}{WS}{''.join(inner_parts)}</{tag}>{WS}"
        self.place(model, field, element, presence, target, inner, parts, code)
        return target

    def place(
        self,
        model: type[Any],
        field: FieldSpec,
        element: str,
        presence: str,
        target: str,
        field_code: list[str],
        parts: list[str],
        code: list[str],
    ) -> None:
        """Append a field's expression and code: as they are when it is required; else the
        expression may be absent and the code runs only when `presence` (its first capture)
        matched, the field's default standing in otherwise."""
        if field.required:
            parts.append(element)
            code.extend(field_code)
            return
        parts.append(f"(?:{element})?+")
        default = self.name(_default(model, field.attr), "D")
        code.append(f"if {presence} is None: {target} = {default}")
        code.append("else:")
        code.extend(_indent(field_code))

    def run(self, parts: list[str], texts: list[str], run_code: list[str], code: list[str]) -> None:
        """Code that matches one run of elements and converts what it captured."""
        match = self.name(re.compile("".join(parts)).match, "M")
        code.append(f"m = {match}(text, pos)")
        code.append("if m is None: return None")
        if texts:
            unpacked = ", ".join(texts) + ","
            code.append(f"{unpacked} = m.groups() if not refs else RESOLVED(m.groups())")
        code.extend(run_code)
        code.append("pos = m.end()")

    def reader(self, spec: ClassSpec, start: str, end: str) -> str:
        """Generate the reader of `spec` from `start` through `end`; returns the function's name."""
        function = self.name(None, "read")
        code: list[str] = []
        parts: list[str] = [start]
        texts: list[str] = []
        run_code: list[str] = []
        variables: list[str] = []
        for field in spec.fields:
            if field.item_tag is None and (field.cls is None or inlinable(field.cls)):
                variables.append(self.inline(spec.model, field, parts, texts, run_code))
                continue
            if field.item_tag is not None and field.required:
                # The start and end tags of a required wrapper join the runs around it.
                tag = re.escape(self.written(field.tag))
                parts.append(f"<{tag}>{WS}")
                self.run(parts, texts, run_code, code)
                variables.append(self.items(field, code))
                parts, texts, run_code = [f"</{tag}>{WS}"], [], []
                continue
            self.run(parts, texts, run_code, code)
            parts, texts, run_code = [], [], []
            if field.item_tag is not None:
                variables.append(self.optional_wrapper(spec.model, field, code))
            else:
                variables.append(self.child(spec.model, field, code))
        parts.append(end)
        self.run(parts, texts, run_code, code)
        code.append(f"return {self.build(spec, variables, code)}, pos")
        self.sources.append(f"def {function}(text, pos, refs):\n" + "\n".join(_indent(code)))
        return function

    def child(self, model: type[Any], field: FieldSpec, code: list[str]) -> str:
        """Code for a class that holds a wrapper; returns its variable."""
        assert field.cls is not None  # noqa: S101 - only classes come here
        tag = re.escape(self.written(field.tag))
        read = self.reader(field.cls, f"<{tag}>{WS}", f"</{tag}>{WS}")
        target = self.variable()
        call = [f"r = {read}(text, pos, refs)", "if r is None: return None", f"{target}, pos = r"]
        if field.required:
            code.extend(call)
            return target
        opening = self.name(f"<{self.written(field.tag)}>", "T")
        default = self.name(_default(model, field.attr), "D")
        code.append(f"if not text.startswith({opening}, pos): {target} = {default}")
        code.append("else:")
        code.extend(_indent(call))
        return target

    def items(self, field: FieldSpec, code: list[str]) -> str:
        """Code for the items of a wrapper, from after its start tag; returns its variable."""
        assert field.item_tag is not None  # noqa: S101 - only wrappers come here
        item = re.escape(self.written(field.item_tag))
        if field.cls is not None:
            read_item = self.reader(field.cls, f"<{item}>{WS}", f"</{item}>{WS}")
        else:
            pattern = re.compile(f"<{item}>{TEXT}</{item}>{WS}")
            read_item = self.name(_leaf_item(pattern, field), "L")
        # A look at the next start tag ends the loop: cheaper than a failing match.
        opening = self.name(f"<{self.written(field.item_tag)}>", "T")
        target = self.variable()
        code.extend(
            [
                "items = []",
                f"while text.startswith({opening}, pos):",
                f"    r = {read_item}(text, pos, refs)",
                "    if r is None: return None",
                "    items.append(r[0])",
                "    pos = r[1]",
                "if not items: return None",
                f"{target} = tuple(items)",
            ]
        )
        return target

    def optional_wrapper(self, model: type[Any], field: FieldSpec, code: list[str]) -> str:
        """Code for an optional wrapper and its items; returns its variable."""
        tag = re.escape(self.written(field.tag))
        opening = self.name(re.compile(f"<{tag}>{WS}").match, "M")
        closing = self.name(re.compile(f"</{tag}>{WS}").match, "M")
        loop: list[str] = ["pos = m.end()"]
        target = self.items(field, loop)
        loop += [f"m = {closing}(text, pos)", "if m is None: return None", "pos = m.end()"]
        default = self.name(_default(model, field.attr), "D")
        code.append(f"m = {opening}(text, pos)")
        code.append(f"if m is None: {target} = {default}")
        code.append("else:")
        code.extend(_indent(loop))
        return target

    def compile(self, spec: ClassSpec, start: str, end: str) -> ClassRead:
        """The reader of `spec`, with the readers of its items, as Python functions."""
        function = self.reader(spec, start, end)
        exec("\n\n".join(self.sources), self.scope)  # noqa: S102 - generated from our specs
        read: ClassRead = self.scope[function]
        return read


def _leaf_item(pattern: re.Pattern[str], field: FieldSpec) -> ClassRead:
    """The reader of one item of a wrapper of leaves (RetourCodes)."""
    match = pattern.match
    convert = field.convert
    assert convert is not None  # noqa: S101 - guaranteed by the compiled spec

    def read(text: str, position: int, references: bool) -> tuple[Any, int] | None:
        found = match(text, position)
        if found is None:
            return None
        value: Any = found.group(1)
        if references:
            value = resolve(value)
        value = None if value is None else convert(value)
        return None if value is None else (value, found.end())

    return read

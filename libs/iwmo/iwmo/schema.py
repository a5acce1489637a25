"""The structure of each message, compiled once from the model classes.

The dataclass fields and their `Annotated` metadata are the single description
of a message: the reader, the writer and the structure check all walk the
compiled `ClassSpec`, so they cannot disagree about names, order or types.
"""

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Union

from iwmo.datatypes import Ldt, LeafValue
from iwmo.models import Bericht, Cdt
from iwmo.models.basis import Pattern, Wrapped
from iwmo.namespaces import BASISSCHEMA, message_namespace


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One child element of a class, in XSD order."""

    attr: str
    local: str
    tag: str
    required: bool
    ldt: Ldt | None
    cls: "ClassSpec | None"
    item_local: str | None
    item_tag: str | None
    pattern: re.Pattern[str] | None
    in_basisschema: bool
    convert: Callable[[str], LeafValue | None] | None
    """For a leaf: its datatype and the extra pattern in one call (the reader's fast path)."""

    @property
    def repeated(self) -> bool:
        return self.item_tag is not None


@dataclass(slots=True)
class ClassSpec:
    """A complex element: the model class and its children."""

    model: type[Any]
    fields: tuple[FieldSpec, ...] = ()
    positions: dict[str, int] = dataclasses.field(default_factory=dict)
    """Child tag -> index in `fields`."""
    required_before: tuple[int, ...] = (0,)
    """How many of `fields[:i]` are required: skipping fields i..j-1 is allowed exactly
    when `required_before[i] == required_before[j]`."""

    def set_fields(self, fields: tuple[FieldSpec, ...]) -> None:
        self.fields = fields
        self.positions = {field.tag: index for index, field in enumerate(fields)}
        counts = [0]
        for field in fields:
            counts.append(counts[-1] + field.required)
        self.required_before = tuple(counts)


@dataclass(frozen=True, slots=True)
class MessageSpec:
    model: type[Bericht]
    namespace: str
    root_tag: str
    root: ClassSpec


def element_name(attr: str) -> str:
    """`toewijzing_nummer` -> `ToewijzingNummer`, `telefoon01` -> `Telefoon01`."""
    return "".join(part[:1].upper() + part[1:] for part in attr.split("_"))


def _split_optional(hint: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(args) == 1 and len(args) != len(typing.get_args(hint)):
            return args[0], True
    return hint, False


def _metadata(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    if typing.get_origin(hint) is typing.Annotated:
        base, *extras = typing.get_args(hint)
        inner, more = _metadata(base)
        return inner, (*more, *extras)
    return hint, ()


def _leaf_converter(
    ldt: Ldt | None, pattern: Pattern | None
) -> Callable[[str], LeafValue | None] | None:
    if ldt is None or pattern is None:
        return ldt.convert if ldt is not None else None
    convert = ldt.convert
    regex = re.compile(pattern.regex)

    def convert_with_pattern(text: str) -> LeafValue | None:
        value = convert(text)
        return value if value is not None and regex.fullmatch(str(value)) else None

    return convert_with_pattern


def _compile_class(
    model: type[Any], namespace: str, cache_: dict[tuple[type[Any], str], ClassSpec]
) -> ClassSpec:
    key = (model, namespace)
    if key in cache_:
        return cache_[key]
    spec = ClassSpec(model=model)
    cache_[key] = spec
    child_ns = BASISSCHEMA if issubclass(model, Cdt) else namespace
    hints = typing.get_type_hints(model, include_extras=True)
    compiled: list[FieldSpec] = []
    for field in dataclasses.fields(model):
        hint, optional = _split_optional(hints[field.name])
        base, extras = _metadata(hint)
        wrapped = next((extra for extra in extras if isinstance(extra, Wrapped)), None)
        ldt = next((extra for extra in extras if isinstance(extra, Ldt)), None)
        pattern = next((extra for extra in extras if isinstance(extra, Pattern)), None)
        local = element_name(field.name)
        cls_spec: ClassSpec | None = None
        if wrapped is not None:
            (item_hint, _ellipsis) = typing.get_args(base)
            required = field.default is dataclasses.MISSING
            if ldt is None:
                cls_spec = _compile_class(item_hint, namespace, cache_)
        else:
            required = not optional
            if ldt is None:
                cls_spec = _compile_class(base, namespace, cache_)
        compiled.append(
            FieldSpec(
                attr=field.name,
                local=local,
                tag=f"{{{child_ns}}}{local}",
                required=required,
                ldt=ldt,
                cls=cls_spec,
                item_local=wrapped.item if wrapped else None,
                # Items of a wrapper are declared in the message XSD, as the wrapper is.
                item_tag=f"{{{child_ns}}}{wrapped.item}" if wrapped else None,
                pattern=re.compile(pattern.regex) if pattern else None,
                in_basisschema=child_ns == BASISSCHEMA,
                convert=_leaf_converter(ldt, pattern),
            )
        )
    spec.set_fields(tuple(compiled))
    return spec


_SPECS: dict[str, MessageSpec] = {}


def message_spec(model: type[Bericht]) -> MessageSpec:
    """The compiled structure of a message type (compiled on first use, then reused)."""
    known = _SPECS.get(model.BERICHT)
    if known is not None and known.model is model:
        return known
    namespace = message_namespace(model.BERICHT)
    root = _compile_class(model, namespace, {})
    spec = MessageSpec(
        model=model, namespace=namespace, root_tag=f"{{{namespace}}}Bericht", root=root
    )
    _SPECS[model.BERICHT] = spec
    return spec

"""Property tests over the whole model: whatever the codec writes is XSD-valid and reads back."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwmo import MESSAGE_TYPES, Bericht, read_message, write_message
from iwmo.datatypes import Ldt
from iwmo.schema import ClassSpec, FieldSpec, message_spec

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


def message_strategy(model: type[Bericht]) -> st.SearchStrategy[Bericht]:
    return class_strategy(message_spec(model).root, model.CODE)


@pytest.mark.parametrize("model", MESSAGE_TYPES, ids=[m.BERICHT for m in MESSAGE_TYPES])
def test_every_generated_message_is_xsd_valid_and_reads_back_equal(
    model: type[Bericht], assert_xsd_valid: Callable[[str, bytes], None]
) -> None:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(message_strategy(model))
    def check(message: Bericht) -> None:
        xml = write_message(message)
        assert_xsd_valid(model.BERICHT, xml)
        assert read_message(xml) == message

    check()

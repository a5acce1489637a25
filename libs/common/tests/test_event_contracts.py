"""The AsyncAPI document says what a consumer really receives: the whole CloudEvent as the
record value, its `data` typed by the event's schema, decimals as strings with a pattern."""

from __future__ import annotations

import json
import re
import typing
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter

import wmo_common.events  # noqa: F401 - registers the catalogue
from wmo_common.events.common import DecimalString
from wmo_common.events.envelope import CONTENT_TYPE
from wmo_common.events.finance import BudgetdrempelOverschreden
from wmo_common.events.registry import asyncapi_document, catalogue
from wmo_testing.events import SOURCE

DOCUMENT = asyncapi_document()
SCHEMAS: dict[str, Any] = DOCUMENT["components"]["schemas"]
DECIMAL_PATTERN = TypeAdapter(DecimalString).json_schema()["pattern"]


def resolve(reference: dict[str, Any]) -> dict[str, Any]:
    prefix = "#/components/schemas/"
    assert reference["$ref"].startswith(prefix), reference
    schema: dict[str, Any] = SCHEMAS[reference["$ref"].removeprefix(prefix)]
    return schema


def references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def test_every_reference_in_the_asyncapi_document_points_into_the_document() -> None:
    targets = {f"#/components/schemas/{name}" for name in SCHEMAS}
    targets |= {f"#/components/messages/{name}" for name in DOCUMENT["components"]["messages"]}
    targets |= {f"#/channels/{name}" for name in DOCUMENT["channels"]}
    assert set(references(DOCUMENT)) <= targets
    assert not any("$defs" in schema for schema in SCHEMAS.values())


def test_every_message_is_a_whole_cloudevent_whose_data_is_its_event_schema() -> None:
    messages = DOCUMENT["components"]["messages"]
    assert {message["name"] for message in messages.values()} == set(catalogue())
    for message in messages.values():
        headers = resolve(message["headers"])
        assert headers["required"] == ["content-type"]
        assert headers["properties"] == {"content-type": {"type": "string", "const": CONTENT_TYPE}}
        envelope, specific = message["payload"]["allOf"]
        assert resolve(envelope)["title"] == "CloudEvent"
        assert specific["properties"]["type"] == {"const": message["name"]}
        model = catalogue()[message["name"]]
        assert resolve(specific["properties"]["data"])["title"] == model.__name__


def test_a_published_record_value_has_the_fields_its_message_declares() -> None:
    event = BudgetdrempelOverschreden(
        budget_id=uuid.uuid4(),
        jaar=2026,
        budget_cents=100_000_00,
        besteed_cents=91_500_00,
        percentage=Decimal("91.5"),
        drempel_percentage=Decimal("90"),
    )
    value = json.loads(event.to_envelope(SOURCE).to_bytes())
    message = DOCUMENT["components"]["messages"][BudgetdrempelOverschreden.__name__]
    envelope, specific = message["payload"]["allOf"]
    context = resolve(envelope)
    assert set(value) - {"data"} <= set(context["properties"])
    assert set(context["required"]) | {"data"} <= set(value)
    data = resolve(specific["properties"]["data"])
    assert set(value["data"]) <= set(data["properties"])
    assert set(data["required"]) <= set(value["data"])
    assert value["data"]["percentage"] == "91.5"
    assert re.fullmatch(data["properties"]["percentage"]["pattern"], value["data"]["percentage"])


def decimal_fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[tuple[str, str]]:
    """(schema name, property) of every Decimal field in `model` and the models it nests."""
    if model in seen:
        return
    seen.add(model)
    for name, field in model.model_fields.items():
        alias = field.alias or name
        kinds = [field.annotation]
        while kinds:
            kind = kinds.pop()
            if kind is Decimal:
                yield model.__name__, alias
            elif isinstance(kind, type) and issubclass(kind, BaseModel):
                yield from decimal_fields(kind, seen)
            else:
                kinds.extend(typing.get_args(kind))


def test_every_decimal_in_an_event_schema_is_a_string_with_a_pattern_and_a_description() -> None:
    seen: set[type[BaseModel]] = set()
    found = [f for model in catalogue().values() for f in decimal_fields(model, seen)]
    assert found, "the catalogue has decimals (percentages, factors)"
    for schema_name, prop in found:
        schema = SCHEMAS[schema_name]["properties"][prop]
        [decimal] = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
        assert decimal["type"] == "string", (schema_name, prop)
        assert decimal["pattern"] == DECIMAL_PATTERN, (schema_name, prop)
        assert decimal["description"], (schema_name, prop)


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_any_decimal_is_written_as_a_string_its_pattern_accepts(value: Decimal) -> None:
    adapter = TypeAdapter(DecimalString)
    written = json.loads(adapter.dump_json(value))
    assert isinstance(written, str)
    assert re.fullmatch(DECIMAL_PATTERN, written), written
    assert adapter.validate_python(written) == value

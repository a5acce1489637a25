"""The committed contracts match the code: event schemas, AsyncAPI, each service's OpenAPI."""

import json

import pytest

import wmo_common.events  # noqa: F401 - registers the catalogue
from deploy.stack import ROOT, SERVICES, openapi_documents
from wmo_common.events.registry import asyncapi_document, catalogue, json_schema


@pytest.mark.parametrize("event_type", sorted(catalogue()))
def test_each_committed_event_schema_matches_its_model(event_type: str) -> None:
    committed = json.loads((ROOT / "docs" / "events" / f"{event_type}.json").read_text())
    assert committed == json_schema(event_type), "run `make schemas` and review the change"


def test_no_committed_event_schema_lacks_a_model() -> None:
    committed = {p.stem for p in (ROOT / "docs" / "events").glob("*.json")}
    assert committed == set(catalogue())


def test_the_committed_asyncapi_document_matches_the_registry() -> None:
    committed = json.loads((ROOT / "docs" / "asyncapi.json").read_text())
    assert committed == asyncapi_document()
    assert committed["asyncapi"] == "3.0.0"


def test_every_event_type_is_named_by_the_nl_gov_pattern_and_lives_on_its_major_topic() -> None:
    for event_type, model in catalogue().items():
        domain = event_type.split(".")[2]
        assert event_type.startswith("nl.wmo."), event_type
        assert model.topic.endswith(".v" + event_type.rsplit(".v", 1)[1])
        assert domain.isalpha(), event_type


@pytest.mark.parametrize("service", list(SERVICES))
def test_each_committed_openapi_document_matches_the_service(service: str) -> None:
    committed = json.loads((ROOT / "services" / service / "openapi.json").read_text())
    generated = json.loads(openapi_documents()[service])
    assert committed == generated, "run `make openapi` and review the change"


@pytest.mark.parametrize("service", list(SERVICES))
def test_every_operation_declares_its_errors_and_a_dutch_description(service: str) -> None:
    document = json.loads((ROOT / "services" / service / "openapi.json").read_text())
    assert document["info"]["contact"]
    for path, operations in document["paths"].items():
        assert not path.endswith("/"), path
        for method, operation in operations.items():
            assert operation.get("description"), f"{method.upper()} {path} has no description"
            if operation.get("security") == []:  # the public contract document itself
                continue
            assert {"400", "401", "403", "503"} <= set(operation["responses"]), f"{method} {path}"


def patterns_in(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in patterns_in(value)]
    if isinstance(node, list):
        return [p for value in node for p in patterns_in(value)]
    return []


@pytest.mark.parametrize("service", list(SERVICES))
def test_no_pattern_relies_on_a_digit_class_that_javascript_reads_otherwise(service: str) -> None:
    """`\\d` takes any Unicode digit in Python's `re`, only 0-9 in a JavaScript client: a
    pattern says `[0-9]` so that server and client refuse the same input."""
    document = json.loads((ROOT / "services" / service / "openapi.json").read_text())
    assert [p for p in patterns_in(document) if "\\d" in p] == []


def test_no_event_schema_relies_on_a_digit_class_that_javascript_reads_otherwise() -> None:
    document = json.loads((ROOT / "docs" / "asyncapi.json").read_text())
    assert [p for p in patterns_in(document) if "\\d" in p] == []

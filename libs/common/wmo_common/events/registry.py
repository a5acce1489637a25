"""Event payload types: one frozen model per type, registered with its type string and topic.

The registry is the single definition the JSON Schemas and the AsyncAPI document come from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from wmo_common.events.envelope import SCHEMA_BASE, CloudEvent, now_utc
from wmo_common.schema import FrozenCamelModel

REGISTRY: dict[str, type[Event]] = {}


class Event(FrozenCamelModel):
    """Base of every event payload. Subclasses set `event_type`, `topic` and `subject_field`."""

    event_type: ClassVar[str]
    topic: ClassVar[str]
    subject_field: ClassVar[str]
    summary: ClassVar[str] = ""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        event_type = cls.__dict__.get("event_type")
        if event_type is None:
            return
        if event_type in REGISTRY and REGISTRY[event_type] is not cls:
            raise TypeError(f"event type {event_type} is registered twice")
        major = event_type.rsplit(".v", 1)[-1]
        if not cls.topic.endswith(f".v{major}"):
            raise TypeError(f"{event_type} must live on a .v{major} topic, not {cls.topic}")
        REGISTRY[event_type] = cls

    @property
    def subject(self) -> str:
        return str(getattr(self, self.subject_field))

    def to_envelope(self, source: str, traceparent: str | None = None) -> CloudEvent:
        return CloudEvent(
            source=source,
            type=self.event_type,
            subject=self.subject,
            time=now_utc(),
            dataschema=schema_uri(self.event_type),
            traceparent=traceparent,
            data=self.model_dump(mode="json", by_alias=True),
        )


class UnknownEventType(LookupError):
    """No model is registered for this type string."""


def schema_uri(event_type: str) -> str:
    return f"{SCHEMA_BASE}{event_type}.json"


def parse_event(envelope: CloudEvent) -> Event:
    """The typed payload of an envelope; raises UnknownEventType or pydantic's ValidationError."""
    model = REGISTRY.get(envelope.type)
    if model is None:
        raise UnknownEventType(envelope.type)
    return model.model_validate(envelope.data)


def catalogue() -> dict[str, type[Event]]:
    """The published event types: those defined in wmo_common.events (not ones made by tests)."""
    return {
        event_type: model
        for event_type, model in REGISTRY.items()
        if model.__module__.startswith("wmo_common.events.")
    }


def topics() -> list[str]:
    return sorted({model.topic for model in catalogue().values()})


def json_schema(event_type: str) -> dict[str, Any]:
    model = REGISTRY[event_type]
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = schema_uri(event_type)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = model.summary or (model.__doc__ or "").strip()
    return schema


def asyncapi_document(version: str = "1.0.0") -> dict[str, Any]:
    """An AsyncAPI 3.0 document with every topic, its message types and their payload schemas."""
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    for topic in topics():
        channel_id = topic.replace(".", "-")
        channel_messages: dict[str, Any] = {}
        for event_type, model in sorted(catalogue().items()):
            if model.topic != topic:
                continue
            name = model.__name__
            schemas[name] = json_schema(event_type)
            messages[name] = {
                "name": event_type,
                "title": name,
                "summary": model.summary or (model.__doc__ or "").strip(),
                "contentType": "application/cloudevents+json",
                "headers": {"$ref": "#/components/schemas/CloudEventContext"},
                "payload": {"$ref": f"#/components/schemas/{name}"},
                "correlationId": {"location": "$message.header#/subject"},
            }
            channel_messages[name] = {"$ref": f"#/components/messages/{name}"}
        channels[channel_id] = {
            "address": topic,
            "description": f"Key: the entity id; dead letters go to {topic}.dlq.",
            "messages": channel_messages,
        }
        operations[f"publish-{channel_id}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel_id}"},
            "summary": f"{topic.split('.')[0]} publishes through its transactional outbox.",
        }
    schemas["CloudEventContext"] = _context_schema()
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "wmo-suite events",
            "version": version,
            "description": "CloudEvents 1.0 (NL GOV profile), structured mode on Apache Kafka.",
            "contact": {"name": "wmo-suite", "url": "https://wmo-suite.nl"},
        },
        "defaultContentType": "application/cloudevents+json",
        "servers": {
            "local": {
                "host": "127.0.0.1:9092",
                "protocol": "kafka",
                "description": "The single-node broker of `make run`.",
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": schemas},
    }


def _context_schema() -> dict[str, Any]:
    schema = CloudEvent.model_json_schema()
    schema["properties"].pop("data", None)
    schema["required"] = [r for r in schema.get("required", []) if r != "data"]
    return schema


def write_documents(folder: Path) -> list[Path]:
    """Write every JSON Schema and the AsyncAPI document; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for event_type in sorted(catalogue()):
        path = folder / f"{event_type}.json"
        path.write_text(json.dumps(json_schema(event_type), indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    asyncapi = folder.parent / "asyncapi.json"
    asyncapi.write_text(json.dumps(asyncapi_document(), indent=2, ensure_ascii=False) + "\n")
    written.append(asyncapi)
    return written

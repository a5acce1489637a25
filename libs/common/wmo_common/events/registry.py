"""Event payload types: one frozen model per type, registered with its type string and topic.

The registry is the single definition the JSON Schemas and the AsyncAPI document come from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from pydantic.json_schema import JsonSchemaValue, models_json_schema

from wmo_common.events.envelope import CONTENT_TYPE, SCHEMA_BASE, CloudEvent, now_utc
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


COMPONENT_SCHEMAS = "#/components/schemas/{model}"
STRUCTURED_MODE_HEADERS = {
    "type": "object",
    "description": "CloudEvents structured mode: the whole envelope is the record value.",
    "required": ["content-type"],
    "properties": {"content-type": {"type": "string", "const": CONTENT_TYPE}},
}


def asyncapi_document(version: str = "1.0.0") -> dict[str, Any]:
    """An AsyncAPI 3.0 document with every topic, its message types and their payload schemas.

    A message is a whole CloudEvent in structured mode: its payload is the envelope, whose
    `data` is the event's schema; the one Kafka header is `content-type`. The schemas of every
    model (events, the envelope, and what they nest) sit side by side in components/schemas.
    """
    events = sorted(catalogue().items())
    keys, definitions = models_json_schema(
        [(CloudEvent, "serialization"), *((model, "serialization") for _, model in events)],
        by_alias=True,
        ref_template=COMPONENT_SCHEMAS,
    )
    schemas: dict[str, Any] = definitions["$defs"]
    envelope = _schema_name(keys[(CloudEvent, "serialization")])
    schemas[envelope]["properties"].pop("data", None)
    schemas["StructuredModeHeaders"] = STRUCTURED_MODE_HEADERS
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for topic in topics():
        channel_id = topic.replace(".", "-")
        channel_messages: dict[str, Any] = {}
        for event_type, model in events:
            if model.topic != topic:
                continue
            name = model.__name__
            messages[name] = {
                "name": event_type,
                "title": name,
                "summary": model.summary or (model.__doc__ or "").strip(),
                "contentType": CONTENT_TYPE,
                "headers": {"$ref": COMPONENT_SCHEMAS.format(model="StructuredModeHeaders")},
                "payload": _envelope_of(event_type, envelope, keys[(model, "serialization")]),
                "correlationId": {
                    "description": "The entity the event is about; also the record key.",
                    "location": "$message.payload#/subject",
                },
                "bindings": {
                    "kafka": {
                        "key": {"type": "string", "description": "The entity id (= subject)."},
                        "bindingVersion": "0.5.0",
                    }
                },
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
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "wmo-suite events",
            "version": version,
            "description": "CloudEvents 1.0 (NL GOV profile), structured mode on Apache Kafka.",
            "contact": {
                "name": "wmo-suite",
                "url": "https://wmo-suite.nl",
                "email": "api@wmo-suite.nl",
            },
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {
            "local": {
                "host": "127.0.0.1:9092",
                "protocol": "kafka",
                "description": "The single-node broker of `make run`.",
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": dict(sorted(schemas.items()))},
    }


def _schema_name(reference: JsonSchemaValue) -> str:
    return str(reference["$ref"]).rsplit("/", 1)[-1]


def _envelope_of(event_type: str, envelope: str, data: JsonSchemaValue) -> dict[str, Any]:
    """The record value of one event type: the envelope, with this type and this `data`."""
    return {
        "allOf": [
            {"$ref": COMPONENT_SCHEMAS.format(model=envelope)},
            {
                "type": "object",
                "required": ["data"],
                "properties": {
                    "type": {"const": event_type},
                    "dataschema": {"const": schema_uri(event_type)},
                    "data": data,
                },
            },
        ]
    }


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

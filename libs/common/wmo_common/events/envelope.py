"""The CloudEvents 1.0 envelope, NL GOV profile, in Kafka structured mode."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CONTENT_TYPE = "application/cloudevents+json"
SCHEMA_BASE = "https://wmo-suite.nl/schemas/events/"
_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")


class EnvelopeError(ValueError):
    """The record value is not a CloudEvent we can read."""


class CloudEvent(BaseModel):
    """Context attributes carry no personal data: `subject` is an entity id, never a BSN."""

    model_config = ConfigDict(frozen=True, extra="allow")

    specversion: Literal["1.0"] = "1.0"
    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    source: str = Field(pattern=r"^urn:nld:oin:[0-9]{20}:systeem:[a-z0-9-]+$")
    type: str = Field(pattern=r"^nl\.wmo\.[a-z-]+\.[a-z0-9-]+\.v[0-9]+$")
    subject: str = Field(min_length=1, max_length=200)
    time: datetime
    datacontenttype: Literal["application/json"] = "application/json"
    dataschema: str
    traceparent: str | None = None
    data: dict[str, Any]

    @field_validator("time")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("time must carry a timezone")
        return value.astimezone(UTC)

    @field_validator("traceparent")
    @classmethod
    def _w3c(cls, value: str | None) -> str | None:
        if value is not None and not _TRACEPARENT.match(value):
            raise ValueError("traceparent must follow W3C Trace Context")
        return value

    def to_text(self) -> str:
        """The record value: compact JSON, unset attributes left out, `time` in UTC with `Z`
        (pydantic writes a UTC time so, and `_utc` makes every time UTC)."""
        return self.model_dump_json(exclude_none=True)

    def to_bytes(self) -> bytes:
        return self.to_text().encode()

    @classmethod
    def from_bytes(cls, raw: bytes | None) -> CloudEvent:
        if raw is None:
            raise EnvelopeError("empty record value")
        try:
            return cls.model_validate_json(raw)
        except ValidationError as exc:
            fields = sorted({".".join(str(p) for p in e["loc"]) for e in exc.errors()})
            raise EnvelopeError(f"not a valid CloudEvent: {', '.join(fields)}") from exc


def now_utc() -> datetime:
    return datetime.now(UTC)

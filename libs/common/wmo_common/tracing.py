"""W3C trace context: one trace id follows a request through HTTP, the outbox and Kafka."""

from __future__ import annotations

import re
import secrets
from contextvars import ContextVar, Token

from wmo_common.logging import trace_id_var

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")
traceparent_var: ContextVar[str | None] = ContextVar("traceparent", default=None)


def new_traceparent(trace_id: str | None = None) -> str:
    return f"00-{trace_id or secrets.token_hex(16)}-{secrets.token_hex(8)}-01"


def continue_trace(incoming: str | None) -> tuple[Token[str | None], Token[str | None]]:
    """Start a span under `incoming` (or a new trace); returns tokens to restore the context."""
    match = _TRACEPARENT.match(incoming or "")
    traceparent = new_traceparent(match.group(1) if match else None)
    return traceparent_var.set(traceparent), trace_id_var.set(traceparent.split("-")[1])


def restore_trace(tokens: tuple[Token[str | None], Token[str | None]]) -> None:
    traceparent_var.reset(tokens[0])
    trace_id_var.reset(tokens[1])


def current_traceparent() -> str | None:
    return traceparent_var.get()


def current_trace_id() -> str | None:
    return trace_id_var.get()

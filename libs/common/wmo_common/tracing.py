"""W3C trace context: one trace id follows a request through HTTP, the outbox and Kafka.

Without an OTLP endpoint only the ids travel (logs and envelopes carry them). With
`OTLP_ENDPOINT` set, every HTTP request and every consumed event is also an OpenTelemetry span,
exported over OTLP/HTTP, whose parent is the caller's or the envelope's `traceparent`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Span, SpanKind, Tracer
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from wmo_common.logging import trace_id_var

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")
_PROPAGATOR = TraceContextTextMapPropagator()
traceparent_var: ContextVar[str | None] = ContextVar("traceparent", default=None)
_tracer: Tracer | None = None


def new_traceparent(trace_id: str | None = None) -> str:
    """A traceparent with a new span id, in trace `trace_id` or a new one.

    The ids must be unique, not secret: they come from `random`, as OpenTelemetry's own id
    generator takes them, not from the operating system's entropy (`secrets`), which cost a
    system call per id on every request and every consumed event (docs/benchmarks.md, "events,
    eighth pass"). W3C trace context forbids all-zero ids."""
    trace = trace_id or f"{random.getrandbits(128) or 1:032x}"
    return f"00-{trace}-{random.getrandbits(64) or 1:016x}-01"


def start_exporting(service: str, otlp_endpoint: str) -> TracerProvider:
    """Export spans of this process to an OTLP/HTTP collector; returns the provider to shut down."""
    global _tracer
    provider = TracerProvider(resource=Resource.create({"service.name": f"wmo-{service}"}))
    exporter = OTLPSpanExporter(endpoint=otlp_endpoint.rstrip("/") + "/v1/traces")
    provider.add_span_processor(BatchSpanProcessor(exporter, schedule_delay_millis=500))
    _tracer = provider.get_tracer("wmo_common")
    return provider


def stop_exporting(provider: TracerProvider) -> None:
    global _tracer
    _tracer = None
    provider.shutdown()


@contextmanager
def span(name: str, incoming: str | None, kind: SpanKind) -> Iterator[Span | None]:
    """Run the block as a child of `incoming` (a traceparent), or as a new trace."""
    if _tracer is None:
        match = _TRACEPARENT.match(incoming or "")
        traceparent = new_traceparent(match.group(1) if match else None)
        tokens = (traceparent_var.set(traceparent), trace_id_var.set(traceparent.split("-")[1]))
        try:
            yield None
        finally:
            traceparent_var.reset(tokens[0])
            trace_id_var.reset(tokens[1])
        return
    parent = _PROPAGATOR.extract({"traceparent": incoming}) if incoming else None
    with _tracer.start_as_current_span(name, context=parent, kind=kind) as current:
        carrier: dict[str, str] = {}
        _PROPAGATOR.inject(carrier, context=trace.set_span_in_context(current))
        tokens = (
            traceparent_var.set(carrier.get("traceparent")),
            trace_id_var.set(format(current.get_span_context().trace_id, "032x")),
        )
        try:
            yield current
        finally:
            traceparent_var.reset(tokens[0])
            trace_id_var.reset(tokens[1])


def current_traceparent() -> str | None:
    return traceparent_var.get()


def current_trace_id() -> str | None:
    return trace_id_var.get()

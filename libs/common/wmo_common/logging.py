"""JSON logs with trace ids, and a filter that masks anything that looks like a BSN."""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from prometheus_client import Counter

trace_id_var: ContextVar[str | None] = ContextVar("trace_id", default=None)
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

# Any run of exactly nine digits: BSNs and the odd other number; over-masking is the safe side.
# A UUID is matched first and kept whole: its hex groups are ids we generate, not personal data.
_UUID_OR_NINE_DIGITS = re.compile(
    r"(?P<uuid>\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)"
    r"|(?<!\d)(?P<nine>\d{9})(?!\d)"
)
_STANDARD_ATTRS = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "taskName",
}


def mask_bsn(text: str) -> str:
    """Replace every nine-digit number with a mask that keeps the last two digits."""
    return _UUID_OR_NINE_DIGITS.sub(
        lambda m: m.group(0) if m.group("uuid") else "*******" + m.group(0)[-2:], text
    )


def _mask(value: Any) -> Any:
    if isinstance(value, str):
        return mask_bsn(value)
    if isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) == 9:
        return mask_bsn(str(value))
    if isinstance(value, dict):
        return {k: _mask(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_mask(v) for v in value]
    return value


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, event, trace ids and the extra fields."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat().replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info and record.exc_info[1] is not None:
            entry["errorType"] = type(record.exc_info[1]).__name__
            entry["stack"] = stack_without_messages(record.exc_info[1])
        # Everything a caller or an exception could fill in is masked; the ids we generate are
        # not personal data, and masking a nine-digit run in a trace id would break its link.
        masked = _mask(json.loads(json.dumps(entry, default=str)))
        if (trace_id := trace_id_var.get()) is not None:
            masked["traceId"] = trace_id
        if (request_id := request_id_var.get()) is not None:
            masked["requestId"] = request_id
        return json.dumps(masked, ensure_ascii=False)


def stack_without_messages(error: BaseException) -> str:
    """Where an error came from (types and frames of the whole chain), never its message: a
    message may quote the data that failed (SQL parameters, a name, a health text)."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)
        lines = [f"  {f.filename}:{f.lineno} in {f.name}" for f in frames]
        parts.append("\n".join([type(current).__qualname__, *lines]))
        current = current.__cause__ or current.__context__
    return "\ncaused by ".join(parts)


class RepeatFilter(logging.Filter):
    """Lets a message of a chatty library through once per `interval` seconds: during a broker
    outage the Kafka client repeats its reconnect complaints many times a second. The first line
    says it went wrong, one a minute says it still is; the rest is counted, not written."""

    def __init__(
        self, prefix: str, events: frozenset[str] = frozenset(), interval: float = 60.0
    ) -> None:
        super().__init__()
        self.prefix = prefix
        self.events = events
        self.interval = interval
        self._last: dict[tuple[str, str], float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if not (record.name.startswith(self.prefix) or str(record.msg) in self.events):
            return True
        key = (record.name, str(record.msg))
        last = self._last.get(key)
        if last is not None and record.created - last < self.interval:
            LOG_LINES_SUPPRESSED.labels(record.name).inc()
            return False
        self._last[key] = record.created
        if len(self._last) > 1000:  # templates are few; this only bounds a pathological case
            self._last.clear()
        return True


# Our own lines that repeat while Kafka or the database is away (one per retry round).
OUTAGE_EVENTS = frozenset(
    {"consumer_fetch_failed", "outbox_relay_error", "outbox_send_failed", "kafka_unavailable"}
)
KAFKA_LOG_REPEATS = RepeatFilter("aiokafka", OUTAGE_EVENTS)
LOG_LINES_SUPPRESSED = Counter(
    "wmo_log_lines_suppressed_total", "Repeated outage log lines not written", ["logger"]
)


def configure_logging(service: str, level: str = "INFO") -> None:
    """Route every logger (ours, uvicorn's, aiokafka's) through the JSON formatter."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # Request lines are counted in /metrics; as log lines they only repeat every URL.
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
    # Their INFO lines repeat request URLs and broker chatter; warnings and errors still pass.
    for noisy in ("aiokafka", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(max(logging.getLevelName(level), logging.WARNING))
    handler.addFilter(KAFKA_LOG_REPEATS)


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(name)

"""The transactional outbox: events are rows written in the same transaction as the change.

`add` queues the row (`wmo_common.pending`: written with the transaction's next statement,
savepoint or commit, in one statement with its audit records); the relay
(`wmo_common.events.relay`) sends unsent rows, each envelope as the JSON text stored, and
marks them sent. A crash between commit and send loses nothing: the row stays unsent
until a relay sends it."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from asyncpg import Record
from sqlalchemy import (
    CTE,
    BigInteger,
    DateTime,
    Index,
    Select,
    String,
    Table,
    Text,
    Uuid,
    bindparam,
    func,
    select,
    text,
    true,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects.postgresql import ARRAY, JSON, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.type_api import TypeEngine

from wmo_common import pending
from wmo_common.db import Base, utcnow
from wmo_common.events.registry import Event
from wmo_common.logging import get_logger
from wmo_common.tracing import current_traceparent

log = get_logger(__name__)
NOTIFY_CHANNEL = "wmo_outbox"
SOURCE_KEY = "event_source"
QUEUED_KEY = "outbox_queued_types"


class OutboxMessage(Base):
    """One event waiting to leave (or sent): the whole CloudEvent envelope, its topic and key."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        Index("ix_outbox_message_unsent", "id", postgresql_where=text("sent_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    event_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    topic: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(200))
    # JSON, not JSONB: PostgreSQL checks the text and keeps it as written, so the relay sends
    # the very bytes `add` wrote, with no parse into JSONB on insert and no print on send
    # (about 5 us of PostgreSQL's CPU per event; docs/benchmarks.md, "events, eighth pass").
    envelope: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)


_OUTBOX = cast(Table, OutboxMessage.__table__)
_COLUMNS = ("event_id", "topic", "key", "event_type", "envelope", "created_at")
_PARAMETERS = ("event_ids", "topics", "keys", "event_types", "envelopes", "created_at")
_TYPES: tuple[TypeEngine[Any], ...] = (
    Uuid(),
    String(),
    String(),
    String(),
    Text(),
    DateTime(timezone=True),
)
_NOTIFIED = select(func.pg_notify(NOTIFY_CHANNEL, "").label("notified")).cte("notified")


def _writes(one: bool) -> tuple[CTE, Select[Any]]:
    """The CTE inserting a transaction's events, and the SELECT reading back their ids.

    However many events there are, they go in one statement: as arrays that PostgreSQL unnests
    in order, so the statement is compiled and prepared once, or (`one`) as the values of the
    only row. The envelope goes as text and is stored as that text (JSON). The same statement
    wakes the relays: PostgreSQL delivers one NOTIFY per transaction at commit (repeats are
    folded), and none on rollback."""
    if one:
        binds = [bindparam(n, type_=t) for n, t in zip(_PARAMETERS, _TYPES, strict=True)]
        event_id, topic, key, event_type, envelope, created_at = binds
        values = select(event_id, topic, key, event_type, sql_cast(envelope, JSON), created_at)
    else:
        rows = (
            func.unnest(
                *(bindparam(n, type_=ARRAY(t)) for n, t in zip(_PARAMETERS, _TYPES, strict=True))
            )
            .table_valued(*_COLUMNS, with_ordinality="n")
            .render_derived()
        )
        values = select(
            rows.c.event_id,
            rows.c.topic,
            rows.c.key,
            rows.c.event_type,
            sql_cast(rows.c.envelope, JSON),
            rows.c.created_at,
        ).order_by(rows.c.n)
    written = (
        insert(_OUTBOX)
        .from_select(_COLUMNS, values)
        .returning(_OUTBOX.c.id, _OUTBOX.c.event_id)
        .cte("written")
    )
    return written, select(written.c.id, written.c.event_id).join(_NOTIFIED, true())


@dataclass
class QueuedEvent:
    """An event `add` queued, as its outbox row holds it; `id` is set once the row is written."""

    event_id: uuid.UUID
    topic: str
    key: str
    event_type: str
    value: str
    """The envelope as compact JSON text, as stored (the record value is the same JSON)."""
    created_at: datetime
    id: int | None = None

    @property
    def envelope(self) -> dict[str, Any]:
        """The envelope as the JSON object the record value carries."""
        body: dict[str, Any] = json.loads(self.value)
        return body


async def add(session: AsyncSession, event: Event) -> QueuedEvent:
    """Queue `event` in the caller's transaction; it is published only if that commits.

    The row is written before the session's next statement, savepoint or commit (and in any
    flush), with every event and audit record queued by then, in one statement
    (`wmo_common.pending`): no unit of work per row. The returned event gets its `id` then.
    """
    source = session.info.get(SOURCE_KEY)
    if not isinstance(source, str):
        raise RuntimeError("session has no event source; make it with wmo_common.db sessionmaker")
    envelope = event.to_envelope(source=source, traceparent=current_traceparent())
    queued = QueuedEvent(
        event_id=envelope.id,
        topic=event.topic,
        key=envelope.subject,
        event_type=envelope.type,
        value=envelope.to_text(),
        created_at=utcnow(),
    )
    await pending.queue(session, OUTBOX_ROWS, queued)
    session.info.setdefault(QUEUED_KEY, []).append(envelope.type)
    return queued


def _parameters(events: list[QueuedEvent]) -> dict[str, Any]:
    return {
        "event_ids": [e.event_id for e in events],
        "topics": [e.topic for e in events],
        "keys": [e.key for e in events],
        "event_types": [e.event_type for e in events],
        "envelopes": [e.value for e in events],
        "created_at": [e.created_at for e in events],
    }


def _written(events: list[QueuedEvent], rows: Sequence[Record]) -> None:
    ids = {row["event_id"]: row["id"] for row in rows}
    for queued in events:
        queued.id = ids[queued.event_id]


_WRITTEN, _WRITE = _writes(one=False)
_WRITTEN_ONE, _WRITE_ONE = _writes(one=True)
OUTBOX_ROWS = pending.register(
    pending.RowKind(
        "outbox",
        _WRITTEN,
        _WRITTEN_ONE,
        _parameters,
        reads=_WRITE,
        reads_one=_WRITE_ONE,
        written=_written,
    )
)


def queued_event_types(session: AsyncSession) -> list[str]:
    """The types of the events this session queued so far, in order."""
    queued: list[str] = session.info.get(QUEUED_KEY, [])
    return queued


async def backlog(session: AsyncSession) -> tuple[int, datetime | None]:
    """How many events wait to be sent, and since when the oldest waits."""
    row = (
        await session.execute(
            select(func.count(), func.min(OutboxMessage.created_at)).where(
                OutboxMessage.sent_at.is_(None)
            )
        )
    ).one()
    return int(row[0]), row[1]

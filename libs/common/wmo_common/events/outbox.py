"""The transactional outbox: events are rows written in the same transaction as the change.

`add` queues the row (`wmo_common.pending`: written with the transaction's next statement,
savepoint or commit, in one statement with its audit records). Each event is two rows: the
event as written (`outbox_message`, never changed afterwards) and its place in the queue
(`outbox_pending`, a narrow row). The relay (`wmo_common.events.relay`) sends the events of
the pending rows, each envelope as the JSON text stored, and deletes those rows once Kafka
acknowledged them: an event is sent when it has no pending row. A crash between commit and
send loses nothing: the pending row stays until a relay sends the event, and retention
(`wmo_common.retention`) removes only events without one."""

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
    ColumnElement,
    DateTime,
    Select,
    String,
    Table,
    Text,
    Uuid,
    bindparam,
    func,
    literal,
    select,
    true,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy import event as sql_event
from sqlalchemy.dialects.postgresql import ARRAY, JSON, insert
from sqlalchemy.engine import Connection
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
    """One event as written: the whole CloudEvent envelope, its topic and key. Sent once it has
    no `OutboxPending` row."""

    __tablename__ = "outbox_message"

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


class OutboxPending(Base):
    """An event not yet sent: the relays' queue, in id order.

    Sending deletes this narrow row instead of updating the event's 1.3 KB one: marking the
    event row sent rewrote it and its indexes (the unsent index has `sent_at` in its
    predicate), and the relay's statements read through the wide rows and the dead index
    entries that marking left: together about 35 us of PostgreSQL per event, now about 11,
    with 2.5 more for writing this row (docs/benchmarks.md, "events, ninth pass").

    No foreign key to the event: its check (a locking lookup per row) cost about 7 us of
    PostgreSQL per event, a third of the write. Both rows are written by one statement
    (`add`); retention, the only delete of events, skips any event with a pending row, and a
    trigger refuses to delete one (`KEEP_UNSENT`), at no cost when events are written."""

    __tablename__ = "outbox_pending"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    key_hash: Mapped[int]
    """PostgreSQL's `hashtext` of the event key, made non-negative: the relays' slot of the
    event is this modulo their number of slots (`wmo_common.events.relay`)."""
    attempts: Mapped[int] = mapped_column(server_default="0")
    """Sends that failed so far."""
    last_error: Mapped[str | None] = mapped_column(Text)


KEEP_UNSENT = (
    "CREATE OR REPLACE FUNCTION outbox_message_keep_unsent() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    "IF EXISTS (SELECT FROM outbox_pending WHERE id = OLD.id) THEN "
    "RAISE EXCEPTION 'outbox event % is not sent yet', OLD.id "
    "USING ERRCODE = 'restrict_violation'; "
    "END IF; RETURN OLD; END $$",
    "CREATE TRIGGER outbox_message_keep_unsent BEFORE DELETE ON outbox_message "
    "FOR EACH ROW EXECUTE FUNCTION outbox_message_keep_unsent()",
)
"""The database's own guard that an unsent event is never removed: a row trigger on deleting
an event that still has a pending row. Created with the table and by the migrations
(`migration_ops.outbox_pending_v3`), so it is frozen as they are: a change is a new revision."""


@sql_event.listens_for(OutboxMessage.__table__, "after_create")
def _keep_unsent(_table: Table, connection: Connection, **_kw: Any) -> None:
    for statement in KEEP_UNSENT:
        connection.exec_driver_sql(statement)


def key_hash(key: ColumnElement[str]) -> ColumnElement[int]:
    """The `OutboxPending.key_hash` of an event key: the same in every relay and service."""
    return func.hashtext(key).op("&")(literal(0x7FFFFFFF))


_OUTBOX = cast(Table, OutboxMessage.__table__)
_PENDING = cast(Table, OutboxPending.__table__)
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
    """The CTE inserting a transaction's events, and the SELECT reading back their ids (with
    the CTE inserting their pending rows).

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
        .returning(_OUTBOX.c.id, _OUTBOX.c.event_id, _OUTBOX.c.key)
        .cte("written")
    )
    queued = (
        insert(_PENDING)
        .from_select(["id", "key_hash"], select(written.c.id, key_hash(written.c.key)))
        .cte("queued")
    )
    reads = select(written.c.id, written.c.event_id).join(_NOTIFIED, true()).add_cte(queued)
    return written, reads


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
            select(func.count(), func.min(OutboxMessage.created_at)).join(
                OutboxPending, OutboxPending.id == OutboxMessage.id
            )
        )
    ).one()
    return int(row[0]), row[1]

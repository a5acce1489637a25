"""The inbox: which events a consumer applied, written in the same transaction as the effects."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import cast

from sqlalchemy import (
    BigInteger,
    DateTime,
    String,
    Table,
    UniqueConstraint,
    Uuid,
    bindparam,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import Base, fetch, utcnow
from wmo_common.driver import DriverStatement


class InboxMessage(Base):
    __tablename__ = "inbox_message"
    __table_args__ = (UniqueConstraint("consumer", "source", "event_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    consumer: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(200))
    event_id: Mapped[uuid.UUID]
    event_type: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(200))
    processed_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())


async def claim(
    session: AsyncSession,
    *,
    consumer: str,
    source: str,
    event_id: uuid.UUID,
    event_type: str,
    topic: str,
) -> bool:
    """Record the event as applied; False when this consumer applied it before (a redelivery)."""
    result = await session.execute(
        insert(InboxMessage)
        .values(
            consumer=consumer, source=source, event_id=event_id, event_type=event_type, topic=topic
        )
        .on_conflict_do_nothing(constraint="uq_inbox_message_consumer")
        .returning(InboxMessage.id)
    )
    return result.first() is not None


# One statement for any number of events: the rows travel as five arrays and are unnested by
# PostgreSQL, so SQLAlchemy compiles and caches it once. A multi-row VALUES list is a different
# statement for every batch size, and compiling each one cost about a fifth of the consumer's
# time (docs/benchmarks.md, events).
_ROWS = (
    func.unnest(
        bindparam("sources", type_=ARRAY(String)),
        bindparam("event_ids", type_=ARRAY(Uuid)),
        bindparam("event_types", type_=ARRAY(String)),
        bindparam("topics", type_=ARRAY(String)),
    )
    .table_valued("source", "event_id", "event_type", "topic")
    .render_derived()
)
_INBOX = cast(Table, InboxMessage.__table__)
_CLAIM_MANY = DriverStatement.of(
    insert(_INBOX)
    .from_select(
        ["consumer", "source", "event_id", "event_type", "topic", "processed_at"],
        select(
            bindparam("consumer", type_=String),
            _ROWS.c.source,
            _ROWS.c.event_id,
            _ROWS.c.event_type,
            _ROWS.c.topic,
            bindparam("processed_at", type_=DateTime(timezone=True)),
        ),
    )
    .on_conflict_do_nothing(constraint="uq_inbox_message_consumer")
    .returning(_INBOX.c.source, _INBOX.c.event_id)
)


async def claim_many(
    session: AsyncSession, consumer: str, events: list[tuple[str, uuid.UUID, str, str]]
) -> set[tuple[str, uuid.UUID]]:
    """Record many (source, id, type, topic) at once; returns the new (source, id) pairs."""
    if not events:
        return set()
    sources, event_ids, event_types, topics = (list(values) for values in zip(*events, strict=True))
    # Run by asyncpg itself (`wmo_common.driver`): the claimed pairs come back as asyncpg's
    # records, whose UUIDs equal and hash as `uuid.UUID`, with no result rows made per row.
    rows = await fetch(
        session,
        _CLAIM_MANY,
        {
            "consumer": consumer,
            "sources": sources,
            "event_ids": event_ids,
            "event_types": event_types,
            "topics": topics,
            "processed_at": utcnow(),
        },
    )
    return {(row["source"], row["event_id"]) for row in rows}

"""The inbox: which events a consumer applied, written in the same transaction as the effects."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, String, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import Base, utcnow


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


async def claim_many(
    session: AsyncSession, consumer: str, events: list[tuple[str, uuid.UUID, str, str]]
) -> set[tuple[str, uuid.UUID]]:
    """Record many (source, id, type, topic) at once; returns the new (source, id) pairs."""
    if not events:
        return set()
    result = await session.execute(
        insert(InboxMessage)
        .values(
            [
                {
                    "consumer": consumer,
                    "source": source,
                    "event_id": event_id,
                    "event_type": event_type,
                    "topic": topic,
                }
                for source, event_id, event_type, topic in events
            ]
        )
        .on_conflict_do_nothing(constraint="uq_inbox_message_consumer")
        .returning(InboxMessage.source, InboxMessage.event_id)
    )
    return {(row.source, row.event_id) for row in result}

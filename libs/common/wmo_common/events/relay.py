"""The outbox relay: sends the pending outbox events (`wmo_common.events.outbox`) in id order with
the idempotent producer and deletes their pending rows. A crash between commit and send loses
nothing: the pending row stays until a relay sends the event (at-least-once, so consumers
deduplicate on the event id).

Any number of relays may run against one database. The outbox is cut into `slots` by a hash of
the event key, and a relay sends a slot's events only while it holds that slot's advisory lock
(`pg_try_advisory_xact_lock`, released at commit or when its connection dies). So one relay at a
time sends a key's events, oldest first, and the next relay starts where the last commit ended:
each key's events reach Kafka in order with one replica or ten, and a killed replica's slots
pass to the others at once.

While rows wait, one relay runs up to `claims` claim transactions at a time (two by default),
as that many replicas would, each on slots the others do not hold: while one batch waits for
Kafka's acknowledgements and is marked sent, the next is already selected and sending. Their
keys differ, so each key's order is that of one claim at a time, and an event is still marked
sent only by the transaction that sent it, once Kafka acknowledged it. Each claim sends its rows in
record batches it fills itself, one per partition at a time.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
from collections.abc import Sequence
from typing import Any

import asyncpg
from aiokafka import AIOKafkaProducer
from aiokafka.producer.message_accumulator import BatchBuilder
from asyncpg import Record
from prometheus_client import Counter
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    Select,
    Text,
    all_,
    any_,
    bindparam,
    case,
    cast,
    delete,
    false,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.db import fetch
from wmo_common.driver import DriverStatement
from wmo_common.events.kafka import partition_of
from wmo_common.events.outbox import NOTIFY_CHANNEL, OutboxMessage, OutboxPending
from wmo_common.logging import get_logger
from wmo_common.tasks import cancel_and_wait

log = get_logger(__name__)

# The first key of the relay's advisory locks (the second is the slot): "outb" in ASCII, so the
# locks are easy to tell apart in pg_locks. Advisory locks are per database, so per service.
LOCK_SPACE = 0x6F757462
DEFAULT_SLOTS = 32

PUBLISHED = Counter("wmo_outbox_published_total", "Events sent by the outbox relay", ["topic"])
SEND_FAILURES = Counter("wmo_outbox_send_failures_total", "Outbox batches that failed to send")
_HEADERS = [("content-type", b"application/cloudevents+json")]
_MARK_SENT = DriverStatement.of(
    delete(OutboxPending).where(OutboxPending.id == any_(bindparam("ids", type_=ARRAY(BigInteger))))
)


def slot_of(slots: int) -> ColumnElement[int]:
    """The slot of a pending event: from PostgreSQL's own hash of its key, taken when it was
    written (`outbox.key_hash`), so every relay agrees on it."""
    return (OutboxPending.key_hash % slots).cast(Integer)


class OutboxRelay:
    """Sends pending outbox events, oldest first, and marks them sent (deletes their pending
    rows) in the same claim transaction.

    Safe with several replicas: see the module docstring (slots and advisory locks)."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        producer: AIOKafkaProducer,
        *,
        database_url: str | None = None,
        batch_size: int = 500,
        poll_seconds: float = 0.5,
        slots: int = DEFAULT_SLOTS,
        claims: int = 2,
    ) -> None:
        if slots < 1:
            raise ValueError("an outbox needs at least one slot")
        if claims < 1:
            raise ValueError("a relay needs at least one claim at a time")
        self._sessionmaker = sessionmaker
        self.producer = producer
        self._database_url = database_url
        self._batch_size = batch_size
        self._poll_seconds = poll_seconds
        self._slots = slots
        # The slots this relay's open claim transactions hold: a claim does not try them again.
        self._held: set[int] = set()
        self._claims = claims
        self._wake = asyncio.Event()  # a NOTIFY: rows were committed
        self._backlog = asyncio.Event()  # a claim filled its batch: more rows are waiting
        self._stopping = asyncio.Event()
        # Compiled once and run by asyncpg itself (`wmo_common.driver`): through the session,
        # selecting and marking a batch cost about 9 us of CPU per row.
        self._locking = DriverStatement.of(self._locking_statement())
        self._claiming = DriverStatement.of(self._claiming_statement())

    def _locking_statement(self) -> Select[int]:
        """The statement of `_lock_slots`."""
        head = (
            select(slot_of(self._slots).label("slot"))
            .order_by(OutboxPending.id)
            .limit(self._batch_size * 4)
            .subquery()
        )
        waiting = (
            select(head.c.slot, func.count().label("rows"))
            .where(head.c.slot != all_(bindparam("held", type_=ARRAY(Integer))))
            .group_by(head.c.slot)
            .subquery()
        )
        rows_before = func.coalesce(
            func.sum(waiting.c.rows).over(order_by=func.random(), rows=(None, -1)), 0
        )
        shuffled = select(waiting.c.slot, rows_before.label("rows_before")).subquery()
        # CASE fixes the order: a slot is locked only when it is still needed for this batch.
        wanted = case(
            (
                shuffled.c.rows_before < self._batch_size,
                func.pg_try_advisory_xact_lock(LOCK_SPACE, shuffled.c.slot),
            ),
            else_=false(),
        )
        return select(shuffled.c.slot).where(wanted)

    def _claiming_statement(self) -> Select[int, str, str, str]:
        """The oldest pending events of the slots `slots`.

        The slots' advisory locks are the only claim a relay needs: only the relay that holds
        a slot reads, sends and deletes its pending rows, and nothing else changes a pending
        row (retention removes sent events only). Locking each row as well (`FOR UPDATE`)
        wrote every claimed row once more before the mark that sent it: about 14 us of
        PostgreSQL's CPU per event (docs/benchmarks.md, "events, eighth pass")."""
        # The batch's pending rows first (narrow rows, in id order), then their events: the
        # planner otherwise joins every pending row of the slots and sorts the wide rows.
        claimed = (
            select(OutboxPending.id)
            .where(slot_of(self._slots) == any_(bindparam("slots", type_=ARRAY(Integer))))
            .order_by(OutboxPending.id)
            .limit(self._batch_size)
            .subquery()
        )
        return (
            select(
                OutboxMessage.id,
                OutboxMessage.topic,
                OutboxMessage.key,
                # The record value is the stored JSON text, byte for byte what `outbox.add`
                # wrote: no decode into Python objects and encode back per row.
                cast(OutboxMessage.envelope, Text).label("value"),
            )
            .join(claimed, claimed.c.id == OutboxMessage.id)
            .order_by(claimed.c.id)
        )

    async def _lock_slots(self, session: AsyncSession) -> list[int]:
        """Lock enough slots with waiting rows for one batch, until this transaction ends, in
        one statement (one round trip, however many slots).

        The candidates are the slots of the oldest waiting rows, in random order: a slot is
        tried while the rows of the slots before it in that order are fewer than a batch. Under
        load each replica takes a batch's worth of slots and the others take the rest; a slot
        another replica holds is skipped, never waited for.
        """
        rows = await fetch(session, self._locking, {"held": sorted(self._held)})
        return [int(row["slot"]) for row in rows]

    async def publish_pending(self) -> int:
        """Send one batch; returns how many rows were marked sent."""
        slots: list[int] = []
        try:
            async with self._sessionmaker() as session, session.begin():
                slots = await self._lock_slots(session)
                self._held.update(slots)
                return await self._send_claimed(session, slots) if slots else 0
        finally:
            # After the commit or rollback that released the locks.
            self._held.difference_update(slots)

    async def _send_claimed(self, session: AsyncSession, slots: list[int]) -> int:
        """Send the oldest pending events of the locked slots and mark those Kafka acknowledged
        sent."""
        rows = await fetch(session, self._claiming, {"slots": slots})
        if not rows:
            return 0
        results = await self._send(rows)
        # Only the unbroken prefix counts as sent: later rows are resent in order next time,
        # which keeps each key's events in order (duplicates are the consumers' to drop).
        sent_ids: list[int] = []
        error: BaseException | None = None
        for row, result in zip(rows, results, strict=True):
            if result is not None:
                error = result
                break
            sent_ids.append(row["id"])
        for topic, count in collections.Counter(
            rows[i]["topic"] for i in range(len(sent_ids))
        ).items():
            PUBLISHED.labels(topic=topic).inc(count)
        if sent_ids:
            await fetch(session, _MARK_SENT, {"ids": sent_ids})
        if error is not None:
            SEND_FAILURES.inc()
            failed_id = rows[len(sent_ids)]["id"]
            await session.execute(
                update(OutboxPending)
                .where(OutboxPending.id == failed_id)
                .values(
                    attempts=OutboxPending.attempts + 1,
                    last_error=f"{type(error).__name__}: {error}"[:1000],
                )
            )
            log.warning(
                "outbox_send_failed",
                extra={"errorType": type(error).__name__, "sent": len(sent_ids)},
            )
        return len(sent_ids)

    async def _send(self, rows: Sequence[Record]) -> list[BaseException | None]:
        """Send the rows in order, in record batches this relay fills per partition (the
        producer's `send` costs a future and a partitioner call per record: about twice the CPU
        per event); returns each row's outcome, None once Kafka acknowledged it.

        A key goes to the partition Kafka's own clients give it (`partition_of`)."""
        producer = self.producer  # one producer per claim, also when the runtime renews it
        partitions: dict[str, list[int]] = {}
        # Per (topic, partition): the batch being filled and the indexes of its rows.
        filling: dict[tuple[str, int], tuple[BatchBuilder, list[int]]] = {}
        on_the_way: list[tuple[asyncio.Future[Any], list[int]]] = []
        for index, row in enumerate(rows):
            topic, key, value = row["topic"], row["key"].encode(), row["value"].encode()
            if topic not in partitions:
                partitions[topic] = sorted(await producer.partitions_for(topic))
            topic_partitions = partitions[topic]
            target = (topic, partition_of(key, topic_partitions))
            batch, indexes = filling.get(target, (None, []))
            if batch is None or (
                batch.append(key=key, value=value, timestamp=None, headers=_HEADERS) is None
            ):
                if batch is not None:  # full: on its way, and a new one for this partition
                    future = await producer.send_batch(batch, target[0], partition=target[1])
                    on_the_way.append((future, indexes))
                batch, indexes = producer.create_batch(), []
                filling[target] = (batch, indexes)
                batch.append(key=key, value=value, timestamp=None, headers=_HEADERS)
            indexes.append(index)
        for (topic, partition), (batch, indexes) in filling.items():
            future = await producer.send_batch(batch, topic, partition=partition)
            on_the_way.append((future, indexes))
        outcomes = await asyncio.gather(
            *(future for future, _ in on_the_way), return_exceptions=True
        )
        of_row: list[BaseException | None] = [None] * len(rows)
        for (_, indexes), outcome in zip(on_the_way, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                for index in indexes:
                    of_row[index] = outcome
        return of_row

    async def run(self) -> None:
        """Publish until stopped: drain, then wait for a NOTIFY or the poll interval; while a
        claim fills its batch, the other claim loops join in."""
        loops = [asyncio.create_task(self._claim_loop(first=n == 0)) for n in range(self._claims)]
        listening = (
            [asyncio.create_task(self._listen(self._database_url))] if self._database_url else []
        )
        try:
            await asyncio.gather(*loops)
        finally:
            await cancel_and_wait([*loops, *listening])

    async def _claim_loop(self, *, first: bool) -> None:
        """The first loop claims on each NOTIFY and poll; the others only while there is a
        backlog (the last claim filled its batch), so a steady trickle costs one claim, not one
        per loop."""
        wake = self._wake if first else self._backlog
        backoff = self._poll_seconds
        while not self._stopping.is_set():
            # Cleared before the claim: a NOTIFY that comes during it is not lost.
            wake.clear()
            try:
                sent = await self.publish_pending()
                backoff = self._poll_seconds
            except Exception as exc:
                # The relay must outlive any failure (database, broker, metadata timeouts): the
                # rows stay unsent and the next round tries again.
                log.warning("outbox_relay_error", extra={"errorType": type(exc).__name__})
                sent = 0
                backoff = min(backoff * 2, 10.0)
            if sent == self._batch_size:
                self._backlog.set()
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=backoff if first else None)

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        self._backlog.set()

    async def _listen(self, database_url: str) -> None:
        dsn = database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
        while not self._stopping.is_set():
            try:
                conn = await asyncpg.connect(dsn)
            except (OSError, asyncpg.PostgresError):
                await asyncio.sleep(2)
                continue
            try:
                await conn.add_listener(NOTIFY_CHANNEL, lambda *_: self._wake.set())
                conn.add_termination_listener(lambda *_: self._wake.set())
                while not self._stopping.is_set() and not conn.is_closed():
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._stopping.wait(), timeout=1)
            finally:
                await conn.close()

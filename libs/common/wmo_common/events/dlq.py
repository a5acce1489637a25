"""Dead letters: read them back, and replay them onto their original topic.

A replayed record is the original CloudEvent, unchanged; consumers that applied it before skip it
through their inbox, the consumer that failed applies it now. The replayer remembers what it
replayed through its own consumer group, so a second replay sends only newer dead letters.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer

from wmo_common.events.kafka import dlq_topic, make_producer
from wmo_common.logging import get_logger

log = get_logger(__name__)
REPLAY_GROUP = "wmo.dlq-replay"


@dataclass(frozen=True)
class DeadLetter:
    offset: int
    partition: int
    key: bytes | None
    value: bytes | None
    headers: dict[str, str]

    @property
    def original_topic(self) -> str:
        return self.headers["dlq-original-topic"]


async def replay(bootstrap_servers: str, topic: str, *, idle_ms: int = 2000) -> int:
    """Re-publish every dead letter of `topic` not replayed before; returns how many."""
    consumer = AIOKafkaConsumer(
        dlq_topic(topic),
        bootstrap_servers=bootstrap_servers,
        group_id=REPLAY_GROUP,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    producer = make_producer(bootstrap_servers, REPLAY_GROUP)
    await consumer.start()
    await producer.start()
    replayed = 0
    try:
        while True:
            batch = await consumer.getmany(timeout_ms=idle_ms, max_records=500)
            if not batch:
                return replayed
            for tp, records in batch.items():
                for record in records:
                    headers = {k: v.decode() for k, v in record.headers}
                    original = headers.get("dlq-original-topic", topic)
                    await producer.send_and_wait(
                        original,
                        value=record.value,
                        key=record.key,
                        headers=[
                            ("content-type", b"application/cloudevents+json"),
                            ("dlq-replayed-from", f"{record.partition}:{record.offset}".encode()),
                        ],
                    )
                    replayed += 1
                await consumer.commit({tp: records[-1].offset + 1})
            log.info("dead_letters_replayed", extra={"topic": topic, "count": replayed})
    finally:
        await consumer.stop()
        await producer.stop()

"""Dead letters: read them back, and replay them onto their original topic.

A replayed record is the original CloudEvent, unchanged; consumers that applied it before skip it
through their inbox, the consumer that failed applies it now. Whether a dead letter still needs
attention is derived, not stored: it is resolved once its consumer's inbox holds the event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from wmo_common.events.kafka import dlq_topic
from wmo_common.logging import get_logger

log = get_logger(__name__)


@dataclass(frozen=True)
class DeadLetter:
    """One record of a `<topic>.dlq`, with what went wrong; the event is named, not shown."""

    dlq_topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: dict[str, str]

    @property
    def dlq_id(self) -> str:
        return self.headers.get("dlq-id", f"{self.partition}:{self.offset}")

    @property
    def original_topic(self) -> str:
        return self.headers.get("dlq-original-topic", self.dlq_topic.removesuffix(".dlq"))

    @property
    def consumer(self) -> str:
        return self.headers.get("dlq-consumer", "")

    @property
    def context(self) -> dict[str, Any]:
        """The CloudEvent's context attributes (no `data`), or {} when the value was no event."""
        try:
            envelope = json.loads(self.value or b"")
        except ValueError:
            return {}
        if not isinstance(envelope, dict):
            return {}
        return {
            k: envelope[k] for k in ("id", "source", "type", "subject", "time") if k in envelope
        }


async def partitions_of(bootstrap_servers: str, topics: list[str]) -> list[TopicPartition]:
    """Every partition of `topics` that exist, from the cluster's metadata."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="wmo-metadata")
    await admin.start()
    try:
        described = await admin.describe_topics(topics)
    finally:
        await admin.close()
    return [
        TopicPartition(d["topic"], p["partition"])
        for d in described
        for p in sorted(d["partitions"], key=lambda p: int(p["partition"]))
    ]


async def read_dead_letters(bootstrap_servers: str, topic: str) -> list[DeadLetter]:
    """Every record now in `topic`'s dead-letter topic, oldest first."""
    name = dlq_topic(topic)
    partitions = await partitions_of(bootstrap_servers, [name])
    if not partitions:
        return []
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers, group_id=None, enable_auto_commit=False
    )
    try:  # stopped also when the start fails or is cancelled
        await consumer.start()
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        letters: list[DeadLetter] = []

        async def behind() -> bool:
            for tp, end in ends.items():
                if await consumer.position(tp) < end:
                    return True
            return False

        while await behind():
            batch = await consumer.getmany(timeout_ms=1000, max_records=1000)
            for tp, records in batch.items():
                letters.extend(
                    DeadLetter(
                        name,
                        tp.partition,
                        r.offset,
                        r.key,
                        r.value,
                        {k: v.decode(errors="replace") for k, v in r.headers},
                    )
                    for r in records
                    if r.offset < ends[tp]
                )
        return sorted(letters, key=lambda d: (d.headers.get("dlq-last-failure-at", ""), d.offset))
    finally:
        await consumer.stop()


@dataclass(frozen=True)
class PartitionLag:
    topic: str
    partition: int
    committed: int | None
    end: int

    @property
    def lag(self) -> int:
        return self.end - (self.committed or 0)


async def consumer_lag(bootstrap_servers: str, group: str, topics: list[str]) -> list[PartitionLag]:
    """How far `group` is behind on each partition of `topics` (from Kafka, so also when the
    group's consumers are stopped)."""
    partitions = await partitions_of(bootstrap_servers, topics)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="wmo-lag")
    reader = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, group_id=None)
    try:  # both closed also when a start fails or is cancelled
        await admin.start()
        await reader.start()
        committed = await admin.list_consumer_group_offsets(group)
        ends = await reader.end_offsets(partitions) if partitions else {}
        return [
            PartitionLag(
                tp.topic,
                tp.partition,
                committed[tp].offset if tp in committed and committed[tp].offset >= 0 else None,
                ends[tp],
            )
            for tp in partitions
        ]
    finally:
        await reader.stop()
        await admin.close()

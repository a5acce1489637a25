"""Kafka clients made one way: the idempotent producer, the admin client, topic creation."""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Iterable, Sequence

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from wmo_common.logging import get_logger

log = get_logger(__name__)
DLQ_SUFFIX = ".dlq"


def dlq_topic(topic: str) -> str:
    return topic + DLQ_SUFFIX


_MURMUR_M = 0x5BD1E995
_MURMUR_SEED = 0x9747B28C
_UINT32 = 0xFFFFFFFF
_WORDS = [struct.Struct(f"<{n}I") for n in range(65)]  # keys up to 256 bytes, made once


def murmur2(key: bytes) -> int:
    """Kafka's murmur2 of `key`, unsigned (Java's `Utils.murmur2`, as aiokafka's).

    aiokafka's pure-Python version masks after every step and reads each byte on its own; this
    one reads the key's 4-byte words in one `struct` call: about 2.4 times less CPU per key,
    paid once per record the relay sends (docs/benchmarks.md, "events, eighth pass")."""
    length = len(key)
    words = length >> 2
    h = _MURMUR_SEED ^ length
    for k in (_WORDS[words] if words < len(_WORDS) else struct.Struct(f"<{words}I")).unpack_from(
        key
    ):
        k = (k * _MURMUR_M) & _UINT32
        k = ((k ^ (k >> 24)) * _MURMUR_M) & _UINT32
        h = ((h * _MURMUR_M) & _UINT32) ^ k
    tail = length & 3
    if tail:
        end = length - tail
        if tail == 3:
            h ^= key[end + 2] << 16
        if tail >= 2:
            h ^= key[end + 1] << 8
        h = ((h ^ key[end]) * _MURMUR_M) & _UINT32
    h = ((h ^ (h >> 13)) * _MURMUR_M) & _UINT32
    return h ^ (h >> 15)


def partition_of(key: bytes, partitions: Sequence[int]) -> int:
    """The partition of a record with `key` among `partitions` (sorted by id), as the default
    partitioners of Kafka's Java client and of aiokafka give it: a key keeps its partition
    whichever of the suite's producers sends it."""
    return partitions[(murmur2(key) & 0x7FFFFFFF) % len(partitions)]


MAX_BATCH_BYTES = 256 * 1024
"""A record batch holds up to this much (aiokafka's default is 16 KB, about twelve 1.3 KB events):
a burst of 20,000 events went end to end 40-55 % faster with it, since every batch costs a
produce request, its acknowledgement and a fetched batch to parse (docs/benchmarks.md, "events,
tenth pass"). Within the broker's and the topics' 1 MB message limit."""


def make_producer(bootstrap_servers: str, client_id: str) -> AIOKafkaProducer:
    """Idempotent, acks=all: a retried send never duplicates or reorders within a partition."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        max_batch_size=MAX_BATCH_BYTES,
        request_timeout_ms=15000,
        retry_backoff_ms=200,
    )


async def sender_failure(producer: AIOKafkaProducer) -> BaseException | None:
    """Wait until `producer` can send no more and return why (None once it was stopped).

    aiokafka's sender task ends for good on a fatal error (OutOfOrderSequenceNumber after a
    broker lost the producer's sequence, ProducerFenced, ...): it fails what was queued, and
    every later send raises the same error. Only a new producer sends again."""
    task: asyncio.Task[None] = producer._sender.sender_task
    await asyncio.wait([task])
    return None if task.cancelled() else task.exception()


async def ensure_topics(
    bootstrap_servers: str,
    topics: Iterable[str],
    *,
    partitions: int,
    replication_factor: int = 1,
    with_dlq: bool = True,
) -> list[str]:
    """Create each topic (and its dead-letter topic) unless it exists; returns those created."""
    wanted = sorted(
        {t for topic in topics for t in ((topic, dlq_topic(topic)) if with_dlq else (topic,))}
    )
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="wmo-topics")
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in wanted if t not in existing]
        if not missing:
            return []
        try:
            await admin.create_topics(
                [
                    NewTopic(
                        name=t, num_partitions=partitions, replication_factor=replication_factor
                    )
                    for t in missing
                ]
            )
        except TopicAlreadyExistsError:
            log.info("topics_created_concurrently", extra={"topics": missing})
        log.info("topics_created", extra={"topics": missing})
        return missing
    finally:
        await admin.close()


async def kafka_reachable(bootstrap_servers: str, timeout: float = 3.0) -> bool:
    """True when the cluster answers a metadata request in time (used by /health/ready)."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap_servers,
        client_id="wmo-health",
        request_timeout_ms=int(timeout * 1000),
    )
    try:
        await asyncio.wait_for(admin.start(), timeout)
        await asyncio.wait_for(admin.list_topics(), timeout)
        return True
    except (KafkaError, OSError, TimeoutError):
        return False
    finally:
        await admin.close()

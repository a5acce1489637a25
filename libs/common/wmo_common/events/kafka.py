"""Kafka clients made one way: the idempotent producer, the admin client, topic creation."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from wmo_common.logging import get_logger

log = get_logger(__name__)
DLQ_SUFFIX = ".dlq"


def dlq_topic(topic: str) -> str:
    return topic + DLQ_SUFFIX


def make_producer(bootstrap_servers: str, client_id: str) -> AIOKafkaProducer:
    """Idempotent, acks=all: a retried send never duplicates or reorders within a partition."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
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

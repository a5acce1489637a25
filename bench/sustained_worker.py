"""One worker replica of the sustained-flow benchmark, as a process of its own: an outbox relay
and a consumer of the shared group, as `python -m wmo_common.processes worker` runs them.

Usage: sustained_worker.py TOPIC GROUP DATABASE_URL LATENCY_FILE. Prints `ready` once its
consumer has joined; on SIGTERM it stops and writes each applied event's latency (seconds from
the outbox commit to the consumer's apply) as JSON to LATENCY_FILE.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.events.consumer import EventConsumer, HandlerContext
from wmo_common.events.kafka import make_producer
from wmo_common.events.relay import OutboxRelay
from wmo_common.runtime import freeze_startup_objects
from wmo_common.settings import CommonSettings
from wmo_common.tasks import cancel_and_wait
from wmo_testing.events import SOURCE, ProefEffect, make_proef_type


async def main(topic: str, group: str, database_url: str, latency_file: Path) -> None:
    model = make_proef_type(topic)
    engine = create_engine(database_url, pool_size=5)
    maker = create_sessionmaker(engine, SOURCE)
    bootstrap = CommonSettings().kafka_bootstrap_servers
    producer = make_producer(bootstrap, "bench-worker")
    await producer.start()
    latencies: list[float] = []

    async def apply(session: AsyncSession, event: Any, context: HandlerContext[Any]) -> None:
        session.add(
            ProefEffect(consumer=group, proef_id=event.proef_id, volgnummer=event.volgnummer)
        )
        latencies.append((datetime.now(UTC) - context.envelope.time).total_seconds())

    relay = OutboxRelay(maker, producer, database_url=database_url, poll_seconds=0.05)
    consumer = EventConsumer(
        name=group,
        topics=[topic],
        handlers={model: apply},
        settings=CommonSettings(service_name="bench"),
        sessionmaker=maker,
        bootstrap_servers=bootstrap,
        dlq_producer=producer,
    )
    await consumer.start()
    stopping = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopping.set)
    tasks = [asyncio.create_task(relay.run()), asyncio.create_task(consumer.run())]
    freeze_startup_objects()  # as the worker process's lifespan does
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    await stopping.wait()
    relay.stop()
    await consumer.stop()
    await cancel_and_wait(tasks)
    await producer.stop()
    await engine.dispose()
    await asyncio.to_thread(latency_file.write_text, json.dumps(latencies))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])))

"""One outbox relay as a process of its own, as a worker replica runs it: the replica tests start
two of these against one database and kill one. Usage: relay_process.py DATABASE_URL BATCH."""

from __future__ import annotations

import asyncio
import signal
import sys

from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.events.kafka import make_producer
from wmo_common.events.relay import OutboxRelay
from wmo_testing.events import SOURCE
from wmo_testing.harness import kafka_bootstrap


async def main(database_url: str, batch_size: int) -> None:
    engine = create_engine(database_url)
    producer = make_producer(kafka_bootstrap(), "relay-replica")
    await producer.start()
    relay = OutboxRelay(
        create_sessionmaker(engine, SOURCE),
        producer,
        database_url=database_url,
        batch_size=batch_size,
        poll_seconds=0.1,
    )
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, relay.stop)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    try:
        await relay.run()
    finally:
        await producer.stop()
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))

"""Benchmark: raw aiokafka produce+consume of 1 KB events (the ceiling) against the end-to-end
path outbox -> relay -> Kafka -> idempotent consumer, with p50/p99 latency.

Both paths run as production runs the event path: the producing side in this process (raw: the
producer; end to end: the outbox writes and the relay, as a service's process does), the
consuming side in a process of its own (`events.py read TOPIC N` or `events.py apply TOPIC N`,
as another service's worker). The clock starts once the consumer is ready (its partitions
assigned) and stops at the consumer's last record, on the machine's monotonic clock.

Both paths are warmed the same way (one untimed short run each), then measured in BENCH_ROUNDS
rounds that alternate which path goes first; the share is that of the two medians. On a shared
machine one run of either path moves by half; the rounds show how much.

Run through `make bench` (it starts the test stack). Prints a markdown table.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.events import outbox
from wmo_common.events.consumer import HandlerContext
from wmo_common.events.kafka import ensure_topics
from wmo_common.runtime import freeze_startup_objects
from wmo_testing.events import (
    SOURCE,
    Proef,
    ProefEffect,
    fresh_tables,
    make_proef_type,
    running_consumer,
    running_producer,
    running_relay,
)

EVENTS = int(os.environ.get("BENCH_EVENTS", "20000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARM_UP_EVENTS = 2000
PAYLOAD = "x" * 850  # with the envelope around it, each record value is about 1 KB
BOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")
AIM = 0.6
"""Issue 22: end to end at least this share of the raw ceiling."""
DATABASE_URL = os.environ["WMO_TEST_DATABASE_URL_TEMPLATE"].format(service="bench")


async def fresh_topic() -> type[Proef]:
    topic = f"bench.b{uuid.uuid4().hex[:10]}.v1"
    await ensure_topics(BOOTSTRAP, [topic], partitions=3)
    return make_proef_type(topic)


async def consuming_side(role: str, topic: str, events: int) -> asyncio.subprocess.Process:
    """The consuming process (`read` or `apply`), once it reports its partitions assigned."""
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        str(Path(__file__)),
        role,
        topic,
        str(events),
        stdout=asyncio.subprocess.PIPE,
        limit=2**24,  # the report is one line with every latency
    )
    if child.stdout is None:
        raise RuntimeError(f"the {role} process has no stdout")
    if await asyncio.wait_for(child.stdout.readline(), timeout=60) != b"ready\n":
        raise RuntimeError(f"the {role} process did not start")
    return child


async def finished(child: asyncio.subprocess.Process) -> dict[str, Any]:
    """What the consuming process reports when it has every event: when, and the latencies."""
    if child.stdout is None:
        raise RuntimeError("the consuming process has no stdout")
    line = await asyncio.wait_for(child.stdout.readline(), timeout=600)
    await child.wait()
    report: dict[str, Any] = json.loads(line)
    return report


async def assigned(consumer: AIOKafkaConsumer) -> None:
    """Wait until the consumer has its partitions (a group member's join takes a moment)."""
    for _ in range(1200):  # at most a minute
        if consumer.assignment():
            return
        await asyncio.sleep(0.05)
    raise RuntimeError("no partitions assigned within a minute")


@dataclass(frozen=True)
class Run:
    rate: float
    """Events per second, first send or write to the last record read or applied."""
    cpu_us: float
    """CPU per event of both sides together (this process and the consuming one), in us."""


async def raw_ceiling(model: type[Proef], events: int) -> tuple[Run, int]:
    value = (
        model(proef_id=uuid.uuid4(), volgnummer=0, inhoud=PAYLOAD).to_envelope(SOURCE).to_bytes()
    )
    reader = await consuming_side("read", model.topic, events)
    async with running_producer() as producer:
        started = time.monotonic()  # as end to end: the producer is up before the clock starts
        cpu = time.process_time()
        futures = [
            await producer.send(model.topic, value=value, key=str(i % 64).encode())
            for i in range(events)
        ]
        await asyncio.gather(*futures)
        cpu = time.process_time() - cpu
    report = await finished(reader)
    return measured(events, report, started, cpu), len(value)


async def read(topic: str, events: int) -> None:
    """The raw consuming side: read every record, then report when."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=BOOTSTRAP, group_id=None, auto_offset_reset="earliest"
    )
    await consumer.start()
    await assigned(consumer)
    freeze_startup_objects()  # as a service's lifespan does, on both paths alike
    print("ready", flush=True)  # noqa: T201
    cpu = time.process_time()
    received = 0
    while received < events:
        batch = await consumer.getmany(timeout_ms=500, max_records=1000)
        received += sum(len(records) for records in batch.values())
    report = {"done": time.monotonic(), "cpu": time.process_time() - cpu, "latencies": []}
    print(json.dumps(report), flush=True)  # noqa: T201
    await consumer.stop()


async def end_to_end(model: type[Proef], events: int) -> tuple[Run, list[float]]:
    engine = create_engine(DATABASE_URL, pool_size=10)
    await fresh_tables(engine)
    maker = create_sessionmaker(engine, SOURCE)
    keys = [uuid.uuid4() for _ in range(64)]
    applier = await consuming_side("apply", model.topic, events)
    async with running_producer() as producer, running_relay(maker, DATABASE_URL, producer):
        started = time.monotonic()
        cpu = time.process_time()
        for start in range(0, events, 500):
            async with maker() as session, session.begin():
                for i in range(start, min(start + 500, events)):
                    await outbox.add(
                        session, model(proef_id=keys[i % 64], volgnummer=i, inhoud=PAYLOAD)
                    )
        report = await finished(applier)
        cpu = time.process_time() - cpu
    await engine.dispose()
    return measured(events, report, started, cpu), report["latencies"]


async def apply_all(topic: str, events: int) -> None:
    """The idempotent consuming side: a handler that writes one effect row per event, as the
    services' handlers write their rows; reports when the last is applied."""
    model = make_proef_type(topic)
    engine = create_engine(DATABASE_URL, pool_size=10)
    maker = create_sessionmaker(engine, SOURCE)
    latencies: list[float] = []
    done = asyncio.Event()

    async def apply(session: AsyncSession, event: Any, context: HandlerContext[Any]) -> None:
        session.add(
            ProefEffect(consumer="bench", proef_id=event.proef_id, volgnummer=event.volgnummer)
        )
        latencies.append((datetime.now(UTC) - context.envelope.time).total_seconds())
        if len(latencies) >= events:
            done.set()

    async with (
        running_producer() as producer,
        running_consumer(
            maker, topic, {model: apply}, producer, name=f"bench.{uuid.uuid4().hex[:6]}"
        ) as consumer,
    ):
        await assigned(consumer.kafka)
        freeze_startup_objects()
        print("ready", flush=True)  # noqa: T201
        cpu = time.process_time()
        await asyncio.wait_for(done.wait(), timeout=600)
        report = {
            "done": time.monotonic(),
            "cpu": time.process_time() - cpu,
            "latencies": latencies,
        }
    await engine.dispose()
    print(json.dumps(report), flush=True)  # noqa: T201


async def ensure_database() -> None:
    admin = await asyncpg.connect(
        DATABASE_URL.replace("+asyncpg", "").rsplit("/", 1)[0] + "/postgres"
    )
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = 'wmo_test_bench'"):
            await admin.execute('CREATE DATABASE "wmo_test_bench"')
    finally:
        await admin.close()


def measured(events: int, report: dict[str, Any], started: float, cpu: float) -> Run:
    return Run(events / (report["done"] - started), (cpu + report["cpu"]) / events * 1e6)


def quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


async def main() -> None:
    await ensure_database()
    freeze_startup_objects()
    # Warmed the same way: neither path meets a cold broker, database or interpreter.
    await raw_ceiling(await fresh_topic(), WARM_UP_EVENTS)
    await end_to_end(await fresh_topic(), WARM_UP_EVENTS)
    raw_runs: list[Run] = []
    e2e_runs: list[Run] = []
    lines: list[str] = []
    for round_ in range(1, ROUNDS + 1):
        # Alternated, so that neither path always runs right after the other.
        raw_first = round_ % 2 == 1
        if raw_first:
            raw, size = await raw_ceiling(await fresh_topic(), EVENTS)
        e2e, latencies = await end_to_end(await fresh_topic(), EVENTS)
        if not raw_first:
            raw, size = await raw_ceiling(await fresh_topic(), EVENTS)
        raw_runs.append(raw)
        e2e_runs.append(e2e)
        lines.append(
            f"| {round_} | {raw.rate:,.0f} | {e2e.rate:,.0f} | {e2e.rate / raw.rate:.0%} | "
            f"{quantile(latencies, 0.5) * 1000:,.0f} ms | "
            f"{quantile(latencies, 0.99) * 1000:,.0f} ms | {raw.cpu_us:.0f} / {e2e.cpu_us:.0f} |"
        )
    raw_median = statistics.median(run.rate for run in raw_runs)
    e2e_median = statistics.median(run.rate for run in e2e_runs)
    print(  # noqa: T201
        f"### Events ({EVENTS} events of {size} bytes, 3 partitions, 1 broker, "
        f"{ROUNDS} rounds)\n\n"
        "| round | raw aiokafka produce+consume (ceiling), events/s | outbox -> relay -> Kafka "
        "-> idempotent consumer, events/s | share | p50 latency | p99 latency | client CPU "
        "per event, raw / end to end (us) |\n"
        "|---|---:|---:|---:|---:|---:|---:|\n" + "\n".join(lines) + "\n"
        f"| median | {raw_median:,.0f} | {e2e_median:,.0f} | {e2e_median / raw_median:.0%} "
        "| | | |\n"
        f"\nEnd-to-end reaches {e2e_median / raw_median:.0%} of the raw ceiling (medians of "
        f"{ROUNDS} rounds; aim: at least {AIM:.0%}; the p99 aim of 250 ms at a steady 500 "
        "events/s is measured by bench/events_sustained.py). Client CPU: both processes, "
        "without the broker's and PostgreSQL's."
    )


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["read", topic, events]:
            asyncio.run(read(topic, int(events)))
        case ["apply", topic, events]:
            asyncio.run(apply_all(topic, int(events)))
        case _:
            asyncio.run(main())

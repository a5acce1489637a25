"""Kafka for the stack: the broker of deploy/kafka.sh (jars from Maven Central, run with the
machine's Java) or the cluster of KAFKA_BOOTSTRAP_SERVERS, and the catalogue's topics."""

from __future__ import annotations

import asyncio
import os
import subprocess
import time

from deploy.stack.profiles import LOCAL, ROOT, RUN, Profile, say

# The broker of `make run` compiles with the JVM's first tier only: its optimising compiler
# spent about 6 s of CPU on the two cores while the demo loaded (14 -> 8 s of the broker's CPU,
# `make run` 65 -> 60 s; docs/benchmarks.md). The test and benchmark stacks keep the full JIT.
RUN_JVM_OPTS = "-XX:TieredStopAtLevel=1"


def kafka_env(profile: Profile) -> dict[str, str]:
    return {
        **({"KAFKA_JVM_OPTS": RUN_JVM_OPTS} if profile is RUN else {}),
        **os.environ,
        "KAFKA_HOME_DIR": str(profile.home / "kafka"),
        "KAFKA_LIBS_DIR": str(LOCAL / "kafka-libs"),
        "KAFKA_PORT": str(profile.kafka_port),
        "KAFKA_CONTROLLER_PORT": str(profile.kafka_controller_port),
    }


def kafka(profile: Profile, action: str) -> None:
    if os.environ.get("KAFKA_BOOTSTRAP_SERVERS") and action in {"start", "stop"}:
        if action == "start":
            say("using the Kafka cluster of KAFKA_BOOTSTRAP_SERVERS")
        return
    subprocess.run(
        ["bash", str(ROOT / "deploy" / "kafka.sh"), action], check=True, env=kafka_env(profile)
    )


async def create_topics(profile: Profile) -> None:
    import wmo_common.events  # noqa: F401 - registers the catalogue
    from wmo_common.events.kafka import ensure_topics
    from wmo_common.events.registry import topics

    partitions = int(os.environ.get("KAFKA_PARTITIONS", "3"))
    created = await ensure_topics(profile.kafka_bootstrap, topics(), partitions=partitions)
    say(f"topics ready ({len(created)} created, {partitions} partitions each)")


async def recreate_topics(profile: Profile) -> None:
    """Delete and recreate every topic, so the cross-service tests start from an empty stream."""
    from aiokafka.admin import AIOKafkaAdminClient
    from aiokafka.errors import KafkaError

    import wmo_common.events  # noqa: F401 - registers the catalogue
    from wmo_common.events.kafka import ensure_topics
    from wmo_common.events.registry import topics

    deadline = time.monotonic() + 60
    admin = AIOKafkaAdminClient(bootstrap_servers=profile.kafka_bootstrap)
    await admin.start()
    try:
        existing = {t for t in await admin.list_topics() if not t.startswith("__")}
        if existing:
            await admin.delete_topics(list(existing))
        # A deleted topic lingers for a moment (the more so just after it was created): while
        # it is listed, ensure_topics takes it for present.
        while existing & set(await admin.list_topics()):
            if time.monotonic() > deadline:
                raise SystemExit("[stack] Kafka did not delete the topics in 60s")
            await asyncio.sleep(0.1)
    finally:
        await admin.close()
    # Until every topic is listed: a creation that raced the deletion fails, or is taken for
    # a concurrent one and leaves the topic missing.
    while True:
        try:
            created = await ensure_topics(
                profile.kafka_bootstrap,
                topics(),
                partitions=int(os.environ.get("KAFKA_PARTITIONS", "3")),
            )
        except KafkaError:
            if time.monotonic() > deadline:
                raise
        else:
            if not created:
                return
            if time.monotonic() > deadline:
                raise SystemExit(f"[stack] Kafka did not create the topics in 60s: {created}")
        await asyncio.sleep(0.2)

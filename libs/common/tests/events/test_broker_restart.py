import asyncio
import os
import subprocess
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.events import outbox
from wmo_common.runtime import ConsumerSpec, Runtime
from wmo_testing.events import Proef, count_effects, proef_settings, recording_handler
from wmo_testing.harness import REPO_ROOT, eventually

EVENTS = 1000
BATCH = 50


def restart_broker() -> None:
    subprocess.run(
        ["bash", str(REPO_ROOT / "deploy" / "kafka.sh"), "restart"],
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.skipif(
    not os.environ.get("WMO_KAFKA_SCRIPT_ENV"),
    reason="restarts the broker of deploy/kafka.sh; run through `make test`",
)
async def test_restarting_the_broker_mid_stream_loses_no_event_and_applies_each_exactly_once(
    sessionmaker: async_sessionmaker[AsyncSession], proef_type: type[Proef]
) -> None:
    # The relay, the consumer and the producer as a service runs them, so a producer that the
    # restart leaves unable to send is replaced as in production.
    purpose = uuid.uuid4().hex[:8]
    name = f"proef.{purpose}"
    keys = [uuid.uuid4() for _ in range(20)]
    settings = proef_settings(
        outbox_poll_seconds=0.2,
        consumer_max_attempts=10,
    )
    spec = ConsumerSpec(
        purpose=purpose, topics=[proef_type.topic], handlers={proef_type: recording_handler(name)}
    )
    runtime = Runtime(settings, [spec])
    await runtime.start()
    try:
        await runtime.wait_ready()
        restart: asyncio.Task[None] | None = None
        for start in range(0, EVENTS, BATCH):
            async with sessionmaker() as session, session.begin():
                for volgnummer in range(start, start + BATCH):
                    await outbox.add(
                        session,
                        proef_type(proef_id=keys[volgnummer % len(keys)], volgnummer=volgnummer),
                    )
            if start == EVENTS // 2:
                restart = asyncio.create_task(asyncio.to_thread(restart_broker))
            await asyncio.sleep(0.02)  # spread the stream over the restart
        assert restart is not None
        await restart

        async def all_applied() -> bool:
            return await count_effects(sessionmaker, name) >= EVENTS

        await eventually(all_applied, timeout=180)
    finally:
        await runtime.stop()
    async with sessionmaker() as session:
        row = (
            await session.execute(
                text(
                    "SELECT count(*), count(DISTINCT volgnummer) FROM proef_effect "
                    "WHERE consumer = :c"
                ),
                {"c": name},
            )
        ).one()
    assert tuple(row) == (EVENTS, EVENTS)

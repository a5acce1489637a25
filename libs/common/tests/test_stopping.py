"""Stopping a service ends its background work, also work whose library code swallowed the
cancellation (this once held a test run's teardown for five minutes)."""

from __future__ import annotations

import asyncio

from wmo_common.runtime import Runtime
from wmo_common.tasks import cancel_and_wait
from wmo_testing.events import proef_settings


async def swallows_the_first_cancellation(runtime: Runtime) -> None:
    """A periodic loop around code that, while closing, awaits a child it cancelled with
    `except CancelledError: pass` (as aiokafka's consumer does): the loop's own cancellation
    goes with it, and the loop goes on."""
    swallowed = False
    while True:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            if swallowed:
                raise
            swallowed = True


async def test_stopping_a_service_ends_periodic_work_that_swallowed_its_cancellation() -> None:
    settings = proef_settings(
        process_role="scheduler",
    )
    runtime = Runtime(settings, [], [swallows_the_first_cancellation])
    await runtime.start()
    await runtime.wait_ready()
    assert "swallows_the_first_cancellation" in runtime.activities()
    await asyncio.wait_for(runtime.stop(), timeout=30)
    assert runtime.activities() == []


async def test_a_task_that_ignores_every_cancellation_is_named_and_stopping_goes_on() -> None:
    released = asyncio.Event()

    async def stubborn() -> None:
        while not released.is_set():
            try:
                await released.wait()
            except asyncio.CancelledError:
                continue

    async def obliging() -> None:
        await asyncio.sleep(3600)

    tasks = [
        asyncio.create_task(stubborn(), name="stubborn"),
        asyncio.create_task(obliging(), name="obliging"),
    ]
    await asyncio.sleep(0)
    assert await cancel_and_wait(tasks, within=0.3) == ["stubborn"]
    assert tasks[1].cancelled()
    released.set()
    await tasks[0]


async def test_a_task_that_failed_before_the_stop_does_not_hold_it() -> None:
    async def fails() -> None:
        raise RuntimeError("boom")

    task = asyncio.create_task(fails(), name="fails")
    await asyncio.sleep(0)
    assert await cancel_and_wait([task], within=1) == []
    assert isinstance(task.exception(), RuntimeError)

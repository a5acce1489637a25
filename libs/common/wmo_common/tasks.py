"""Stopping background tasks for certain, also when code inside them swallows a cancellation."""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from typing import Any

# How long stopping waits for a service's tasks (relay, consumers, periodic work) to end.
STOP_SECONDS = 10.0
# How long a task gets to end after a cancellation before it is cancelled again.
RECANCEL_SECONDS = 0.5


async def cancel_and_wait(
    tasks: Collection[asyncio.Task[Any]], *, within: float = STOP_SECONDS
) -> list[str]:
    """Cancel `tasks` and wait until each has ended; returns the names of those still running
    after `within` seconds (left to the event loop).

    One cancellation is not always enough: library code can swallow it (aiokafka's consumer
    awaits its own cancelled fetch task with `except CancelledError: pass` while it stops; in
    Python 3.11 `asyncio.wait_for` returns a result that arrived together with the
    cancellation), and a loop around that code then runs on. So a task still running is
    cancelled again every `RECANCEL_SECONDS`. The failure of a task that ended is retrieved
    here, as awaiting it would: its caller already logged what it needed to.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    running = {task for task in tasks if not task.done()}
    while running:
        for task in running:
            task.cancel()
        left = deadline - loop.time()
        if left <= 0:
            break
        _, running = await asyncio.wait(running, timeout=min(RECANCEL_SECONDS, left))
    for task in tasks:
        if task.done() and not task.cancelled():
            task.exception()
    return sorted(task.get_name() for task in running)

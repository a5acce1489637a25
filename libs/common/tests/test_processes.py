"""One image, three processes: what each role runs, and the entry point that starts it."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import uuid
from typing import Literal

import httpx
import pytest

from wmo_common.runtime import BackgroundTask, ConsumerSpec, Runtime
from wmo_common.settings import CommonSettings
from wmo_testing.events import Proef, proef_settings, recording_handler
from wmo_testing.harness import REPO_ROOT, database_url_for, eventually, kafka_bootstrap


async def periodic_work(runtime: Runtime) -> None:
    await asyncio.Event().wait()


async def running_roles(
    role: Literal["all", "api", "worker", "scheduler"], proef_type: type[Proef]
) -> tuple[list[str], bool]:
    """What a runtime of `role` runs, and whether it has a relay."""
    settings = proef_settings(
        process_role=role,
    )
    group = f"groep{uuid.uuid4().hex[:6]}"
    spec = ConsumerSpec(
        purpose=group, topics=[proef_type.topic], handlers={proef_type: recording_handler(group)}
    )
    background: list[BackgroundTask] = [periodic_work]
    runtime = Runtime(settings, [spec], background)
    await runtime.start()
    try:
        await runtime.wait_ready()
        return runtime.activities(), runtime.relay is not None
    finally:
        await runtime.stop()


async def test_an_api_process_runs_no_relay_no_consumer_and_no_periodic_work(
    proef_type: type[Proef],
) -> None:
    assert await running_roles("api", proef_type) == ([], False)


async def test_a_worker_process_runs_the_relay_and_the_consumers_only(
    proef_type: type[Proef],
) -> None:
    activities, has_relay = await running_roles("worker", proef_type)
    assert has_relay
    assert "outbox-relay" in activities
    assert any(name.startswith("proef.groep") for name in activities)
    assert "periodic_work" not in activities
    assert "retention" not in activities


async def test_a_scheduler_process_runs_the_periodic_work_and_retention_only(
    proef_type: type[Proef],
) -> None:
    activities, has_relay = await running_roles("scheduler", proef_type)
    assert not has_relay
    assert activities == ["periodic_work", "retention"]


async def test_one_process_of_role_all_runs_everything(proef_type: type[Proef]) -> None:
    activities, has_relay = await running_roles("all", proef_type)
    assert has_relay
    assert {"outbox-relay", "periodic_work", "retention"} <= set(activities)
    assert any(name.startswith("proef.groep") for name in activities)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def test_the_scheduler_entry_point_serves_probes_and_metrics_but_no_api() -> None:
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "wmo_common.processes",
        "scheduler",
        "--service",
        "finance",
        "--port",
        str(port),
        env={
            **os.environ,
            "DATABASE_URL": database_url_for("finance"),
            "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap(),
            "SERVICE_NAME": "finance",
        },
        cwd=REPO_ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:

            async def ready() -> bool:
                try:
                    return (await client.get("/health/ready")).status_code == 200
                except httpx.TransportError:
                    return False

            await eventually(ready, timeout=60, interval=0.3)
            assert (await client.get("/health/live")).json() == {"status": "up"}
            assert "wmo_outbox_backlog" in (await client.get("/metrics")).text
            assert (await client.get("/api/v1/openapi.json")).status_code == 404
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    # uvicorn shuts down gracefully, then exits by the signal it was sent.
    assert process.returncode in (0, -signal.SIGTERM)
    assert b"service_stopped" in output


def test_the_entry_point_refuses_an_unknown_service_with_a_clear_message() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wmo_common.processes", "worker", "--service", "bestaatniet"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no service named 'bestaatniet'" in result.stderr


@pytest.mark.parametrize("role", ["api", "worker", "scheduler", "all"])
def test_the_process_role_is_one_setting_read_from_the_environment(
    role: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROCESS_ROLE", role)
    assert CommonSettings().process_role == role


def test_an_unknown_process_role_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROCESS_ROLE", "alles")
    with pytest.raises(ValueError, match="process_role"):
        CommonSettings()

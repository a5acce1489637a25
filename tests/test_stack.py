"""The local stack stops everything it started, whichever way it is stopped, and takes every port
from one place."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid

from deploy.stack.processes import _remember, stop_remembered
from deploy.stack.profiles import FLOW, RUN, TEST, Profile


def test_a_terminated_stack_runs_its_cleanup_as_on_ctrl_c() -> None:
    script = (
        "import time\n"
        "from deploy.stack.commands import stop_on_signals\n"
        "stop_on_signals()\n"
        "try:\n"
        "    print('up', flush=True)\n"
        "    time.sleep(30)\n"
        "except KeyboardInterrupt:\n"
        "    print('stopping everything', flush=True)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=os.getcwd()
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "up"
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=10)
    assert "stopping everything" in out


def test_down_stops_the_processes_a_killed_run_left_behind() -> None:
    profile = Profile(f"proef-{uuid.uuid4().hex[:8]}", 1, 2, 3, "proef_", 4)
    profile.home.mkdir(parents=True)
    leftover = subprocess.Popen(["sleep", "60"], start_new_session=True)
    _remember(profile, leftover)
    stop_remembered(profile)
    deadline = time.monotonic() + 10
    while leftover.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert leftover.poll() is not None
    profile.home.rmdir()


def test_every_fixed_port_is_below_the_ephemeral_range() -> None:
    for profile in (RUN, TEST, FLOW):
        ports = [
            profile.pg_port,
            profile.kafka_port,
            profile.kafka_controller_port,
            *profile.service_ports.values(),
        ]
        assert max(ports) < 32768, profile.name

"""The processes of a stack: the five services under uvicorn, the demo loader and the
aanbieders' simulator, each in its own session and logging to the profile's logs/."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from deploy.stack.profiles import ROOT, SERVICES, Profile


def service_env(profile: Profile, service: str, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "SERVICE_NAME": service,
        "PORT": str(port),
        "DATABASE_URL": profile.database_url(service),
        "KAFKA_BOOTSTRAP_SERVERS": profile.kafka_bootstrap,
    }


def start_services(
    profile: Profile, ports: dict[str, int] = SERVICES, extra_env: dict[str, str] | None = None
) -> list[subprocess.Popen[bytes]]:
    """The five services as uvicorn processes, each in its own session, logging to files."""
    logs = profile.home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    processes = []
    for service, port in ports.items():
        log_file = (logs / f"{service}.log").open("ab")
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    f"wmo_{service}.main:app_from_env",
                    "--factory",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--no-access-log",
                ],
                env={**service_env(profile, service, port), **(extra_env or {})},
                stdout=log_file,
                stderr=log_file,
                cwd=ROOT,
                start_new_session=True,
            )
        )
    return processes


def wait_healthy(ports: dict[str, int] = SERVICES, timeout: float = 90.0) -> list[str]:
    """Wait until every service answers /health/ready; returns those that did not in time."""
    import httpx

    deadline = time.monotonic() + timeout
    pending = dict(ports)
    while pending and time.monotonic() < deadline:
        for service, port in list(pending.items()):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=2).status_code == 200:
                    del pending[service]
            except httpx.HTTPError:
                pass
        time.sleep(0.5)
    return sorted(pending)


def stop_processes(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def run_demo(profile: Profile) -> None:
    """Load the demo region (`python -m deploy.demo`) into the running services; waits for it."""
    subprocess.run(
        [sys.executable, "-m", "deploy.demo"],
        check=True,
        cwd=ROOT,
        env={
            **os.environ,
            "KAFKA_BOOTSTRAP_SERVERS": profile.kafka_bootstrap,
            "CONTRACTING_DATABASE_URL": profile.database_url("contracting"),
        },
    )


def start_simulator(profile: Profile) -> subprocess.Popen[bytes]:
    """The aanbieders' systems of the demo (`python -m deploy.simulator`), in the background."""
    log_file = (profile.home / "logs" / "simulator.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "deploy.simulator"],
        stdout=log_file,
        stderr=log_file,
        cwd=ROOT,
        start_new_session=True,
    )

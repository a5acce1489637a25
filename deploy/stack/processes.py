"""The processes of a stack: the five services under uvicorn, the demo loader and the
aanbieders' simulator, each in its own session (the services and the simulator logging to the
profile's logs/).

Each service runs as one process (`PROCESS_ROLE=all`), or with `WMO_PROCESSES=split` as the
three processes of production (`python -m wmo_common.processes api|worker|scheduler`): the API on
the service's port, the worker and the scheduler (probes and metrics only) 100 and 200 above."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from deploy.stack.profiles import ROOT, Profile


def suite_env(profile: Profile) -> dict[str, str]:
    """Where the services of `profile` are: for the console, the demo and the simulator."""
    return {"SUITE_URLS": json.dumps(profile.suite_urls())}


# The GGk interface of a stack (docs/ggk.md), above the services' ports: the gateway's
# mutual-TLS listener, the GGk simulator's web service and its aanbieders' side.
GGK_OFFSETS = {"gateway": 10, "simulator": 11, "aanbieders": 12}


def ggk_ports(profile: Profile) -> dict[str, int]:
    return {name: profile.first_service_port + n for name, n in GGK_OFFSETS.items()}


def ggk_env(profile: Profile) -> dict[str, str]:
    """The gateway's GGk settings: its listener, the simulated GGk, the test CA's certificates."""
    from deploy.ggk.ca import GGK_OIN, ensure_test_ca
    from wmo_gateway.ggk.router import PATH

    ca = ensure_test_ca(profile.home / "ggk-ca")
    ports = ggk_ports(profile)
    return {
        "GGK_PORT": str(ports["gateway"]),
        "GGK_ENDPOINT": f"https://127.0.0.1:{ports['simulator']}{PATH}",
        "GGK_CERTIFICAAT": str(ca.suite.cert),
        "GGK_SLEUTEL": str(ca.suite.key),
        "GGK_CA": str(ca.ca),
        "GGK_OINS": json.dumps([GGK_OIN]),
    }


def service_env(profile: Profile, service: str, port: int) -> dict[str, str]:
    return {
        **os.environ,
        **suite_env(profile),
        "SERVICE_NAME": service,
        "PORT": str(port),
        "DATABASE_URL": profile.database_url(service),
        "KAFKA_BOOTSTRAP_SERVERS": profile.kafka_bootstrap,
        # Few malloc arenas: memory a large message cost goes back to the system (glibc keeps
        # a worker thread's arena otherwise; see docs/benchmarks.md, gateway memory).
        "MALLOC_ARENA_MAX": "2",
        **(ggk_env(profile) if service == "gateway" else {}),
    }


def _pid_file(profile: Profile) -> Path:
    return profile.home / "processes.pid"


def _remember(profile: Profile, process: subprocess.Popen[bytes]) -> None:
    """Each started process group is written down, so `down` can stop what a run left."""
    with _pid_file(profile).open("a") as pids:
        pids.write(f"{process.pid}\n")


def stop_remembered(profile: Profile) -> None:
    """Stop every process group a run of `profile` started and did not stop (a killed run)."""
    path = _pid_file(profile)
    if not path.exists():
        return
    for line in path.read_text().split():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(int(line), signal.SIGTERM)
    path.unlink()


# With WMO_PROCESSES=split: each role's port, above the service's own (the API's).
SPLIT_PORT_OFFSETS = {"api": 0, "worker": 100, "scheduler": 200}


def split_processes() -> bool:
    """Whether the stack runs each service as api, worker and scheduler (WMO_PROCESSES=split)."""
    mode = os.environ.get("WMO_PROCESSES", "all")
    if mode not in ("all", "split"):
        raise SystemExit(f"WMO_PROCESSES must be 'all' or 'split', not {mode!r}")
    return mode == "split"


def process_ports(profile: Profile) -> dict[str, int]:
    """Every process's HTTP port by name (`access`, or `access-worker` ... when split)."""
    if not split_processes():
        return dict(profile.service_ports)
    return {
        (service if role == "api" else f"{service}-{role}"): port + offset
        for service, port in profile.service_ports.items()
        for role, offset in SPLIT_PORT_OFFSETS.items()
    }


def _command(service: str, name: str, port: int) -> list[str]:
    if not split_processes():
        return [
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
        ]
    role = name.removeprefix(service).lstrip("-") or "api"
    return [
        sys.executable,
        "-m",
        "wmo_common.processes",
        role,
        "--service",
        service,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


def start_services(
    profile: Profile, extra_env: dict[str, str] | None = None
) -> list[subprocess.Popen[bytes]]:
    """The five services as uvicorn processes (three each when split), each in its own session,
    logging to files."""
    logs = profile.home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    processes = []
    for name, port in process_ports(profile).items():
        service = name.split("-")[0]
        log_file = (logs / f"{name}.log").open("ab")
        processes.append(
            subprocess.Popen(
                _command(service, name, port),
                env={**service_env(profile, service, port), **(extra_env or {})},
                stdout=log_file,
                stderr=log_file,
                cwd=ROOT,
                start_new_session=True,
            )
        )
        _remember(profile, processes[-1])
    return processes


def wait_healthy(ports: dict[str, int], timeout: float = 90.0) -> list[str]:
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


def start_demo(profile: Profile) -> subprocess.Popen[bytes]:
    """The demo loader (`python -m deploy.demo`), in its own session, writing to our output: it
    seeds contracting's database at once, waits until the services answer, then loads the demo
    region into them (the clienten's intakes through access's use cases on its database)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "deploy.demo"],
        cwd=ROOT,
        env={
            **os.environ,
            **suite_env(profile),
            "KAFKA_BOOTSTRAP_SERVERS": profile.kafka_bootstrap,
            "CONTRACTING_DATABASE_URL": profile.database_url("contracting"),
            # The intakes run access's own use cases on its database (deploy/demo/toegang.py).
            "ACCESS_DATABASE_URL": profile.database_url("access"),
        },
        start_new_session=True,
    )
    _remember(profile, process)
    return process


def start_ggk_simulator(profile: Profile, postbus: Path | None = None) -> subprocess.Popen[bytes]:
    """The simulated GGk (`python -m deploy.ggk.simulator`), in the background: the suite's
    gateway and the aanbieders' simulator exchange their berichten through it. What it holds
    is kept in `postbus` (default: the profile's ggk-postbus.jsonl) across restarts."""
    from wmo_gateway.ggk.router import PATH

    ports = ggk_ports(profile)
    log_file = (profile.home / "logs" / "ggk-simulator.log").open("ab")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "deploy.ggk.simulator",
            "--suite",
            f"https://127.0.0.1:{ports['gateway']}{PATH}",
            "--port",
            str(ports["simulator"]),
            "--aanbieder-port",
            str(ports["aanbieders"]),
            "--ca-dir",
            str(profile.home / "ggk-ca"),
            "--postbus",
            str(postbus or profile.home / "ggk-postbus.jsonl"),
        ],
        env=dict(os.environ),
        stdout=log_file,
        stderr=log_file,
        cwd=ROOT,
        start_new_session=True,
    )
    _remember(profile, process)
    return process


def ggk_aanbieders_url(profile: Profile) -> str:
    return f"http://127.0.0.1:{ggk_ports(profile)['aanbieders']}"


def start_simulator(
    profile: Profile, *args: str, state: Path | None = None
) -> subprocess.Popen[bytes]:
    """The aanbieders' systems of the demo (`python -m deploy.simulator ARGS`), in the
    background; they talk to the suite through the GGk simulator and keep their state in
    `state` (default: the profile's simulator.json)."""
    log_file = (profile.home / "logs" / "simulator.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "deploy.simulator", *args],
        env={
            **os.environ,
            **suite_env(profile),
            "GGK_AANBIEDERS_URL": ggk_aanbieders_url(profile),
            "SIMULATOR_STATE": str(state or profile.home / "simulator.json"),
        },
        stdout=log_file,
        stderr=log_file,
        cwd=ROOT,
        start_new_session=True,
    )
    _remember(profile, process)
    return process

"""What `python -m deploy.stack` does: the infrastructure up and down, the demo (`run`), the
tests in two phases (`test`), the benchmarks (`bench`) and the OpenAPI documents."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from deploy.stack.kafka import create_topics, kafka, kafka_env, recreate_topics
from deploy.stack.postgres import create_databases, drop_databases, migrate, pg_start, pg_stop
from deploy.stack.processes import (
    process_ports,
    start_demo,
    start_ggk_simulator,
    start_services,
    start_simulator,
    stop_processes,
    stop_remembered,
    wait_healthy,
)
from deploy.stack.profiles import FLOW, ROOT, RUN, SERVICES, TEST, Profile, say


def infra_up(profile: Profile) -> None:
    """PostgreSQL and Kafka, the databases, migrations and topics. The broker's JVM takes the
    longest to start: it starts first, and the databases are created and migrated meanwhile."""
    with ThreadPoolExecutor(max_workers=1) as broker:
        kafka_started = broker.submit(kafka, profile, "start")
        pg_start(profile)
        asyncio.run(create_databases(profile, list(SERVICES)))
        migrate(profile, list(SERVICES))
        kafka_started.result()
    asyncio.run(create_topics(profile))


def infra_down(profile: Profile) -> None:
    """Stop whatever a run of `profile` left (services, simulator), then Kafka and PostgreSQL."""
    stop_remembered(profile)
    kafka(profile, "stop")
    pg_stop(profile)


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP (a process manager, `timeout`, a CI runner, a closed terminal) stop the
    stack the way Ctrl-C does: through the `finally` that stops every process it started."""

    def interrupt(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupt)


def command_run() -> int:
    processes: list[subprocess.Popen[bytes]] = []
    demo: subprocess.Popen[bytes] | None = None
    simulator: subprocess.Popen[bytes] | None = None
    ggk: subprocess.Popen[bytes] | None = None
    stop_on_signals()
    try:
        infra_up(RUN)
        processes = start_services(RUN)
        # The demo seeds contracting's database while the services start, then waits for them.
        demo = start_demo(RUN)
        if late := wait_healthy(process_ports(RUN)):
            raise SystemExit(f"not ready in time: {', '.join(late)} (see .local/run/logs/)")
        say("services ready")
        ggk = start_ggk_simulator(RUN)
        if demo.wait() != 0:
            raise SystemExit(f"the demo loader failed (exit code {demo.returncode}, see above)")
        simulator = start_simulator(RUN)
        say("wmo-suite is running:")
        for service, port in RUN.service_ports.items():
            say(
                f"  {service:<12} http://127.0.0.1:{port}/api/v1/docs   "
                f"(OpenAPI: http://127.0.0.1:{port}/api/v1/openapi.json)"
            )
        say("  AsyncAPI     docs/asyncapi.json   logs: .local/run/logs/")
        say("  simulator    plays the aanbieders (305/307/323): .local/run/logs/simulator.log")
        say(
            "  GGk          simulated knooppunt, mutual TLS (docs/ggk.md): "
            "make ggk-send FILE=bericht.xml"
        )
        say("  token        .venv/bin/python -m wmo_common.auth mint --role consultant")
        say("press Ctrl-C to stop everything")
        while all(p.poll() is None for p in processes):
            time.sleep(1)
        names = list(process_ports(RUN))
        failed = [n for n, p in zip(names, processes, strict=True) if p.poll() is not None]
        say(f"stopped unexpectedly: {', '.join(failed)} (see .local/run/logs/)")
        return 1
    except KeyboardInterrupt:
        say("stopping")
        return 0
    finally:
        stop_processes([p for p in (simulator, ggk, demo) if p is not None] + processes)
        infra_down(RUN)


def command_test(pytest_args: list[str]) -> int:
    """Two phases: library and per-service tests, then the cross-service tests on a fresh
    stream; the exit code is the first failing pytest's."""
    stop_on_signals()
    try:
        infra_up(TEST)
        env = {
            **os.environ,
            "WMO_TEST_STACK": "1",
            "WMO_TEST_DATABASE_URL_TEMPLATE": TEST.database_url("{service}"),
            "WMO_FLOW_DATABASE_URL_TEMPLATE": FLOW.database_url("{service}"),
            "KAFKA_BOOTSTRAP_SERVERS": TEST.kafka_bootstrap,
            "WMO_KAFKA_SCRIPT_ENV": "1",
            **{k: v for k, v in kafka_env(TEST).items() if k.startswith("KAFKA_")},
        }
        # Each suite in its own process on an empty stream: a service's test app keeps consuming
        # until its session ends, and must not judge the events of another service's tests.
        codes = []
        for target in ["libs", *(f"services/{service}" for service in SERVICES)]:
            say(f"phase 1: {target}")
            asyncio.run(recreate_topics(TEST))
            codes.append(
                subprocess.run(
                    [sys.executable, "-m", "pytest", target, *pytest_args],
                    cwd=ROOT,
                    env=env,
                    check=False,
                ).returncode
            )
        first = next((code for code in codes if code), 0)
        say("phase 2: the five services together (fresh topics and databases)")
        asyncio.run(recreate_topics(TEST))
        asyncio.run(drop_databases(FLOW, list(SERVICES)))
        asyncio.run(create_databases(FLOW, list(SERVICES)))
        migrate(FLOW, list(SERVICES))
        second = subprocess.run(
            [sys.executable, "-m", "pytest", "tests", *pytest_args], cwd=ROOT, env=env, check=False
        ).returncode
        return first or second
    finally:
        infra_down(TEST)


def command_bench() -> int:
    stop_on_signals()
    try:
        infra_up(TEST)
        env = {
            **os.environ,
            "KAFKA_BOOTSTRAP_SERVERS": TEST.kafka_bootstrap,
            "WMO_TEST_DATABASE_URL_TEMPLATE": TEST.database_url("{service}"),
        }
        asyncio.run(create_databases(TEST, ["bench"]))
        failures = 0
        for script in (
            "bench/events.py",
            "bench/events_sustained.py",
            "bench/iwmo_codec.py",
            "bench/finance_declaraties.py",
            "bench/access_toewijzingen.py",
        ):
            say(f"running {script}")
            failures += (
                subprocess.run([sys.executable, script], cwd=ROOT, env=env, check=False).returncode
                != 0
            )
        return 1 if failures else 0
    finally:
        infra_down(TEST)


def openapi_documents() -> dict[str, str]:
    """Each service's OpenAPI document as committed in services/<svc>/openapi.json."""
    import importlib
    import json

    documents = {}
    for service in SERVICES:
        main = importlib.import_module(f"wmo_{service}.main")
        settings = importlib.import_module(f"wmo_{service}.settings").Settings()
        document = main.create_app(settings).openapi()
        documents[service] = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return documents


def command_openapi() -> int:
    for service, document in openapi_documents().items():
        path = ROOT / "services" / service / "openapi.json"
        path.write_text(document)
        say(f"wrote {path.relative_to(ROOT)}")
    return 0

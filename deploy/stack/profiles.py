"""Where a stack lives: the services and their ports, and the `run`, `test` and `flow`
profiles that keep the demo and the tests on separate servers and databases."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / ".local"
SERVICES = ("access", "contracting", "providers", "finance", "gateway")
DEFAULT_PG_PORTS = (5432, 25432)


@dataclass(frozen=True)
class Profile:
    """Where one stack lives: `run` and `test` never share servers or data."""

    name: str
    pg_port: int
    kafka_port: int
    kafka_controller_port: int
    database_prefix: str
    first_service_port: int

    @property
    def service_ports(self) -> dict[str, int]:
        """Each service's HTTP port: consecutive from `first_service_port`, in SERVICES order."""
        return {service: self.first_service_port + n for n, service in enumerate(SERVICES)}

    def suite_urls(self) -> dict[str, str]:
        return {service: f"http://127.0.0.1:{port}" for service, port in self.service_ports.items()}

    @property
    def home(self) -> Path:
        """Data, logs and the process list: `.local/<name>`, or `.local/<name>-<pg port>` for an
        instance on other than the default ports, so that it runs beside the first."""
        if self.pg_port in DEFAULT_PG_PORTS:
            return LOCAL / self.name
        return LOCAL / f"{self.name}-{self.pg_port}"

    def database_url(self, service: str, driver: str = "postgresql+asyncpg") -> str:
        base = os.environ.get("WMO_POSTGRES_URL")  # an external server, if given
        server = base.rstrip("/") if base else f"{driver}://postgres@127.0.0.1:{self.pg_port}"
        return f"{server}/{self.database_prefix}{service}"

    @property
    def kafka_bootstrap(self) -> str:
        return os.environ.get("KAFKA_BOOTSTRAP_SERVERS", f"127.0.0.1:{self.kafka_port}")


def _port(variable: str, default: int) -> int:
    return int(os.environ.get(variable, str(default)))


# Every fixed port of a stack comes from here, each overridable by one variable, so a second
# instance can run beside the first. All stay below 32768, where the kernel's ephemeral range
# starts: an outgoing connection may hold a port up there at any moment.
RUN = Profile(
    "run",
    _port("WMO_PG_PORT", 5432),
    _port("KAFKA_PORT", 9092),
    _port("KAFKA_PORT", 9092) + 1,
    "wmo_",
    _port("WMO_FIRST_PORT", 8001),
)
TEST = Profile(
    "test",
    _port("WMO_TEST_PG_PORT", 25432),
    _port("WMO_TEST_KAFKA_PORT", 19092),
    _port("WMO_TEST_KAFKA_PORT", 19092) + 1,
    "wmo_test_",
    _port("WMO_FLOW_FIRST_PORT", 18001),
)
# The cross-service tests: the test stack's servers, databases of their own.
FLOW = Profile(
    "test",
    TEST.pg_port,
    TEST.kafka_port,
    TEST.kafka_controller_port,
    "wmo_flow_",
    TEST.first_service_port,
)


def suite_urls_from_env() -> dict[str, str]:
    """Where the services run: `SUITE_URLS` (JSON, set by the stack for what it starts), else the
    run profile's ports."""
    configured = os.environ.get("SUITE_URLS")
    return dict(json.loads(configured)) if configured else RUN.suite_urls()


def api_url(service: str) -> str:
    return suite_urls_from_env()[service] + "/api/v1"


def say(text: str) -> None:
    print(f"[stack] {text}", flush=True)

"""Where a stack lives: the services and their ports, and the `run`, `test` and `flow`
profiles that keep the demo and the tests on separate servers and databases."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / ".local"
SERVICES = {
    "access": 8001,
    "contracting": 8002,
    "providers": 8003,
    "finance": 8004,
    "gateway": 8005,
}


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
# The cross-service tests: the test stack's servers, databases of their own.
FLOW = Profile("test", TEST.pg_port, TEST.kafka_port, TEST.kafka_controller_port, "wmo_flow_")


def say(text: str) -> None:
    print(f"[stack] {text}", flush=True)

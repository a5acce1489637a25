"""The five services as real processes (uvicorn) on the test stack, for cross-service tests.

`make test` gives them fresh databases (`wmo_flow_<service>`) and freshly created topics.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from wmo_common.auth import mint_token
from wmo_common.settings import CommonSettings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
stack = importlib.import_module("stack")

FIRST_PORT = int(os.environ.get("WMO_FLOW_FIRST_PORT", "18001"))
PORTS = {service: FIRST_PORT + n for n, service in enumerate(stack.SERVICES)}


@dataclass(frozen=True)
class Suite:
    urls: dict[str, str]

    def url(self, service: str, path: str) -> str:
        return self.urls[service] + path

    @staticmethod
    def headers(*roles: str, agb: str | None = None) -> dict[str, str]:
        token = mint_token(CommonSettings(), subject="flow-test", roles=list(roles), agb=agb)
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="session")
def suite() -> Iterator[Suite]:
    if not os.environ.get("WMO_FLOW_DATABASE_URL_TEMPLATE"):
        pytest.skip("needs the test stack: run `make test` (it starts the suite's databases)")
    urls = {service: f"http://127.0.0.1:{port}" for service, port in PORTS.items()}
    processes = stack.start_services(
        stack.FLOW,
        PORTS,
        {
            "SUITE_URLS": json.dumps(urls),
            "OPERATIONS_MONITOR_SECONDS": "2",
            "CONSUMER_BACKOFF_SECONDS": "0.05",
            "CONSUMER_MAX_ATTEMPTS": "3",
        },
    )
    try:
        if late := stack.wait_healthy(PORTS):
            pytest.fail(f"services not ready: {late} (logs in .local/test/logs)")
        yield Suite(urls)
    finally:
        stack.stop_processes(processes)

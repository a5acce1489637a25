"""The five services as real processes (uvicorn) on the test stack, for cross-service tests.

`make test` gives them fresh databases (`wmo_flow_<service>`) and freshly created topics.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from wmo_common.auth import mint_token
from wmo_common.settings import CommonSettings

ROOT = Path(__file__).resolve().parent.parent
PORTS = {
    "access": 18001,
    "contracting": 18002,
    "providers": 18003,
    "finance": 18004,
    "gateway": 18005,
}


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
    template = os.environ.get("WMO_FLOW_DATABASE_URL_TEMPLATE")
    if not template:
        pytest.skip("needs the test stack: run `make test` (it starts the suite's databases)")
    urls = {service: f"http://127.0.0.1:{port}" for service, port in PORTS.items()}
    logs = ROOT / ".local" / "test" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    processes = []
    for service, port in PORTS.items():
        env = {
            **os.environ,
            "SERVICE_NAME": service,
            "PORT": str(port),
            "DATABASE_URL": template.format(service=service),
            "SUITE_URLS": json.dumps(urls),
            "OPERATIONS_MONITOR_SECONDS": "2",
            "CONSUMER_BACKOFF_SECONDS": "0.05",
            "CONSUMER_MAX_ATTEMPTS": "3",
        }
        log = (logs / f"{service}.log").open("ab")
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
                env=env,
                stdout=log,
                stderr=log,
                cwd=ROOT,
                start_new_session=True,
            )
        )
    try:
        deadline = time.monotonic() + 90
        pending = dict(urls)
        while pending and time.monotonic() < deadline:
            for service, url in list(pending.items()):
                try:
                    if httpx.get(f"{url}/health/ready", timeout=2).status_code == 200:
                        del pending[service]
                except httpx.HTTPError:
                    pass
            time.sleep(0.3)
        if pending:
            pytest.fail(f"services not ready: {sorted(pending)} (logs in .local/test/logs)")
        yield Suite(urls)
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

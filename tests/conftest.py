"""The five services as real processes (uvicorn) on the test stack, for cross-service tests.

`make test` gives them fresh databases (`wmo_flow_<service>`) and freshly created topics.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from deploy.stack import FLOW, start_services, stop_processes, wait_healthy
from wmo_testing.suite import Suite

PORTS = FLOW.service_ports


@pytest.fixture(scope="session")
def suite() -> Iterator[Suite]:
    if not os.environ.get("WMO_FLOW_DATABASE_URL_TEMPLATE"):
        pytest.skip("needs the test stack: run `make test` (it starts the suite's databases)")
    urls = FLOW.suite_urls()
    processes = start_services(
        FLOW,
        {
            "OPERATIONS_MONITOR_SECONDS": "2",
            "CONSUMER_BACKOFF_SECONDS": "0.05",
            "CONSUMER_MAX_ATTEMPTS": "3",
        },
    )
    try:
        if late := wait_healthy(PORTS):
            pytest.fail(f"services not ready: {late} (logs in .local/test/logs)")
        yield Suite(urls)
    finally:
        stop_processes(processes)

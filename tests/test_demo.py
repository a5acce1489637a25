"""The demo loader (`python -m deploy.demo`) against the running suite: a small region loads
the same people on every run, and a second run finds each of them known and adds nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from deploy.stack import FLOW, ROOT
from wmo_testing.suite import Suite

CLIENTEN, TOEWIJZINGEN = 40, 16


def load_demo() -> str:
    """One run of the demo loader; returns its summary line."""
    template = os.environ["WMO_FLOW_DATABASE_URL_TEMPLATE"]
    result = subprocess.run(
        [sys.executable, "-m", "deploy.demo"],
        cwd=ROOT,
        env={
            **os.environ,
            "SUITE_URLS": json.dumps(FLOW.suite_urls()),
            "CONTRACTING_DATABASE_URL": template.format(service="contracting"),
            "ACCESS_DATABASE_URL": template.format(service="access"),
            "DEMO_CLIENTEN": str(CLIENTEN),
            "DEMO_TOEWIJZINGEN": str(TOEWIJZINGEN),
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return next(line for line in result.stdout.splitlines() if "demo region loaded" in line)


def test_the_demo_region_loads_once_and_a_second_run_finds_it_known(suite: Suite) -> None:
    first = load_demo()
    registered = CLIENTEN - TOEWIJZINGEN
    assert f"{CLIENTEN} clienten (registered {registered}, toegewezen {TOEWIJZINGEN})" in first

    second = load_demo()
    assert f"{CLIENTEN} clienten (known {CLIENTEN})" in second

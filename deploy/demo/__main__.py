"""Load the demo region: `python -m deploy.demo` (see deploy/demo/__init__.py)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import httpx

from deploy.demo.api import CONCURRENCY, Api, say
from deploy.demo.clienten import first_of_each_segment, load_clienten, plan_clienten
from deploy.demo.markt import load_contracting, load_finance, load_providers
from wmo_testing.regio import GEBIEDEN, GEMEENTEN


async def load(aantal: int, met_toewijzing: int) -> None:
    started = time.monotonic()
    limits = httpx.Limits(max_connections=CONCURRENCY * 2)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        api = Api(client)
        segmenten = await load_contracting(api)
        aanbieders = await load_providers(api)
        betaald = await load_finance(api)
        say(f"contracts, {aanbieders} aanbieders, budgets and lumpsum ready ({betaald} paid now)")
        plans = plan_clienten(aantal, met_toewijzing, segmenten)
        eerst = await first_of_each_segment(api, plans)
        outcome = await load_clienten(api, [p for p in plans if p.n not in eerst])
        for result in eerst.values():
            outcome[result] = outcome.get(result, 0) + 1
    say(
        f"demo region loaded in {time.monotonic() - started:.0f}s: {len(GEMEENTEN)} gemeenten, "
        f"{len(GEBIEDEN)} gebieden, {aanbieders} aanbieders, {len(plans)} clienten ("
        + ", ".join(f"{k} {v}" for k, v in sorted(outcome.items()))
        + ")"
    )


def main() -> int:
    # Contracting's seed works in its own database; its events reach the others through Kafka.
    subprocess.run(
        [sys.executable, "-m", "wmo_contracting.seed"],
        check=True,
        env={**os.environ, "DATABASE_URL": os.environ["CONTRACTING_DATABASE_URL"]},
    )
    aantal = int(os.environ.get("DEMO_CLIENTEN", "3000"))
    met_toewijzing = int(os.environ.get("DEMO_TOEWIJZINGEN", "1200"))
    asyncio.run(load(aantal, met_toewijzing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

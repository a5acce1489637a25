"""Load the demo region: `python -m deploy.demo` (see deploy/demo/__init__.py)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import httpx
import uvloop

from deploy.demo.api import ACCESS, CONCURRENCY, Api, say, services_ready
from deploy.demo.clienten import Markt, load_clienten, plan_clienten
from deploy.demo.markt import load_contracting, load_finance, load_providers
from deploy.demo.toegang import Toegang
from wmo_access.settings import Settings as AccessSettings
from wmo_testing.regio import GEBIEDEN, GEMEENTEN


async def load_markt(api: Api) -> Markt:
    """Contracts, aanbieders, budgets and the lumpsum; and which clienten an earlier run took
    to a toewijzing."""
    segmenten = await load_contracting(api)
    aanbieders = await load_providers(api)
    betaald = await load_finance(api)
    say(f"contracts, {aanbieders} aanbieders, budgets and lumpsum ready ({betaald} paid now)")
    toewijzingen = await api.all(f"{ACCESS}/toewijzingen", "consultant")
    return Markt(segmenten, aanbieders, frozenset(str(t["clientId"]) for t in toewijzingen))


async def load(aantal: int, met_toewijzing: int) -> None:
    started = time.monotonic()
    # Idle connections are dropped before uvicorn closes them (after 5 s): a request sent on
    # one the server is closing fails with a ReadError.
    limits = httpx.Limits(max_connections=CONCURRENCY * 2, keepalive_expiry=2.0)
    access = AccessSettings(database_url=os.environ["ACCESS_DATABASE_URL"])
    async with (
        httpx.AsyncClient(timeout=60, limits=limits) as client,
        Toegang(access, pool_size=CONCURRENCY) as toegang,
    ):
        await services_ready(client)
        api = Api(client)
        plans = plan_clienten(aantal, met_toewijzing)
        # The clienten are registered while the market loads.
        markt = asyncio.create_task(load_markt(api))
        outcome = await load_clienten(api, toegang, plans, markt)
    say(
        f"demo region loaded in {time.monotonic() - started:.0f}s: {len(GEMEENTEN)} gemeenten, "
        f"{len(GEBIEDEN)} gebieden, {markt.result().aanbieders} aanbieders, {len(plans)} "
        "clienten (" + ", ".join(f"{k} {v}" for k, v in sorted(outcome.items())) + ")"
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
    # uvloop, as the services run on: each statement of an intake is a socket round trip.
    uvloop.run(load(aantal, met_toewijzing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

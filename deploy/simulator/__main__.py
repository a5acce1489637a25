"""Play the aanbieders' systems: `python -m deploy.simulator [--once]` (see
deploy/simulator/__init__.py)."""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import time
from collections import Counter
from datetime import date
from typing import Any

import httpx

import deploy.simulator
from deploy.simulator.aanbieder import Aanbieder
from deploy.simulator.state import STATE, Tarief, load_state, save_state
from deploy.stack.profiles import api_url
from wmo_common.auth import mint_token
from wmo_common.settings import CommonSettings

CONTRACTING, PROVIDERS = api_url("contracting"), api_url("providers")
CONCURRENCY = 8


def say(text: str) -> None:
    print(f"[simulator] {text}", flush=True)


async def read_tarieven(
    client: httpx.AsyncClient, reader: dict[str, str], agb: str
) -> dict[tuple[str, str], list[Tarief]]:
    """The aanbieder's prices from its active P x Q contracts. Providers learn their contracts
    from events; the simulator, outside that channel, reads them with a read-only token."""
    response = await client.get(
        f"{CONTRACTING}/contracten", params={"aanbiederAgb": agb, "pageSize": "100"}, headers=reader
    )
    response.raise_for_status()
    tarieven: dict[tuple[str, str], list[Tarief]] = {}
    for contract in response.json()["results"]:
        if contract["status"] not in ("actief", "verlengd"):
            continue
        if contract["bekostiging"]["model"] == "taakgericht":
            continue
        for t in contract["tarieven"]:
            tarieven.setdefault((t["product"]["categorie"], t["product"]["code"]), []).append(
                Tarief(
                    t["bedragCents"],
                    date.fromisoformat(t["geldigVanaf"]),
                    date.fromisoformat(t["geldigTot"]) if t["geldigTot"] else None,
                )
            )
    return tarieven


async def play(aanbieder: Aanbieder) -> None:
    await aanbieder.poll()
    for step in (aanbieder.start, aanbieder.stop, aanbieder.declare):
        await step()
        aanbieder.save()


async def round_(state: dict[str, Any], only: list[str] | None = None) -> Counter[str]:
    """One round for every registered aanbieder, or for the AGB codes in `only`."""
    tally: Counter[str] = Counter()
    limit = asyncio.Semaphore(CONCURRENCY)
    reader_token = mint_token(CommonSettings(), subject="simulator", roles=["auditor"])
    reader = {"Authorization": f"Bearer {reader_token}"}
    async with httpx.AsyncClient(timeout=60) as client:
        if only:
            agbs = only
        else:
            response = await client.get(
                f"{PROVIDERS}/aanbieders", params={"pageSize": "100"}, headers=reader
            )
            response.raise_for_status()
            agbs = [a["agb"] for a in response.json()["results"]]
        spelers = [
            Aanbieder(
                client,
                agb,
                state["aanbieders"].setdefault(agb, {}),
                await read_tarieven(client, reader, agb),
                limit,
                tally,
                lambda: save_state(state),
            )
            for agb in agbs
        ]
        await asyncio.gather(*(play(a) for a in spelers))
    return tally


def locked_round(only: list[str] | None = None) -> Counter[str]:
    """One round under a lock: `make run`'s simulator and a `--once` by hand take turns on the
    same state instead of both answering the same berichten."""
    STATE.parent.mkdir(parents=True, exist_ok=True)
    with STATE.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return asyncio.run(round_(load_state(), only))


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.simulator",
        description=(deploy.simulator.__doc__ or "").split("\n\n")[0],
    )
    parser.add_argument("--once", action="store_true", help="one round, then exit")
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between rounds")
    parser.add_argument(
        "--aanbieder",
        action="append",
        metavar="AGB",
        help="play only this aanbieder (repeatable); default: every registered aanbieder",
    )
    args = parser.parse_args()
    while True:
        started = time.monotonic()
        try:
            tally = locked_round(args.aanbieder)
        except (httpx.HTTPError, OSError) as exc:
            if args.once:
                raise
            # A service restarting or busy: the next round picks up where this one stopped.
            say(f"round failed ({type(exc).__name__}: {exc}); next round in {args.interval:.0f}s")
        else:
            summary = ", ".join(f"{k} {v}" for k, v in sorted(tally.items())) or "nothing to do"
            say(f"round in {time.monotonic() - started:.1f}s: {summary}")
            if args.once:
                return 0
        time.sleep(args.interval)


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:
        raise SystemExit(0) from None

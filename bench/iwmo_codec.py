"""Benchmark of the iWmo 3.2 codec: read+validate and write, next to lxml parse + XSD validation.

Run: .venv/bin/python bench/iwmo_codec.py  (needs the reference pack in ../shared/iwmo or
$IWMO_PACK_DIR for the lxml+XSD ceiling). Prints a markdown table.
"""

import os
import sys
import timeit
from collections.abc import Callable
from datetime import date
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from iwmo import Bericht, validate, write_message
from wmo_testing.berichten import make_wmo301, make_wmo323

ROOT = Path(__file__).resolve().parents[1]

TODAY = date(2024, 3, 6)
AIM = 1.5
"""Issue 22: read+validate at most this many times lxml's parse + XSD of the same bytes."""


def per_second(actions: dict[str, Callable[[], object]], rounds: int = 25) -> dict[str, float]:
    """Calls per second of each action: the best of `rounds` runs of about 0.05 s each, the
    actions taken in turn, so that a burst of load on a shared machine reaches all of them
    and some run of each falls between bursts."""
    numbers = {
        name: max(1, timeit.Timer(action).autorange()[0] // 4) for name, action in actions.items()
    }
    best = dict.fromkeys(actions, float("inf"))
    for _ in range(rounds):
        for name, action in actions.items():
            best[name] = min(
                best[name], timeit.timeit(action, number=numbers[name]) / numbers[name]
            )
    return {name: 1 / seconds for name, seconds in best.items()}


def main() -> None:
    pack = Path(os.environ.get("IWMO_PACK_DIR", ROOT.parent / "shared" / "iwmo"))
    cases: list[tuple[str, Bericht]] = [
        ("WMO301, 3 products", make_wmo301(products=3)),
        ("WMO323, 100 lines", make_wmo323(lines=100, clients=4)),
    ]
    out = sys.stdout
    out.write("| message | bytes | lxml parse+XSD (msg/s) | ours read+validate (msg/s) ")
    out.write("| ratio | aim | ours write (msg/s) |\n|---|---:|---:|---:|---:|---:|---:|\n")
    for label, message in cases:
        xml = write_message(message)
        if not validate(xml, today=TODAY).valid:
            raise SystemExit(f"{label}: the benchmark message is not valid")
        xsd = pack / "xsd" / "iwmo-3.2" / f"{type(message).BERICHT}.xsd"
        actions: dict[str, Callable[[], object]] = {}
        if xsd.is_file():
            schema = etree.XMLSchema(etree.parse(str(xsd)))

            def lxml_check(data: bytes = xml, schema: object = schema) -> bool:
                parser = etree.XMLParser(resolve_entities=False, no_network=True)
                return bool(schema.validate(etree.fromstring(data, parser)))  # type: ignore[attr-defined]

            actions["ceiling"] = lxml_check

        def read_and_validate(data: bytes = xml) -> object:
            return validate(data, today=TODAY)

        def write(bericht: Bericht = message) -> bytes:
            return write_message(bericht)

        actions["ours"] = read_and_validate
        actions["write"] = write
        rates = per_second(actions)
        ceiling, ours, writes = rates.get("ceiling", float("nan")), rates["ours"], rates["write"]
        out.write(f"| {label} | {len(xml)} | {ceiling:,.0f} | {ours:,.0f} ")
        out.write(f"| {ceiling / ours:.1f}x | <= {AIM}x | {writes:,.0f} |\n")


if __name__ == "__main__":
    main()

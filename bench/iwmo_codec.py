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


def per_second(action: Callable[[], object], seconds: float = 1.0) -> float:
    runs, elapsed = timeit.Timer(action).autorange()
    repeats = max(1, int(seconds / max(elapsed, 1e-9)))
    best = min(timeit.Timer(action).repeat(repeat=3, number=max(runs, runs * repeats // 3)))
    return max(runs, runs * repeats // 3) / best


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
        ceiling = float("nan")
        if xsd.is_file():
            schema = etree.XMLSchema(etree.parse(str(xsd)))

            def lxml_check(data: bytes = xml, schema: object = schema) -> bool:
                parser = etree.XMLParser(resolve_entities=False, no_network=True)
                return bool(schema.validate(etree.fromstring(data, parser)))  # type: ignore[attr-defined]

            ceiling = per_second(lxml_check)

        def read_and_validate(data: bytes = xml) -> object:
            return validate(data, today=TODAY)

        def write(bericht: Bericht = message) -> bytes:
            return write_message(bericht)

        ours = per_second(read_and_validate)
        writes = per_second(write)
        out.write(f"| {label} | {len(xml)} | {ceiling:,.0f} | {ours:,.0f} ")
        out.write(f"| {ceiling / ours:.1f}x | <= {AIM}x | {writes:,.0f} |\n")


if __name__ == "__main__":
    main()

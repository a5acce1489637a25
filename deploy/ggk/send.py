"""`make ggk-send FILE=bericht.xml`: send an aanbieder's iWmo bericht to the suite through the
running GGk simulator (a Di01 over mutual TLS, as the GGk would) and print the envelope that
comes back on standard output: the Du01 with the iWmo retour, or a Fo01 transport fault (a Fo03
when the suite refused the call); for a 323, which has no retour (its 325 follows as a Di01),
the Bv03. Exit code 0 for a Du01 (a 323: its Bv03), 1 for a fault, 2 for a usage error.

The aanbieder is the bericht's Afzender (AGB code), or AGB=... when the file has none that can
be read; `ANTWOORD_OP=<referentienummer>` sends it as a Du01 answering that Di01 (a 302)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import httpx

from deploy.stack.processes import ggk_aanbieders_url
from deploy.stack.profiles import RUN

AFZENDER = re.compile(rb"<(?:\w+:)?Afzender>(\d{8})</")
DECLARATIE = b"/iwmo/3_2/wmo323/schema"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: make ggk-send FILE=bericht.xml [AGB=12345678]", file=sys.stderr)
        return 2
    bericht = Path(argv[0]).read_bytes()
    found = AFZENDER.search(bericht)
    agb = os.environ.get("AGB") or (found.group(1).decode() if found else None)
    if agb is None:
        print("the bericht names no Afzender AGB code; give AGB=12345678", file=sys.stderr)
        return 2
    url = os.environ.get("GGK_AANBIEDERS_URL", ggk_aanbieders_url(RUN))
    antwoord_op = os.environ.get("ANTWOORD_OP")
    try:
        response = httpx.post(
            f"{url}/aanbieders/{agb}/berichten",
            content=bericht,
            params={"antwoordOp": antwoord_op} if antwoord_op else None,
            headers={"Content-Type": "application/xml"},
            timeout=60,
        )
    except httpx.HTTPError as exc:
        print(
            f"the GGk simulator at {url} is not reachable ({exc}); is `make run` up?",
            file=sys.stderr,
        )
        return 2
    sys.stdout.write(response.text)
    head = response.content[:400]
    if response.status_code == 200 and b"Du01" in head:
        return 0
    # A 323 has no retour: the GGk's Bv03 (and no Fo01) is all that comes back now.
    declaratie = DECLARATIE in bericht[:2000]
    return 0 if declaratie and response.status_code == 202 and b"Bv03" in head else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

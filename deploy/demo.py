"""Seed a small demo region (idempotent: what is there is left alone).

Contracting's own seed loads the segments with their strategies and the Hart van Brabant
begeleiding coalition contract; the rest goes through the public APIs: the coalition's
aanbieders, budget lines and synthetic clienten with valid BSNs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping

import httpx

from wmo_common.auth import mint_token
from wmo_common.privacy import is_valid_bsn
from wmo_common.settings import CommonSettings

ACCESS, PROVIDERS, FINANCE = (
    "http://127.0.0.1:8001",
    "http://127.0.0.1:8003",
    "http://127.0.0.1:8004",
)
GEBIEDEN = ["West", "Tilburg", "Oost", "Heusden"]
AANBIEDERS = [
    {"agb": "73730001", "naam": "Coalitie Sterk in de Wijk (penvoerder)", "gebieden": GEBIEDEN},
    {"agb": "73730002", "naam": "Combinant Thuis B.V.", "gebieden": ["Tilburg", "Oost"]},
    {"agb": "73730003", "naam": "Strategisch Partner Zorg", "gebieden": ["West"]},
    {"agb": "73730004", "naam": "Beschermd Wonen Brabant", "gebieden": ["Regio"]},
]
BUDGETTEN = [
    {"jaar": 2026, "segmentNaam": "Begeleiding Hart van Brabant", "bedragCents": 4_040_000_000},
    {"jaar": 2026, "segmentNaam": "Beschermd wonen Hart van Brabant", "bedragCents": 4_910_000_000},
]


def synthetic_bsn(n: int) -> str:
    """The n-th nine-digit number from 100000000 up that passes the 11-check."""
    candidate = 100_000_000
    found = -1
    while True:
        if is_valid_bsn(str(candidate)):
            found += 1
            if found == n:
                return str(candidate)
        candidate += 1


def post(client: httpx.Client, url: str, body: Mapping[str, object], role: str) -> None:
    token = mint_token(CommonSettings(), subject="demo-seed", roles=[role])
    response = client.post(url, json=body, headers={"Authorization": f"Bearer {token}"})
    if response.status_code not in (200, 201, 409):
        raise SystemExit(f"seeding {url} failed: {response.status_code} {response.text[:300]}")


def main() -> int:
    # Contracting's seed works in its own database; its events reach the others through Kafka.
    subprocess.run(
        [sys.executable, "-m", "wmo_contracting.seed"],
        check=True,
        env={**os.environ, "DATABASE_URL": os.environ["CONTRACTING_DATABASE_URL"]},
    )
    with httpx.Client(timeout=10) as client:
        for aanbieder in AANBIEDERS:
            post(client, f"{PROVIDERS}/api/v1/aanbieders", aanbieder, "contract-manager")
        for budget in BUDGETTEN:
            post(client, f"{FINANCE}/api/v1/budgetten", budget, "controller")
        for n in range(25):
            post(
                client,
                f"{ACCESS}/api/v1/clienten",
                {
                    "bsn": synthetic_bsn(n),
                    "voornamen": "Demo",
                    "achternaam": f"Client {n + 1}",
                    "geboortedatum": f"19{40 + n}-0{n % 9 + 1}-15",
                    "geslacht": str(n % 3),
                    "gemeentecode": "0855",
                    "gebied": GEBIEDEN[n % 4],
                },
                "consultant",
            )
    sys.stdout.write(
        "[demo] seeded: segmenten with strategies, the HvB begeleiding contract, "
        "4 aanbieders, 2 budgetten, 25 clienten\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

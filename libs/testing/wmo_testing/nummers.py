"""The numbers that identify people and aanbieders in tests, benchmarks and the demo: BSNs that
pass the 11-check and AGB codes, fresh (random, for tests that share the topics with every
other test) or in a fixed order (the demo's synthetic clienten: the same on every run)."""

from __future__ import annotations

import random
from collections.abc import Iterator

from wmo_common.privacy import is_valid_bsn

# The range of BSNs the Dutch government keeps for test persons (999...).
TEST_BSN_START = 999_900_000


def bsns(start: int = TEST_BSN_START) -> Iterator[str]:
    """Every BSN from `start` on that passes the 11-check, in order."""
    candidate = start
    while True:
        if is_valid_bsn(str(candidate)):
            yield str(candidate)
        candidate += 1


def fresh_bsn() -> str:
    """A BSN nobody else uses that passes the 11-check."""
    while True:
        digits = [random.randrange(10) for _ in range(8)]  # noqa: S311 - not a secret
        last = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if last < 10 and digits[0]:
            return "".join(map(str, digits)) + str(last)


def fresh_agb() -> str:
    """An AGB code (eight digits) nobody else uses."""
    return f"{random.randrange(10**7, 10**8)}"  # noqa: S311 - not a secret

"""Optimistic locking for the service layer: a change builds on the version its caller read."""

from __future__ import annotations

from wmo_common.problems import Problem


class VersieVerouderd(Problem):
    status = 412
    slug = "versie-verouderd"
    title = "De resource is intussen gewijzigd; lees hem opnieuw en probeer het nog eens."


def ensure_version(expected: int, actual: int) -> None:
    """Refuse the change when the resource moved on since the caller read `expected`."""
    if expected != actual:
        raise VersieVerouderd()

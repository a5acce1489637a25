"""Checks on Dutch identifiers shared by APIs, events and the iWmo codec."""

from __future__ import annotations

import re

from wmo_common.privacy import is_valid_bsn

_AGB = re.compile(r"^[0-9]{8}$")

__all__ = ["is_valid_agb", "is_valid_bsn"]


def is_valid_agb(value: str) -> bool:
    """An AGB code: 8 digits (the first two name the kind of care provider)."""
    return bool(_AGB.match(value))

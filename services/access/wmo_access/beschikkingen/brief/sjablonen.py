"""The letterheads per gemeente, read once from gemeenten.toml beside this file."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

PACKAGE = "wmo_access.beschikkingen.brief"


@dataclass(frozen=True)
class Briefsjabloon:
    gemeentecode: str
    naam: str
    ondertekenaar: str
    functie: str
    bezwaaradres: tuple[str, ...]
    logo_svg: bytes | None


def _sjabloon(gemeentecode: str, data: dict[str, Any]) -> Briefsjabloon:
    folder = resources.files(PACKAGE)
    logo = data.get("logo")
    return Briefsjabloon(
        gemeentecode=gemeentecode,
        naam=data["naam"],
        ondertekenaar=data["ondertekenaar"],
        functie=data["functie"],
        bezwaaradres=tuple(data["bezwaaradres"]),
        logo_svg=folder.joinpath("logos", logo).read_bytes() if logo else None,
    )


@functools.cache
def sjablonen() -> dict[str, Briefsjabloon]:
    """Every gemeente's letterhead by CBS code."""
    text = resources.files(PACKAGE).joinpath("gemeenten.toml").read_text(encoding="utf-8")
    gemeenten: dict[str, dict[str, Any]] = tomllib.loads(text)["gemeenten"]
    return {code: _sjabloon(code, data) for code, data in gemeenten.items()}

"""What the demo region buys: its segments, the begeleiding coalition contract, the producten
with their tarieven and the budgets of this year."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from wmo_common.calendar import today

TODAY = today()
JAAR = TODAY.year
BEGELEIDING = "Begeleiding Hart van Brabant"
BESCHERMD_WONEN = "Beschermd wonen Hart van Brabant"
COALITIECONTRACT = "HVB-BEG-2024"


class ProductSpec(NamedTuple):
    """A product as the demo contracts and indicates it."""

    categorie: str
    code: str
    naam: str
    eenheid: str  # iWmo Eenheid: 04 uur, 14 etmaal, 16 dagdeel
    tarief_cents: int
    volumes: tuple[int, ...]  # the omvang an indicatie may get, per frequentie
    frequentie: str  # iWmo Frequentie: 2 per week, 4 per maand


BEGELEIDING_PRODUCTEN = [
    ProductSpec("02", "02A01", "Individuele begeleiding", "04", 6_540, (2, 3, 4, 6), "2"),
    ProductSpec("02", "02A02", "Groepsbegeleiding", "16", 5_210, (2, 3, 4), "2"),
    ProductSpec("02", "02A03", "Respijtzorg (logeren)", "14", 14_870, (2, 4), "4"),
]
BW_PRODUCTEN = [
    ProductSpec("15", "15A01", "Beschermd wonen intensief", "14", 19_850, (7,), "2"),
    ProductSpec("15", "15A02", "Beschermd wonen", "14", 14_120, (7,), "2"),
    ProductSpec("15", "15A03", "Beschermd thuis", "04", 7_450, (4, 6, 8), "2"),
]
# The begeleiding budget is the coalition contract's task budget (contracting's seed: 40.4
# miljoen a year, paid in twelve termijnen after the 6 % korting).
BUDGETTEN = [(BEGELEIDING, 4_040_000_000), (BESCHERMD_WONEN, 4_910_000_000)]


def code_of(product: ProductSpec) -> dict[str, str]:
    return {"categorie": product.categorie, "code": product.code}


def tarieven_of(producten: list[ProductSpec], vanaf: date) -> list[dict[str, Any]]:
    return [
        {"product": code_of(p), "bedragCents": p.tarief_cents, "geldigVanaf": str(vanaf)}
        for p in producten
    ]

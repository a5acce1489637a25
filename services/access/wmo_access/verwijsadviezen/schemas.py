from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from pydantic import Field

from wmo_common.schema import CamelModel

CRITERIA = [
    "Wachttijd (301 tot 305) binnen de Treeknorm van het segment gaat voor; onbekend daarna; "
    "boven de norm achteraan.",
    "Minder open (niet-blokkerende) signaleringen gaat voor.",
    "Kortere gemiddelde wachttijd gaat voor; onbekend achteraan.",
    "Meer vrije plaatsen gaat voor; onbekende capaciteit na bekende.",
    "Bij gelijke stand: AGB-code.",
    "Overgeslagen: aanmeldstop, blokkerende signalering of geen vrije plaats.",
    "De voorkeur van de cliënt wordt vermeld, niet vooraan gezet.",
]


class Aanbiederadvies(CamelModel):
    rang: int
    agb: str
    naam: str | None
    is_voorkeur: bool = Field(description="De cliënt wenst deze aanbieder.")
    gemiddelde_wachttijd_dagen: Decimal | None
    treeknorm_dagen: int | None
    binnen_treeknorm: bool | None
    open_signaleringen: int
    plaatsen_vrij: int | None = Field(description="Leeg: capaciteit onbekend.")
    redenen: list[str]


class OvergeslagenAanbieder(CamelModel):
    agb: str
    naam: str | None
    is_voorkeur: bool
    reden: str


class Verwijsadvies(CamelModel):
    indicatie_id: uuid.UUID
    segment_id: uuid.UUID
    gebied: str | None
    peildatum: date
    voorkeur_agb: str | None
    criteria: list[str] = Field(default_factory=lambda: list(CRITERIA))
    aanbieders: list[Aanbiederadvies]
    overgeslagen: list[OvergeslagenAanbieder]

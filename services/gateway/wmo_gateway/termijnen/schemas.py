from __future__ import annotations

import uuid
from datetime import date, datetime

from wmo_common.schema import CamelModel


class Termijnstand(CamelModel):
    """Per aanbieder: retouren we wachten (3 werkdagen) en antwoorden we schuldig zijn."""

    aanbieder_agb: str
    openstaande_retouren: int
    verlopen_retouren: int
    openstaande_antwoorden: int
    verlopen_antwoorden: int


class OpenstaandAntwoord(CamelModel):
    """A received bericht that still waits for our answer: a 323 for its 325 (10 werkdagen), a
    315/317 for its 301 or 319 (5 werkdagen)."""

    bericht_id: uuid.UUID
    berichtsoort: str
    berichtidentificatie: str
    aanbieder_agb: str
    referenties: list[str]
    received_at: datetime
    antwoord_deadline: date
    is_verlopen: bool

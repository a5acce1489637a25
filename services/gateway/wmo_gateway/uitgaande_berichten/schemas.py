from __future__ import annotations

import uuid
from datetime import date, datetime

from wmo_common.schema import CamelModel


class UitgaandBerichtRead(CamelModel):
    id: uuid.UUID
    aanbieder_agb: str
    berichtsoort: str
    berichtidentificatie: str
    xml: str
    created_at: datetime
    acknowledged_at: datetime | None
    retour_deadline: date | None
    retour_ontvangen_at: datetime | None
    retour_codes: list[str] | None


class UitgaandeBerichtenPage(CamelModel):
    results: list[UitgaandBerichtRead]
    count: int

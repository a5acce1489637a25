from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from wmo_common.schema import CamelModel

TaakSoort = Literal["herindicatie", "verzoek"]


class TaakRead(CamelModel):
    id: uuid.UUID
    soort: TaakSoort
    client_id: uuid.UUID
    gemeentecode: str
    gebied: str | None
    indicatie_id: uuid.UUID | None
    verzoek_id: uuid.UUID | None
    deadline: date
    afgehandeld: bool
    created_at: datetime

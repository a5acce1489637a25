from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import Field

from wmo_common.schema import CamelModel


class MeldingCreate(CamelModel):
    client_id: uuid.UUID
    meldingsdatum: date = Field(examples=["2026-03-02"])
    omschrijving: str = Field(min_length=1, max_length=4000, examples=["Redt het huishouden niet"])


class MeldingRead(CamelModel):
    id: uuid.UUID
    client_id: uuid.UUID
    gemeentecode: str
    gebied: str | None
    meldingsdatum: date
    omschrijving: str
    termijn_datum: date = Field(
        description="Uiterste datum waarop het onderzoek afgerond is (6 weken na de melding)."
    )
    onderzoek_afgerond: bool
    created_at: datetime

from __future__ import annotations

import uuid
from datetime import date

from pydantic import Field

from wmo_common.schema import CamelModel


class AanvraagCreate(CamelModel):
    client_id: uuid.UUID
    ondersteuningsplan_id: uuid.UUID | None = None
    aanvraagdatum: date


class AanvraagRead(CamelModel):
    id: uuid.UUID
    client_id: uuid.UUID
    ondersteuningsplan_id: uuid.UUID | None
    gemeentecode: str
    gebied: str | None
    aanvraagdatum: date
    termijn_datum: date = Field(
        description="Uiterste datum van de beschikking (twee weken na de aanvraag)."
    )
    beschikt: bool

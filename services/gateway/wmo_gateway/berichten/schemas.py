from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from wmo_common.schema import CamelModel


class Bevinding(CamelModel):
    """One finding: the retour code, where in the message, and why (never a value from it)."""

    code: str
    path: str
    message: str
    rule: str
    level: int


class BerichtOntvangst(CamelModel):
    """The answer to a posted bericht: its status and its retour (absent while a 323 awaits
    finance's verdict, whose 325 then comes in the outbox)."""

    id: uuid.UUID
    berichtsoort: str
    berichtidentificatie: str
    status: str
    findings: list[Bevinding]
    retour_xml: str | None


class BerichtSamenvatting(CamelModel):
    id: uuid.UUID
    berichtsoort: str
    berichtidentificatie: str
    dagtekening: date
    aanbieder_agb: str
    gemeentecode: str
    status: str
    toewijzingnummers: list[str]
    referenties: list[str]
    retourcodes: list[str]
    fout: str | None
    received_at: datetime
    processed_at: datetime | None
    antwoord_deadline: date | None
    beantwoord_at: datetime | None


class BerichtDetail(BerichtSamenvatting):
    """Everything about a received bericht; its XML holds BSNs, so reading it is audited."""

    xml: str
    parsed: dict[str, Any] | None
    findings: list[Bevinding]
    retour_xml: str | None


class Retourcodetelling(CamelModel):
    aanbieder_agb: str
    code: str
    aantal: int

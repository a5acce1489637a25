from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_gateway.db import Base


class BerichtStatus(StrEnum):
    ONTVANGEN = "ontvangen"
    """Stored, not yet judged (a crash or time-out left it here: re-process it)."""
    GEACCEPTEERD = "geaccepteerd"
    """No findings: the retour is clean and the inbound event is published."""
    AFGEKEURD = "afgekeurd"
    """Findings: the retour carries their codes; nothing is published."""
    MISLUKT = "mislukt"
    """Judging failed for a transient reason (time-out); `fout` says which."""


class Bericht(Base):
    """One iWmo message received from an aanbieder, kept raw with what we made of it."""

    __tablename__ = "bericht"
    # TR056: Identificatie is unique per message type for the sender; a re-post is the same bericht.
    __table_args__ = (
        UniqueConstraint("aanbieder_agb", "berichtsoort", "berichtidentificatie"),
        Index("ix_bericht_toewijzingnummers", "toewijzingnummers", postgresql_using="gin"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    berichtsoort: Mapped[str] = mapped_column(String(6), index=True)
    berichtidentificatie: Mapped[str] = mapped_column(String(12), index=True)
    dagtekening: Mapped[date]
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    status: Mapped[str] = mapped_column(String(20), index=True)
    # The body exactly as posted (it holds BSNs: every read of it is audited).
    xml: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    retour_xml: Mapped[str | None] = mapped_column(Text)
    toewijzingnummers: Mapped[list[str]] = mapped_column(ARRAY(String(10)), default=list)
    client_pseudonyms: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list)
    # ReferentieAanbieder of a 315/317 (one per requested product of a 315), DeclaratieNummer of
    # a 323: what the later answer (301/319, 325) refers to.
    referenties: Mapped[list[str]] = mapped_column(ARRAY(String(36)), default=list)
    fout: Mapped[str | None] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    processed_at: Mapped[datetime | None]
    # What we owe beyond the retour: the 325 of a 323, the 301/319 of a 315/317.
    antwoord_deadline: Mapped[date | None]
    beantwoord_at: Mapped[datetime | None]

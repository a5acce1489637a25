from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow


class Verzoek(Base):
    """A provider's request (315 toewijzing, 317 wijziging) and how toegang answered it."""

    __tablename__ = "verzoek"
    __table_args__ = (
        # The iWmo logical key of a request: the aanbieder and its Referentie.
        UniqueConstraint("aanbieder_agb", "referentie"),
        CheckConstraint("soort IN ('toewijzing', 'wijziging')", name="soort"),
        CheckConstraint("status IN ('in-behandeling', 'toegekend', 'afgewezen')", name="status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    bericht_id: Mapped[uuid.UUID]
    soort: Mapped[str] = mapped_column(String(10))
    referentie: Mapped[str] = mapped_column(String(36))
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id"), index=True)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    segment_id: Mapped[uuid.UUID | None]
    producten: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    ontvangen_date: Mapped[date]
    deadline_date: Mapped[date]
    is_in_onderzoek: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(15), default="in-behandeling")
    # iWmo RedenAfwijzingVerzoek, zero-padded to two digits as the event carries it.
    reden_afwijzing: Mapped[str | None] = mapped_column(String(2))
    toewijzingnummers: Mapped[list[str]] = mapped_column(
        ARRAY(String(8)), default=list, server_default="{}"
    )
    # Who decided, when: the segment's rules ("systeem:...") or a consultant.
    beslist_door: Mapped[str | None] = mapped_column(String(200))
    beslist_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

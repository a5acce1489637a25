from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow


class Ondersteuningsplan(Base):
    __tablename__ = "ondersteuningsplan"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    onderzoek_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("onderzoek.id"), index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id"), index=True)
    vastgesteld_date: Mapped[date]
    evaluatiemomenten: Mapped[list[date]] = mapped_column(ARRAY(Date), default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Resultaat(Base):
    """A SMART result: what (specifiek), how it is measured, by when; and whether it was met."""

    __tablename__ = "resultaat"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    ondersteuningsplan_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ondersteuningsplan.id"), index=True
    )
    omschrijving: Mapped[str] = mapped_column(Text)
    meetcriterium: Mapped[str] = mapped_column(Text)
    streefdatum: Mapped[date]
    is_behaald: Mapped[bool | None]
    geevalueerd_date: Mapped[date | None]

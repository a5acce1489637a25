from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wmo_common.db import utcnow
from wmo_providers.db import Base


class Leveranciersgesprek(Base):
    """A supplier review with an aanbieder: who took part, what was discussed, what was agreed."""

    __tablename__ = "leveranciersgesprek"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    aanbieder_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aanbieder.id", ondelete="CASCADE"), index=True
    )
    datum: Mapped[date]
    # Value lists that are only ever read and written whole with their gesprek.
    deelnemers: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    onderwerpen: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    verslag: Mapped[str | None] = mapped_column(String(5000))
    vastgelegd_door: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    afspraken: Mapped[list[Afspraak]] = relationship(
        back_populates="leveranciersgesprek",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="Afspraak.deadline, Afspraak.id",
    )


class Afspraak(Base):
    """An action agreed in a leveranciersgesprek, owned by someone, due by its deadline."""

    __tablename__ = "afspraak"
    __table_args__ = (
        # The overdue list: open afspraken by deadline.
        Index("ix_afspraak_open_deadline", "deadline", postgresql_where=text("status = 'open'")),
        CheckConstraint("status IN ('open', 'afgerond')", name="status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    leveranciersgesprek_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("leveranciersgesprek.id", ondelete="CASCADE"), index=True
    )
    omschrijving: Mapped[str] = mapped_column(String(1000))
    eigenaar: Mapped[str] = mapped_column(String(200))
    deadline: Mapped[date]
    status: Mapped[str] = mapped_column(String(10))
    afgerond_date: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    leveranciersgesprek: Mapped[Leveranciersgesprek] = relationship(
        back_populates="afspraken", lazy="raise"
    )

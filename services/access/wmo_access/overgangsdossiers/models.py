from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow


class Overgangsdossier(Base):
    """A client's case under the transition rules: situation and moment, and the route the
    decision table gave (with the outcome, where the route leaves a choice)."""

    __tablename__ = "overgangsdossier"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'afgerond')", name="status"),
        CheckConstraint("einddatum IS NULL OR einddatum >= ingangsdatum", name="periode"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id"), index=True)
    gemeentecode: Mapped[str] = mapped_column(String(4), index=True)
    gebied: Mapped[str | None] = mapped_column(String(100))
    situatie: Mapped[str] = mapped_column(String(30))
    moment: Mapped[str] = mapped_column(String(30))
    overgangsdatum: Mapped[date]
    ingangsdatum: Mapped[date | None]
    einddatum: Mapped[date | None]
    huidige_aanbieder_agb: Mapped[str | None] = mapped_column(String(8))
    is_pgb: Mapped[bool] = mapped_column(default=False)
    route: Mapped[str] = mapped_column(String(30))
    uitkomst: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

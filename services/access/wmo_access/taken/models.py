from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow


class Taak(Base):
    """A work-queue item for consultants."""

    __tablename__ = "taak"
    __table_args__ = (
        CheckConstraint("soort IN ('herindicatie', 'verzoek')", name="soort"),
        # One herindicatie taak per indicatie, one taak per verzoek, however often created.
        Index(
            "uq_taak_herindicatie",
            "indicatie_id",
            unique=True,
            postgresql_where=text("soort = 'herindicatie'"),
        ),
        Index(
            "uq_taak_verzoek", "verzoek_id", unique=True, postgresql_where=text("soort = 'verzoek'")
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    soort: Mapped[str] = mapped_column(String(20))
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id"))
    gemeentecode: Mapped[str] = mapped_column(String(4), index=True)
    gebied: Mapped[str | None] = mapped_column(String(100))
    indicatie_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("indicatie.id"))
    verzoek_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("verzoek.id"))
    deadline_date: Mapped[date]
    is_afgehandeld: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

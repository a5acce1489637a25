from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_providers.db import Base


class Signalering(Base):
    """A flag on an aanbieder, manual or raised by a KPI below its norm, open until lifted."""

    __tablename__ = "signalering"
    __table_args__ = (
        # One open KPI signalering per aanbieder, segment and indicator: evaluations may repeat.
        Index(
            "uq_signalering_open_indicator",
            "aanbieder_id",
            "segment_id",
            "indicator",
            unique=True,
            postgresql_where=text("opgeheven_at IS NULL AND indicator IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    aanbieder_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aanbieder.id", ondelete="CASCADE"), index=True
    )
    segment_id: Mapped[uuid.UUID | None]
    indicator: Mapped[str | None] = mapped_column(String(50))
    periode: Mapped[str | None] = mapped_column(String(7))
    reden: Mapped[str] = mapped_column(String(1000))
    is_blokkerend: Mapped[bool] = mapped_column(default=False)
    gesignaleerd_door: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    opgeheven_at: Mapped[datetime | None]
    opheffing_reden: Mapped[str | None] = mapped_column(String(1000))
    opgeheven_door: Mapped[str | None] = mapped_column(String(200))

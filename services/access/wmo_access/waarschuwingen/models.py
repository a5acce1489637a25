from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow


class ToewijzingWaarschuwing(Base):
    """An open signalering of the aanbieder when a toewijzing to it was made."""

    __tablename__ = "toewijzing_waarschuwing"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    toewijzing_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("toewijzing.id", ondelete="CASCADE"), index=True
    )
    agb: Mapped[str] = mapped_column(String(8), index=True)
    signalering_id: Mapped[uuid.UUID]
    reden: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

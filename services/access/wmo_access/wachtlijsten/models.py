from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow


class Aanmelding(Base):
    """A client put forward to an aanbieder for a place: wachtend, then geplaatst or geweigerd."""

    __tablename__ = "aanmelding"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    indicatie_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicatie.id"), index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id"), index=True)
    segment_id: Mapped[uuid.UUID]
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    product_categorie: Mapped[str] = mapped_column(String(2))
    product_code: Mapped[str | None] = mapped_column(String(5))
    gebied: Mapped[str | None] = mapped_column(String(100))
    aanmelddatum: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default="wachtend")
    plaatsingsdatum: Mapped[date | None]
    weigeringsreden: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

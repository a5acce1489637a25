from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_providers.db import Base


class Aanmeldstop(Base):
    """A written, reasoned stop on new clients, announced ahead (Contractstandaarden Wmo 3.6)."""

    __tablename__ = "aanmeldstop"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    aanbieder_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aanbieder.id", ondelete="CASCADE"), index=True
    )
    # Empty product: every product; empty gebied: every gebied.
    product_categorie: Mapped[str | None] = mapped_column(String(2))
    product_code: Mapped[str | None] = mapped_column(String(5))
    gebied: Mapped[str | None] = mapped_column(String(100))
    reden: Mapped[str] = mapped_column(String(1000))
    ingangsdatum: Mapped[date]
    einddatum: Mapped[date | None]
    beeindigingsreden: Mapped[str | None] = mapped_column(String(1000))
    beeindigd_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

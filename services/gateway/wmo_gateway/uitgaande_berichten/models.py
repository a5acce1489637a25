from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_gateway.db import Base


class UitgaandBericht(Base):
    """An iWmo message (Wmo301, Wmo305...) waiting for, or fetched by, its aanbieder."""

    __tablename__ = "uitgaand_bericht"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    berichtsoort: Mapped[str] = mapped_column(String(10))
    # iWmo BerichtIdentificatie (LDT_IdentificatieBericht, at most 12 characters): unique per
    # sender, and this gateway is the only sender of these messages.
    berichtidentificatie: Mapped[str] = mapped_column(String(12), unique=True)
    xml: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None]

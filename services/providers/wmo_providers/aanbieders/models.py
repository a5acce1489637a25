from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_providers.db import Base


class Aanbieder(Base):
    __tablename__ = "aanbieder"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    agb: Mapped[str] = mapped_column(String(8), unique=True)
    kvk_nummer: Mapped[str | None] = mapped_column(String(8))
    naam: Mapped[str] = mapped_column(String(200))
    gebieden: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    straat: Mapped[str | None] = mapped_column(String(200))
    huisnummer: Mapped[str | None] = mapped_column(String(20))
    postcode: Mapped[str | None] = mapped_column(String(6))
    plaats: Mapped[str | None] = mapped_column(String(100))
    # Value lists that are only ever read and replaced whole with their aanbieder.
    capaciteit: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default="[]"
    )
    contactpersonen: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default="[]"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

"""Read model of `providers.aanbieders.v1`: capaciteit and signaleringen that steer toewijzingen."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base


class Aanbieder(Base):
    __tablename__ = "aanbieder"

    agb: Mapped[str] = mapped_column(String(8), primary_key=True)
    aanbieder_id: Mapped[uuid.UUID]
    naam: Mapped[str] = mapped_column(String(200))
    # [{"categorie": "07", "code": "07A01" | null, "plaatsen": 12}]; no entry = capacity unknown.
    capaciteit: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    version_at: Mapped[datetime]


class Signalering(Base):
    """A flag on an aanbieder. Lifting is final: a late-arriving flag event does not reopen it."""

    __tablename__ = "signalering"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agb: Mapped[str] = mapped_column(String(8), index=True)
    segment_id: Mapped[uuid.UUID | None]
    reden: Mapped[str | None] = mapped_column(String(500))
    is_blokkerend: Mapped[bool] = mapped_column(default=False)
    is_opgeheven: Mapped[bool] = mapped_column(default=False)

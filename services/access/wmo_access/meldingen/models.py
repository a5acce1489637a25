from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow


class Melding(Base):
    """A report of a support need; it starts the six-week clock of the onderzoek."""

    __tablename__ = "melding"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id"), index=True)
    gemeentecode: Mapped[str] = mapped_column(String(4), index=True)
    gebied: Mapped[str | None] = mapped_column(String(100))
    meldingsdatum: Mapped[date]
    termijn_date: Mapped[date]
    omschrijving: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

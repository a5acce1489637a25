from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow


class Aanvraag(Base):
    """A formal application; it starts the two-week clock of the beschikking."""

    __tablename__ = "aanvraag"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id"), index=True)
    ondersteuningsplan_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ondersteuningsplan.id")
    )
    gemeentecode: Mapped[str] = mapped_column(String(4), index=True)
    gebied: Mapped[str | None] = mapped_column(String(100))
    aanvraagdatum: Mapped[date]
    termijn_date: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow


class Onderzoek(Base):
    """The kitchen-table talk after a melding: own network and general provisions first."""

    __tablename__ = "onderzoek"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    melding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id"), unique=True)
    startdatum: Mapped[date]
    persoonlijk_plan: Mapped[str | None] = mapped_column(Text)
    persoonlijk_plan_ontvangen_date: Mapped[date | None]
    eigen_netwerk: Mapped[str | None] = mapped_column(Text)
    algemene_voorzieningen: Mapped[str | None] = mapped_column(Text)
    conclusie: Mapped[str | None] = mapped_column(Text)
    afgerond_date: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

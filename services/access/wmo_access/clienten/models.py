from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow


class Client(Base):
    __tablename__ = "client"
    # iWmo code list Geslacht (LDT_Geslacht): 0 onbekend, 1 man, 2 vrouw.
    __table_args__ = (CheckConstraint("geslacht IN ('0', '1', '2')", name="geslacht"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    bsn: Mapped[str] = mapped_column(String(9), unique=True)
    # Keyed HMAC of the BSN: how other services and the audit log know this client.
    pseudonym: Mapped[str] = mapped_column(String(64), unique=True)
    voornamen: Mapped[str] = mapped_column(String(200))
    achternaam: Mapped[str] = mapped_column(String(200))
    geboortedatum: Mapped[date]
    geslacht: Mapped[str] = mapped_column(String(1))
    gemeentecode: Mapped[str] = mapped_column(String(4))
    gebied: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

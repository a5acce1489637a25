from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_contracting.db import Base


class Segment(Base):
    __tablename__ = "segment"
    # Youth care is bought the same way as Wmo support, but under its own law.
    __table_args__ = (CheckConstraint("wet IN ('wmo', 'jeugdwet')", name="wet"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    naam: Mapped[str] = mapped_column(String(200), unique=True)
    wet: Mapped[str] = mapped_column(String(10))
    doelgroep: Mapped[str] = mapped_column(Text)
    gebieden: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_contracting.db import Base


class Product(Base):
    """A product of the region's catalogue, as iWmo names it: a category and a product code."""

    __tablename__ = "product"
    __table_args__ = (
        UniqueConstraint("categorie", "code"),
        CheckConstraint("intensiteit IN ('licht', 'midden', 'zwaar')", name="intensiteit"),
        CheckConstraint("toeslag IN ('vervoer', 'rolstoelvervoer')", name="toeslag"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    categorie: Mapped[str] = mapped_column(String(2))
    code: Mapped[str] = mapped_column(String(5))
    naam: Mapped[str] = mapped_column(String(200))
    eenheid: Mapped[str] = mapped_column(String(2))
    intensiteit: Mapped[str | None] = mapped_column(String(10))
    toeslag: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

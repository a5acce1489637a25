from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wmo_common.db import utcnow
from wmo_contracting.db import Base


class Aanbesteding(Base):
    """A tender of a segment, in percelen per gebied."""

    __tablename__ = "aanbesteding"
    __table_args__ = (
        CheckConstraint(
            "procedure IN ('open-house', 'toelatingsprocedure', 'selectief', 'partnerschap')",
            name="procedure",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    segment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("segment.id"), index=True)
    naam: Mapped[str] = mapped_column(String(200), unique=True)
    procedure: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    percelen: Mapped[list[Perceel]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="(Perceel.naam, Perceel.id)"
    )


class Perceel(Base):
    """A lot of a tender for one gebied; once awarded it names the party or coalition that won."""

    __tablename__ = "perceel"
    __table_args__ = (UniqueConstraint("aanbesteding_id", "naam"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    aanbesteding_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aanbesteding.id", ondelete="CASCADE"), index=True
    )
    naam: Mapped[str] = mapped_column(String(200))
    gebied: Mapped[str] = mapped_column(String(100))
    gegund_at: Mapped[datetime | None]
    gegund_by: Mapped[str | None] = mapped_column(String(200))
    winnaars: Mapped[list[Gunningspartij]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="Gunningspartij.aanbieder_agb"
    )


class Gunningspartij(Base):
    """A party of the winning bid on a perceel, in the rol it bid with."""

    __tablename__ = "gunningspartij"
    __table_args__ = (
        UniqueConstraint("perceel_id", "aanbieder_agb"),
        Index(
            "uq_gunningspartij_hoofdaannemer",
            "perceel_id",
            unique=True,
            postgresql_where=text("rol = 'hoofdaannemer'"),
        ),
        CheckConstraint(
            "rol IN ('hoofdaannemer', 'combinant', 'strategische-partner', 'onderaannemer')",
            name="rol",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    perceel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("perceel.id", ondelete="CASCADE"))
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    naam: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(30))

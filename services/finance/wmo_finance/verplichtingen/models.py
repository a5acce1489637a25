"""Verplichtingen: the expected cost of each toewijzing."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_finance.db import Base


class Verplichting(Base):
    """The commitment booked for one toewijzing under its financing model.

    `bedrag_cents` is what is committed now; for a result variant `resultaat_cents` of it is
    held back until the agreed results are met (released from the commitment when they are not).
    """

    __tablename__ = "verplichting"
    __table_args__ = (
        CheckConstraint("bedrag_cents >= 0", name="bedrag_cents_niet_negatief"),
        CheckConstraint("resultaat_cents >= 0", name="resultaat_cents_niet_negatief"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    toewijzing_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    toewijzingnummer: Mapped[str] = mapped_column(String(8))
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    contract_id: Mapped[uuid.UUID | None]
    segment_id: Mapped[uuid.UUID | None]
    gebied: Mapped[str | None] = mapped_column(String(100))
    bekostigingsmodel: Mapped[str] = mapped_column(String(20))
    jaar: Mapped[int]
    ingangsdatum: Mapped[date]
    einddatum: Mapped[date]
    bedrag_cents: Mapped[int] = mapped_column(BigInteger)
    resultaat_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    resultaatstatus: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

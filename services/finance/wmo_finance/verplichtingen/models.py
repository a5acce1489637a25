"""Verplichtingen: the expected cost of each toewijzing."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_finance.db import Base


class Verplichting(Base):
    """The commitment booked for one toewijzing under its financing model.

    `bedrag_cents` is what is committed now; for a result variant `resultaat_cents` of it is
    held back until the agreed results are met (released from the commitment when they are not).
    `betaalbaar_cents` is what outputgericht financing made payable so far (80 % at the start of
    care, 20 % when the result is met). `gemeentecode` is the gemeente that pays: the client's.
    Each year the period touches carries its own part (`Verplichtingjaar`).
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
    # Empty only on rows booked before finance kept it; the next booking fills it.
    gemeentecode: Mapped[str | None] = mapped_column(String(4), index=True)
    intensiteit: Mapped[str | None] = mapped_column(String(10))
    contract_id: Mapped[uuid.UUID | None]
    segment_id: Mapped[uuid.UUID | None]
    gebied: Mapped[str | None] = mapped_column(String(100))
    bekostigingsmodel: Mapped[str] = mapped_column(String(20))
    jaar: Mapped[int]
    ingangsdatum: Mapped[date]
    einddatum: Mapped[date]
    bedrag_cents: Mapped[int] = mapped_column(BigInteger)
    resultaat_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    betaalbaar_cents: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    resultaatstatus: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Verplichtingjaar(Base):
    """The part of a verplichting that falls in one budget year (a verplichting from November
    to June is booked to both years, each for its own part); the parts add up to the whole."""

    __tablename__ = "verplichtingjaar"
    __table_args__ = (UniqueConstraint("verplichting_id", "jaar"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    verplichting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("verplichting.id", ondelete="CASCADE")
    )
    jaar: Mapped[int] = mapped_column(index=True)
    bedrag_cents: Mapped[int] = mapped_column(BigInteger)

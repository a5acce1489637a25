"""Outputbetalingen: what outputgericht financing makes payable for a toewijzing."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_finance.db import Base


class Outputbetaling(Base):
    """One payable share of an outputgericht verplichting: the `start` share (80 % of 80/20)
    when the aanbieder reports the start of care (Wmo305), the `resultaat` share (20 %) when
    the results are met. Each share once per toewijzing: the unique key makes it so."""

    __tablename__ = "outputbetaling"
    __table_args__ = (
        UniqueConstraint("toewijzing_id", "soort"),
        CheckConstraint("soort IN ('start', 'resultaat')", name="soort"),
        CheckConstraint("bedrag_cents >= 0", name="bedrag_cents_niet_negatief"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    verplichting_id: Mapped[uuid.UUID] = mapped_column(index=True)
    toewijzing_id: Mapped[uuid.UUID]
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    gemeentecode: Mapped[str] = mapped_column(String(4))
    segment_id: Mapped[uuid.UUID | None]
    soort: Mapped[str] = mapped_column(String(10))
    bedrag_cents: Mapped[int] = mapped_column(BigInteger)
    betaalbaar_op: Mapped[date]
    # Set when the toewijzing was withdrawn (reden 13) before the share was paid: the share
    # left its betaalbatch that day and stays recorded, so it is never made payable again.
    geannuleerd_op: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Zorgstart(Base):
    """A start of care the aanbieder reported (Wmo305) for a toewijzing: what releases the 80 %.
    Kept per report, so the arrival order does not matter; a withdrawal (StatusAanlevering 3)
    marks it and stays."""

    __tablename__ = "zorgstart"
    __table_args__ = (
        UniqueConstraint("gemeentecode", "aanbieder_agb", "toewijzingnummer", "begindatum"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    toewijzingnummer: Mapped[str] = mapped_column(String(8))
    begindatum: Mapped[date]
    is_verwijderd: Mapped[bool] = mapped_column(default=False)

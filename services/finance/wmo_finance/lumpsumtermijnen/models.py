"""Lumpsumtermijnen: the net yearly task budget of a taakgericht contract, paid in instalments."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_finance.db import Base


class Lumpsumtermijn(Base):
    """One instalment of the lumpsum of a contract (in one gebied, or in all when empty) in a
    year, with the share one gemeente pays (empty: the region as a whole)."""

    __tablename__ = "lumpsumtermijn"
    __table_args__ = (
        UniqueConstraint(
            "contract_id",
            "gebied",
            "jaar",
            "volgnummer",
            "gemeentecode",
            postgresql_nulls_not_distinct=True,
        ),
        CheckConstraint("bedrag_cents >= 0", name="bedrag_cents_niet_negatief"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    contract_id: Mapped[uuid.UUID]
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    gebied: Mapped[str | None] = mapped_column(String(100))
    gemeentecode: Mapped[str | None] = mapped_column(String(4), index=True)
    jaar: Mapped[int]
    volgnummer: Mapped[int]
    periode_begin: Mapped[date]
    periode_eind: Mapped[date]
    taakbudget_cents: Mapped[int] = mapped_column(BigInteger)
    netto_budget_cents: Mapped[int] = mapped_column(BigInteger)
    bedrag_cents: Mapped[int] = mapped_column(BigInteger)
    betaald_op: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_finance.db import Base


class Budget(Base):
    """One budget line: the money set aside for a segment in a year, for the region or one
    gemeente, as a whole or per gebied."""

    __tablename__ = "budget"
    __table_args__ = (
        # NULLS NOT DISTINCT: a regional line (no gebied, no gemeente) is unique per year and
        # segment too.
        UniqueConstraint(
            "jaar", "segment_naam", "gebied", "gemeentecode", postgresql_nulls_not_distinct=True
        ),
        CheckConstraint("bedrag_cents >= 0", name="bedrag_cents_niet_negatief"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    jaar: Mapped[int]
    segment_naam: Mapped[str] = mapped_column(String(200))
    gebied: Mapped[str | None] = mapped_column(String(100))
    gemeentecode: Mapped[str | None] = mapped_column(String(4))
    # Integer euro cents, as iWmo carries amounts: no float ever touches money.
    bedrag_cents: Mapped[int] = mapped_column(BigInteger)
    # Percentages of the line at which `budgetdrempel-overschreden` goes out, once each.
    drempel_percentages: Mapped[list[Decimal]] = mapped_column(
        ARRAY(Numeric(5, 2)), server_default="{90,100}"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Budgetdrempelmelding(Base):
    """That a budget line crossed one of its thresholds: the row makes the event go out once."""

    __tablename__ = "budgetdrempelmelding"
    __table_args__ = (UniqueConstraint("budget_id", "drempel_percentage"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    budget_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("budget.id", ondelete="CASCADE"))
    drempel_percentage: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    besteed_cents: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Budgetplafond(Base):
    """An aanbieder's spending ceiling (budgetplafond) under one contract in one year, for the
    region (no gemeentecode) or for one gemeente.

    The regional amount comes from the bekostiging (the contract's, else its segment's
    strategy); a gemeente's is set in finance (`POST /budgetplafonds`) and watches what is
    committed for that gemeente's clients only. The thresholds at which
    `budgetdrempel-overschreden` goes out are kept here, per ceiling, with the contract
    standard's 70 % as the default.
    """

    __tablename__ = "budgetplafond"
    __table_args__ = (
        Index(
            "uq_budgetplafond_regio",
            "contract_id",
            "jaar",
            unique=True,
            postgresql_where=text("gemeentecode IS NULL"),
        ),
        Index(
            "uq_budgetplafond_gemeente",
            "contract_id",
            "jaar",
            "gemeentecode",
            unique=True,
            postgresql_where=text("gemeentecode IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    contract_id: Mapped[uuid.UUID]
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    segment_id: Mapped[uuid.UUID]
    jaar: Mapped[int]
    gemeentecode: Mapped[str | None] = mapped_column(String(4))
    plafond_cents: Mapped[int] = mapped_column(BigInteger)
    drempel_percentages: Mapped[list[Decimal]] = mapped_column(
        ARRAY(Numeric(5, 2)), server_default="{70}"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Budgetplafondmelding(Base):
    """That a ceiling's threshold was crossed: the row makes the event go out once."""

    __tablename__ = "budgetplafondmelding"
    __table_args__ = (UniqueConstraint("budgetplafond_id", "drempel_percentage"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    budgetplafond_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("budgetplafond.id", ondelete="CASCADE")
    )
    drempel_percentage: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    besteed_cents: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Sequence, String
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow

BESCHIKKINGNUMMER = Sequence("beschikkingnummer_seq", metadata=Base.metadata)


class Beschikking(Base):
    """A decision letter. A concept may be edited; an afgegeven one never is: a new beschikking
    replaces it (`vervangt_id`)."""

    __tablename__ = "beschikking"
    __table_args__ = (
        CheckConstraint("status IN ('concept', 'afgegeven', 'vervangen')", name="status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    beschikkingnummer: Mapped[str] = mapped_column(String(20), unique=True)
    aanvraag_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("aanvraag.id"), index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id"), index=True)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    status: Mapped[str] = mapped_column(String(10), default="concept")
    afgifte_date: Mapped[date | None]
    vervangt_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("beschikking.id"))
    versie: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": versie}  # noqa: RUF012


class Indicatie(Base):
    """One indicated product in a beschikking: what, how much, how long, and how delivered; or,
    when `besluit` is afgewezen, the product asked for that the beschikking refuses, on `grond`
    from `ingangsdatum` (no omvang, budget or einddatum, and nothing follows from it)."""

    __tablename__ = "indicatie"
    __table_args__ = (
        CheckConstraint("leveringsvorm IN ('zin', 'pgb')", name="leveringsvorm"),
        CheckConstraint("besluit IN ('toegekend', 'afgewezen')", name="besluit"),
        CheckConstraint("besluit <> 'afgewezen' OR grond IS NOT NULL", name="grond_bij_afwijzing"),
        CheckConstraint(
            "CASE WHEN besluit = 'afgewezen' "
            "THEN omvang_volume IS NULL AND budget_cents IS NULL "
            "ELSE (omvang_volume IS NULL) <> (budget_cents IS NULL) END",
            name="omvang_of_budget",
        ),
        CheckConstraint("einddatum IS NULL OR einddatum >= ingangsdatum", name="periode"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    beschikking_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("beschikking.id"), index=True)
    segment_id: Mapped[uuid.UUID]
    product_categorie: Mapped[str] = mapped_column(String(2))
    product_code: Mapped[str | None] = mapped_column(String(5))
    intensiteit: Mapped[str | None] = mapped_column(String(20))
    omvang_volume: Mapped[int | None] = mapped_column(BigInteger)
    omvang_eenheid: Mapped[str | None] = mapped_column(String(2))
    omvang_frequentie: Mapped[str | None] = mapped_column(String(1))
    budget_cents: Mapped[int | None] = mapped_column(BigInteger)
    ingangsdatum: Mapped[date]
    einddatum: Mapped[date | None] = mapped_column(index=True)
    leveringsvorm: Mapped[str] = mapped_column(String(3))
    besluit: Mapped[str] = mapped_column(
        String(10), default="toegekend", server_default="toegekend"
    )
    grond: Mapped[str | None] = mapped_column(String(2000))
    # A granted 317 replaces one indicatie of an afgegeven beschikking (which itself is never
    # edited): the replaced one no longer expires on its own.
    vervangt_indicatie_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("indicatie.id"), index=True
    )


class Indicatiesignaal(Base):
    """That the expiry check announced `soort` for an indicatie: the primary key makes each
    announcement happen once, however often and by how many instances the check runs."""

    __tablename__ = "indicatiesignaal"
    __table_args__ = (CheckConstraint("soort IN ('verloopt', 'verlopen')", name="soort"),)

    indicatie_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicatie.id"), primary_key=True)
    soort: Mapped[str] = mapped_column(String(10), primary_key=True)
    peildatum: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

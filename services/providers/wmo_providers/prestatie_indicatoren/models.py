"""KPI facts: what the other services reported, keyed by the logical keys of iWmo and the events,
so a redelivered or reordered event lands on the same row. The KPIs are computed from these at
read time, which makes the result independent of arrival order."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, String, UniqueConstraint, case
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column

from wmo_providers.db import Base


class ToewijzingFeit(Base):
    """One toewijzing as access issued it (301) and as the aanbieder started/stopped it (305/307).

    Keyed by AGB code and toewijzingnummer, the one key every one of these messages carries.
    """

    __tablename__ = "toewijzing_feit"
    __table_args__ = (UniqueConstraint("aanbieder_agb", "toewijzingnummer"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    toewijzingnummer: Mapped[str] = mapped_column(String(8))
    client_pseudonym: Mapped[str] = mapped_column(String(64))
    segment_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    gebied: Mapped[str | None] = mapped_column(String(100))
    toewijzingsdatum: Mapped[date | None]
    ingangsdatum: Mapped[date | None]
    einddatum: Mapped[date | None]
    beeindigd_reden: Mapped[str | None] = mapped_column(String(2))
    # Time of the newest access event applied; an older one arriving later changes nothing.
    toewijzing_at: Mapped[datetime | None]
    begindatum: Mapped[date | None]
    start_ontvangen_date: Mapped[date | None]
    start_at: Mapped[datetime | None]
    stopdatum: Mapped[date | None]
    reden_beeindiging: Mapped[str | None] = mapped_column(String(2))
    stop_ontvangen_date: Mapped[date | None]
    stop_at: Mapped[datetime | None]


class DeclaratieregelFeit(Base):
    """The verdict on one declared prestatie, keyed by declaratie and the aanbieder's reference."""

    __tablename__ = "declaratieregel_feit"
    __table_args__ = (UniqueConstraint("declaratie_id", "referentie"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    declaratie_id: Mapped[uuid.UUID]
    referentie: Mapped[str] = mapped_column(String(20))
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    toewijzingnummer: Mapped[str | None] = mapped_column(String(20))
    is_goedgekeurd: Mapped[bool]
    ingediend_cents: Mapped[int] = mapped_column(BigInteger)
    toegekend_cents: Mapped[int] = mapped_column(BigInteger)
    # iWmo DebetCredit: amounts are declared positive; a credit line ("C") takes money back.
    debet_credit: Mapped[str] = mapped_column(String(1), server_default="D")
    beoordeeld_date: Mapped[date]

    @hybrid_property
    def toegekend_netto_cents(self) -> int:
        """The granted amount with its sign: a credit line subtracts."""
        return -self.toegekend_cents if self.debet_credit == "C" else self.toegekend_cents

    @toegekend_netto_cents.inplace.expression
    @classmethod
    def _toegekend_netto_cents_sql(cls) -> ColumnElement[int]:
        return case((cls.debet_credit == "C", -cls.toegekend_cents), else_=cls.toegekend_cents)


class ResultaatFeit(Base):
    """The latest evaluation of one SMART resultaat."""

    __tablename__ = "resultaat_feit"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    segment_id: Mapped[uuid.UUID | None]
    toewijzing_id: Mapped[uuid.UUID | None]
    is_behaald: Mapped[bool]
    geevalueerd_date: Mapped[date]


class Prestatienorm(Base):
    """The KPI targets of a segment, its Treeknorm, and how many periods below one raise a
    signalering. Set through the API while contracting publishes no KPIs of its own."""

    __tablename__ = "prestatienorm"

    segment_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    treeknorm_dagen: Mapped[int | None]
    signalering_na_perioden: Mapped[int | None]
    normen: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)

"""CAK-meldingen: which products carry an eigen bijdrage, the care actually delivered, the
contribution periods per person derived from it, and the notices (WMO405/407) to the CAK."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_finance.db import Base


class EigenBijdrageProduct(Base):
    """That a product (a whole categorie, or one productcode of it) carries an eigen bijdrage,
    and which kind: the flat abonnementstarief (WMO405) or beschermd wonen (WMO407).

    A rule for a productcode beats the rule for its categorie; soort `geen` exempts one code of
    a categorie that carries a bijdrage. A product without a rule carries none.
    """

    __tablename__ = "eigen_bijdrage_product"
    __table_args__ = (UniqueConstraint("categorie", "code", postgresql_nulls_not_distinct=True),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    categorie: Mapped[str] = mapped_column(String(2))
    code: Mapped[str | None] = mapped_column(String(5))
    soort: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Zorgperiode(Base):
    """One start (Wmo305, no einddatum) or stop (Wmo307, with the period it closes) of a
    toegewezen product, as the aanbieder reported the real delivery.

    Facts, not state: each report is kept under its own dates, so that the arrival order does
    not matter (OP080); a withdrawal (StatusAanlevering 3) marks its fact as verwijderd and
    stays, so a withdrawal that overtakes its original still wins.
    """

    __tablename__ = "zorgperiode"
    __table_args__ = (
        UniqueConstraint(
            "gemeentecode",
            "aanbieder_agb",
            "toewijzingnummer",
            "begindatum",
            "einddatum",
            postgresql_nulls_not_distinct=True,
        ),
        Index("ix_zorgperiode_client", "client_pseudonym", "gemeentecode"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    toewijzingnummer: Mapped[str] = mapped_column(String(8))
    # Finance never sees a BSN: the CAK notice is kept per pseudonym (see the service module).
    client_pseudonym: Mapped[str] = mapped_column(String(64))
    categorie: Mapped[str] = mapped_column(String(2))
    code: Mapped[str | None] = mapped_column(String(5))
    begindatum: Mapped[date]
    einddatum: Mapped[date | None]
    is_verwijderd: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class EigenBijdragePeriode(Base):
    """A person's contribution period of one soort: from the start of the first voorziening
    to the end of the last one, as far as the CAK has to know it."""

    __tablename__ = "eigen_bijdrage_periode"
    __table_args__ = (
        Index("ix_eigen_bijdrage_periode_client", "client_pseudonym", "gemeentecode"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_pseudonym: Mapped[str] = mapped_column(String(64))
    gemeentecode: Mapped[str] = mapped_column(String(4))
    soort: Mapped[str] = mapped_column(String(20))
    startdatum: Mapped[date]
    stopdatum: Mapped[date | None]
    is_ingetrokken: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CakMelding(Base):
    """One notice to the CAK about a contribution period, and what the CAK answered."""

    __tablename__ = "cak_melding"
    __table_args__ = (Index("ix_cak_melding_status", "status", "uiterste_verzenddatum"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    periode_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("eigen_bijdrage_periode.id", ondelete="CASCADE"), index=True
    )
    client_pseudonym: Mapped[str] = mapped_column(String(64))
    gemeentecode: Mapped[str] = mapped_column(String(4))
    berichtcode: Mapped[str] = mapped_column(String(3))
    aanleiding: Mapped[str] = mapped_column(String(20))
    startdatum: Mapped[date]
    stopdatum: Mapped[date | None]
    uiterste_verzenddatum: Mapped[date]
    status: Mapped[str] = mapped_column(String(20))
    verzonden_op: Mapped[date | None]
    antwoord_berichtcode: Mapped[str | None] = mapped_column(String(3))
    retourcodes: Mapped[list[str]] = mapped_column(ARRAY(String(4)), default=list)
    beantwoord_op: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

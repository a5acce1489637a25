from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_gateway.db import Base


class GgkZending(Base):
    """One envelope the gateway sends to the GGk (a Di01 with a 301/319/325, a Du01 with a
    retour, a Fo01 transport fault): the GGk outbox. It is sent until the GGk acknowledges it
    (Bv03), with back-off between tries; the GGk's later Du01 or Fo01 naming its
    referentienummer in crossRefnummer is recorded on it."""

    __tablename__ = "ggk_zending"
    __table_args__ = (
        # One Du01 or Fo01 per received envelope: the same Di01 twice is answered once.
        Index(
            "uq_ggk_zending_antwoord",
            "berichtcode",
            "cross_refnummer",
            unique=True,
            postgresql_where=text("cross_refnummer IS NOT NULL"),
        ),
        Index(
            "ix_ggk_zending_te_versturen",
            "volgende_poging_at",
            postgresql_where=text("afgeleverd_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    berichtcode: Mapped[str] = mapped_column(String(4))
    functie: Mapped[str | None] = mapped_column(String(30))
    referentienummer: Mapped[str] = mapped_column(String(40), unique=True)
    cross_refnummer: Mapped[str | None] = mapped_column(String(40))
    ontvanger: Mapped[str] = mapped_column(String(200))
    envelop: Mapped[str] = mapped_column(Text)
    uitgaand_bericht_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("uitgaand_bericht.id"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    pogingen: Mapped[int] = mapped_column(default=0, server_default="0")
    volgende_poging_at: Mapped[datetime] = mapped_column(default=utcnow)
    laatste_fout: Mapped[str | None] = mapped_column(String(200))
    afgeleverd_at: Mapped[datetime | None]
    # The GGk's answer to a Di01 we sent: the aanbieder's Du01 (its retour) or a Fo01.
    antwoord_berichtcode: Mapped[str | None] = mapped_column(String(4))
    antwoord_functie: Mapped[str | None] = mapped_column(String(30))
    antwoord_foutcode: Mapped[str | None] = mapped_column(String(10))
    antwoord_at: Mapped[datetime | None]


class GgkOntvangst(Base):
    """A Di01 the GGk brought whose bericht has an iWmo retour (305, 307, 315, 317): who sent it
    to whom, so that its Du01 can be written whenever the retour exists, on the first try, on
    the GGk's retry of the envelope, or after the bericht was re-processed following a transient
    failure. Stored in the transaction that stores the bericht; `beantwoord_at` is set when the
    Du01 is in the GGk outbox (once: uq_ggk_zending_antwoord). Retention removes a row
    `IDEMPOTENCY_KEY_RETENTION_DAYS` after its Du01 was written; an unanswered row stays."""

    __tablename__ = "ggk_ontvangst"
    __table_args__ = (
        UniqueConstraint("zender_organisatie", "referentienummer"),
        Index(
            "ix_ggk_ontvangst_open",
            "created_at",
            postgresql_where=text("beantwoord_at IS NULL"),
        ),
        Index(
            "ix_ggk_ontvangst_beantwoord",
            "beantwoord_at",
            postgresql_where=text("beantwoord_at IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    referentienummer: Mapped[str] = mapped_column(String(40))
    referentienummer_bericht: Mapped[str | None] = mapped_column(String(40))
    functie: Mapped[str] = mapped_column(String(30))
    zender_organisatie: Mapped[str] = mapped_column(String(200))
    zender_applicatie: Mapped[str] = mapped_column(String(200))
    ontvanger_organisatie: Mapped[str] = mapped_column(String(200))
    ontvanger_applicatie: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    beantwoord_at: Mapped[datetime | None]

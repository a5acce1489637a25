from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Sequence, String, text
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow

# iWmo ToewijzingNummer is an LDT_Nummer (integer) and our events carry at most 8 characters.
TOEWIJZINGNUMMER = Sequence(
    "toewijzingnummer_seq", metadata=Base.metadata, minvalue=1, maxvalue=99_999_999
)
# The partial unique index of a toewijzing's indicatie while it is active.
ACTIEVE_TOEWIJZING = "uq_toewijzing_indicatie_actief"


class Toewijzing(Base):
    """An assignment of one indicatie to one aanbieder: the Wmo301 the chain runs on."""

    __tablename__ = "toewijzing"
    __table_args__ = (
        CheckConstraint("status IN ('actief', 'beeindigd')", name="status"),
        CheckConstraint(
            "leveringsstatus IN ('niet-gestart', 'gestart', 'gestopt')", name="leveringsstatus"
        ),
        CheckConstraint("einddatum IS NULL OR einddatum >= ingangsdatum", name="periode"),
        # One indicatie is assigned once at a time; the index also stops two racing requests.
        Index(
            ACTIEVE_TOEWIJZING,
            "indicatie_id",
            unique=True,
            postgresql_where=text("status = 'actief'"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    toewijzingnummer: Mapped[str] = mapped_column(String(8), unique=True)
    indicatie_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicatie.id"), index=True)
    beschikking_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("beschikking.id"))
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id"), index=True)
    verzoek_id: Mapped[uuid.UUID | None]
    gemeentecode: Mapped[str] = mapped_column(String(4))
    gebied: Mapped[str | None] = mapped_column(String(100))
    segment_id: Mapped[uuid.UUID]
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    product_categorie: Mapped[str] = mapped_column(String(2))
    product_code: Mapped[str | None] = mapped_column(String(5))
    ingangsdatum: Mapped[date]
    einddatum: Mapped[date | None]
    omvang_volume: Mapped[int | None] = mapped_column(BigInteger)
    omvang_eenheid: Mapped[str | None] = mapped_column(String(2))
    omvang_frequentie: Mapped[str | None] = mapped_column(String(1))
    budget_cents: Mapped[int | None] = mapped_column(BigInteger)
    # IV013: Toewijzingsdatum + -tijd name the current version of the Wmo301 line.
    toewijzingsdatum: Mapped[date]
    toewijzingstijd: Mapped[time]
    reden_wijziging: Mapped[str | None] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(10), default="actief")
    leveringsstatus: Mapped[str] = mapped_column(String(12), default="niet-gestart")
    zorg_begindatum: Mapped[date | None]
    zorg_einddatum: Mapped[date | None]
    # The aanbieder's iWmo RedenBeeindiging of the stop (Wmo307) recorded in zorg_einddatum.
    reden_beeindiging: Mapped[str | None] = mapped_column(String(2))
    versie: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": versie}  # noqa: RUF012

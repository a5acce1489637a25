from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import BigInteger, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from wmo_gateway.db import Base


class Toewijzing(Base):
    """What the gateway knows of a toewijzing (from access's events): enough to check a
    provider's 305/307/317/323 against it and to write the Wmo301. No BSN: only the pseudonym."""

    __tablename__ = "toewijzing"
    # TR332: a ToewijzingNummer is unique per municipality.
    __table_args__ = (UniqueConstraint("gemeentecode", "nummer"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    toewijzingnummer: Mapped[str] = mapped_column(String(8))
    # The iWmo ToewijzingNummer is an integer (LDT_Nummer); messages are matched on it.
    nummer: Mapped[int] = mapped_column(BigInteger)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    client_pseudonym: Mapped[str] = mapped_column(String(64), index=True)
    product_categorie: Mapped[str] = mapped_column(String(2))
    product_code: Mapped[str | None] = mapped_column(String(5))
    ingangsdatum: Mapped[date]
    einddatum: Mapped[date | None]
    omvang_volume: Mapped[int | None] = mapped_column(BigInteger)
    omvang_eenheid: Mapped[str | None] = mapped_column(String(2))
    omvang_frequentie: Mapped[str | None] = mapped_column(String(1))
    budget_cents: Mapped[int | None] = mapped_column(BigInteger)
    toewijzingsdatum: Mapped[date]
    # IV013: Toewijzingsdatum + Toewijzingstijd name the current version; the time is the Dutch
    # wall-clock time at which access recorded this version.
    toewijzingstijd: Mapped[time]
    reden_wijziging: Mapped[str | None] = mapped_column(String(2))
    # When access recorded the version held here: a version older than this is ignored, so the
    # arrival order of the events does not matter (OP080).
    version_at: Mapped[datetime]
    # The ReferentieAanbieder of the latest 315/317 this toewijzing honoured, and when access
    # recorded the version that honoured it. Kept across later versions: a late or repeated copy
    # of that version must not count as a new honouring.
    referentie_aanbieder: Mapped[str | None] = mapped_column(String(36))
    referentie_version_at: Mapped[datetime | None]
    # TR379: only the first Wmo301 after the honouring carries the referentie; later ones leave
    # it out (9379). True until a Wmo301 has carried it.
    referentie_te_melden: Mapped[bool] = mapped_column(default=False, server_default=false())

    @property
    def is_verwijderd(self) -> bool:
        """Reden 13: the toewijzing was withdrawn (Einddatum = Ingangsdatum)."""
        return self.reden_wijziging == "13"

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow

SOORTEN = (
    "herindicatie",
    "verzoek",
    "evaluatie",
    "uitleg-resultaat",
    "overgang-toewijzing",
    "overgang-pgb",
)


class Taak(Base):
    """A work-queue item that follows from a decision: a herindicatie, a verzoek to decide, an
    evaluation moment of an ondersteuningsplan, an aanbieder's explanation of a result not met,
    or the toewijzing or pgb-beschikking an overgangsdossier's outcome requires. Closed with who
    and when."""

    __tablename__ = "taak"
    __table_args__ = (
        CheckConstraint(f"soort IN ({', '.join(repr(s) for s in SOORTEN)})", name="soort"),
        # One herindicatie taak per indicatie, one taak per verzoek, however often created.
        Index(
            "uq_taak_herindicatie",
            "indicatie_id",
            unique=True,
            postgresql_where=text("soort = 'herindicatie'"),
        ),
        Index(
            "uq_taak_verzoek", "verzoek_id", unique=True, postgresql_where=text("soort = 'verzoek'")
        ),
        # One taak per evaluation moment of a plan, per result not met, per dossier outcome.
        Index(
            "uq_taak_evaluatie",
            "ondersteuningsplan_id",
            "deadline_date",
            unique=True,
            postgresql_where=text("soort = 'evaluatie'"),
        ),
        Index(
            "uq_taak_uitleg_resultaat",
            "resultaat_id",
            unique=True,
            postgresql_where=text("soort = 'uitleg-resultaat'"),
        ),
        Index(
            "uq_taak_overgangsdossier",
            "overgangsdossier_id",
            unique=True,
            postgresql_where=text("overgangsdossier_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    soort: Mapped[str] = mapped_column(String(20))
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id"))
    gemeentecode: Mapped[str] = mapped_column(String(4), index=True)
    gebied: Mapped[str | None] = mapped_column(String(100))
    indicatie_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("indicatie.id"))
    verzoek_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("verzoek.id"))
    ondersteuningsplan_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ondersteuningsplan.id")
    )
    resultaat_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("resultaat.id"))
    overgangsdossier_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("overgangsdossier.id"))
    # What is to be done and why, e.g. the result that was not met.
    omschrijving: Mapped[str | None] = mapped_column(String(1000))
    # The aanbieder asked to act (its explanation); empty: toegang itself.
    aanbieder_agb: Mapped[str | None] = mapped_column(String(8))
    deadline_date: Mapped[date]
    is_afgehandeld: Mapped[bool] = mapped_column(default=False)
    afgerond_at: Mapped[datetime | None]
    afgerond_door: Mapped[str | None] = mapped_column(String(200))
    afrondingstoelichting: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

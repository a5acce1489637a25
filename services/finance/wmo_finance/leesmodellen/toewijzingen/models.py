"""The read model of access's toewijzingen (by pseudonym), the indicaties that expired under
them and the evaluated results that hold money back: what finance needs to commit and to judge
claims."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_finance.db import Base


class Toewijzing(Base):
    """The newest version of one toewijzing (Wmo301 content without the client's identity)."""

    __tablename__ = "toewijzing"
    __table_args__ = (Index("ix_toewijzing_aanbieder_nummer", "aanbieder_agb", "toewijzingnummer"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    toewijzingnummer: Mapped[str] = mapped_column(String(8))
    # Empty only on rows taken before finance kept it; the toewijzing's next version fills it.
    beschikking_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    # Finance never sees a BSN: the client is only known by the pseudonym access gives it.
    client_pseudonym: Mapped[str] = mapped_column(String(64))
    categorie: Mapped[str] = mapped_column(String(2))
    code: Mapped[str | None] = mapped_column(String(5))
    ingangsdatum: Mapped[date]
    einddatum: Mapped[date | None]
    volume: Mapped[int | None]
    eenheid: Mapped[str | None] = mapped_column(String(2))
    frequentie: Mapped[str | None] = mapped_column(String(1))
    budget_cents: Mapped[int | None] = mapped_column(BigInteger)
    segment_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    gebied: Mapped[str | None] = mapped_column(String(100))
    toewijzingsdatum: Mapped[date]
    reden_wijziging: Mapped[str | None] = mapped_column(String(2))
    is_beeindigd: Mapped[bool] = mapped_column(default=False)
    # Its indicatie reached its end: access closes the toewijzing without a new version (the
    # Wmo301 already carries that end), so this comes from a `VerlopenIndicatie`, not the event.
    is_verlopen: Mapped[bool] = mapped_column(default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def is_verwijderd(self) -> bool:
        """iWmo RedenWijziging 13: the toewijzing was withdrawn as if never issued."""
        return self.reden_wijziging == "13"


class VerlopenIndicatie(Base):
    """An indicatie that reached its einddatum (access's IndicatieVerlopen).

    The toewijzing events name the beschikking, not the indicatie. A toewijzing never runs past
    its indicatie, so the toewijzingen of this beschikking ending on or before `einddatum` are
    the ones that ended with it (or, for a sibling indicatie's shorter toewijzing, had already
    reached their own end by then). Kept so that a toewijzing version arriving after this event
    still comes out ended.
    """

    __tablename__ = "verlopen_indicatie"

    indicatie_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    beschikking_id: Mapped[uuid.UUID] = mapped_column(index=True)
    einddatum: Mapped[date]


class Indicatie(Base):
    """The intensiteit of an indicated product (access's BeschikkingAfgegeven): the toewijzing
    events name the beschikking and the product, and a product is indicated once per beschikking
    (no stacking, OP259), so (beschikking, product) finds the intensiteit that prices it."""

    __tablename__ = "indicatie"
    __table_args__ = (Index("ix_indicatie_beschikking_product", "beschikking_id", "categorie"),)

    indicatie_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    beschikking_id: Mapped[uuid.UUID]
    categorie: Mapped[str] = mapped_column(String(2))
    code: Mapped[str | None] = mapped_column(String(5))
    intensiteit: Mapped[str | None] = mapped_column(String(10))


class Resultaatevaluatie(Base):
    """The newest evaluation of one SMART resultaat for one toewijzing it holds money of."""

    __tablename__ = "resultaatevaluatie"

    resultaat_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    toewijzing_id: Mapped[uuid.UUID] = mapped_column(primary_key=True, index=True)
    is_behaald: Mapped[bool]
    geevalueerd_op: Mapped[date]

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_contracting.bekostiging import BekostigingColumns
from wmo_contracting.db import Base


class Verwervingsstrategie(BekostigingColumns, Base):
    """One version of a segment's strategy: the four instruments set together.

    A version is written as a concept and frozen when published; a newer published version
    replaces the older one (status `vervangen`), which stays readable as history.
    """

    __tablename__ = "verwervingsstrategie"
    __table_args__ = (
        UniqueConstraint("segment_id", "versie"),
        Index(
            "uq_verwervingsstrategie_gepubliceerd",
            "segment_id",
            unique=True,
            postgresql_where=text("status = 'gepubliceerd'"),
        ),
        CheckConstraint("status IN ('concept', 'gepubliceerd', 'vervangen')", name="status"),
        CheckConstraint(
            "leveranciersbeleid IN ('reduceren', 'beperkt', 'breed', 'een-per-gebied')",
            name="leveranciersbeleid",
        ),
        CheckConstraint(
            "bekostigingsmodel IN ('inspanningsgericht', 'outputgericht', 'taakgericht')",
            name="bekostigingsmodel",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    segment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("segment.id"), index=True)
    versie: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default="concept")
    # Toegang
    max_indicatie_maanden: Mapped[int | None]
    is_individuele_beschikking: Mapped[bool]
    herindicatie_doorlooptijd_dagen: Mapped[int]
    casusregie: Mapped[str | None] = mapped_column(String(200))
    # Leveranciersmanagement
    leveranciersbeleid: Mapped[str] = mapped_column(String(20))
    max_aanbieders: Mapped[int | None]
    acceptatieplicht_maanden: Mapped[int | None]
    is_verlopen_kwaliteitsdocument_blokkerend: Mapped[bool] = mapped_column(
        default=False, server_default="false"
    )
    # Contract
    looptijd_jaren: Mapped[int]
    verlengingsopties: Mapped[list[int]] = mapped_column(ARRAY(Integer), default=list)
    opzegtermijn_maanden: Mapped[int]
    # A small list of value objects (code, naam, streefwaarde, eenheid) read and written whole.
    prestatie_indicatoren: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))
    gepubliceerd_at: Mapped[datetime | None]
    gepubliceerd_by: Mapped[str | None] = mapped_column(String(200))

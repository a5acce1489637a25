"""Read model of `providers.aanbieders.v1`: capaciteit and signaleringen that steer toewijzingen."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base


class Aanbieder(Base):
    __tablename__ = "aanbieder"

    agb: Mapped[str] = mapped_column(String(8), primary_key=True)
    aanbieder_id: Mapped[uuid.UUID]
    naam: Mapped[str] = mapped_column(String(200))
    # [{"categorie": "07", "code": "07A01" | null, "plaatsen": 12}]; no entry = capacity unknown.
    capaciteit: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    version_at: Mapped[datetime]


class Signalering(Base):
    """A flag on an aanbieder. Lifting is final: a late-arriving flag event does not reopen it."""

    __tablename__ = "signalering"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agb: Mapped[str] = mapped_column(String(8), index=True)
    segment_id: Mapped[uuid.UUID | None]
    reden: Mapped[str | None] = mapped_column(String(500))
    is_blokkerend: Mapped[bool] = mapped_column(default=False)
    is_opgeheven: Mapped[bool] = mapped_column(default=False)


class Aanmeldstop(Base):
    """An aanbieder's stop on new clients for a product/gebied (empty: all) from `ingangsdatum`
    through `einddatum` (empty: until ended)."""

    __tablename__ = "aanmeldstop"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agb: Mapped[str] = mapped_column(String(8), index=True)
    product_categorie: Mapped[str | None] = mapped_column(String(2))
    product_code: Mapped[str | None] = mapped_column(String(5))
    gebied: Mapped[str | None] = mapped_column(String(100))
    reden: Mapped[str] = mapped_column(String(1000))
    ingangsdatum: Mapped[date]
    einddatum: Mapped[date | None]


class Prestatie(Base):
    """An aanbieder's latest evaluated waiting time in a segment, against its Treeknorm."""

    __tablename__ = "aanbiederprestatie"

    agb: Mapped[str] = mapped_column(String(8), primary_key=True)
    segment_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    periode: Mapped[str] = mapped_column(String(7))
    gemiddelde_wachttijd_dagen: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    treeknorm_dagen: Mapped[int | None]

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_providers.db import Base


class Kwaliteitsdocument(Base):
    """Evidence that an aanbieder meets a quality requirement (VOG, statuut, verzekering...)."""

    __tablename__ = "kwaliteitsdocument"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    aanbieder_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aanbieder.id", ondelete="CASCADE"), index=True
    )
    soort: Mapped[str] = mapped_column(String(40))
    naam: Mapped[str] = mapped_column(String(200))
    afgiftedatum: Mapped[date]
    vervaldatum: Mapped[date | None]
    bewijs_referentie: Mapped[str] = mapped_column(String(500))
    # Only for a kwaliteitsstatuut.
    is_big_geregistreerd: Mapped[bool | None]
    personeelsmix: Mapped[dict[str, int] | None] = mapped_column(JSONB)
    gemiddelde_jaren_ervaring: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Verloopmelding(Base):
    """That `kwaliteitsdocument-verloopt` went out for a document at a threshold: at most once."""

    __tablename__ = "verloopmelding"
    __table_args__ = (UniqueConstraint("kwaliteitsdocument_id", "drempel_dagen"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    kwaliteitsdocument_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("kwaliteitsdocument.id", ondelete="CASCADE")
    )
    drempel_dagen: Mapped[int]
    gemeld_at: Mapped[datetime] = mapped_column(default=utcnow)

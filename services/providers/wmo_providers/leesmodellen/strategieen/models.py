from __future__ import annotations

import uuid

from sqlalchemy.orm import Mapped, mapped_column

from wmo_providers.db import Base


class Segmentbeleid(Base):
    """The newest published strategy of a segment, as far as leveranciersmanagement needs it."""

    __tablename__ = "segmentbeleid"

    segment_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    versie: Mapped[int]
    is_verlopen_kwaliteitsdocument_blokkerend: Mapped[bool] = mapped_column(default=False)

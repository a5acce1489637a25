from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wmo_providers.db import Base


class Contract(Base):
    """Local read model of a contract from `contracting.contracten.v1`: who takes part, in what rol.

    A `contract-beeindigd` may arrive before the activation it ends, so every field but the id
    may still be unknown.
    """

    __tablename__ = "contract"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    contractnummer: Mapped[str | None] = mapped_column(String(50))
    segment_id: Mapped[uuid.UUID | None]
    gebieden: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    ingangsdatum: Mapped[date | None]
    einddatum: Mapped[date | None]
    beeindigd_date: Mapped[date | None]
    beeindigd_reden: Mapped[str | None] = mapped_column(String(200))
    # Time of the newest activation/amendment applied: an older one arriving later is stale.
    bijgewerkt_at: Mapped[datetime | None]
    partijen: Mapped[list[Contractpartij]] = relationship(
        back_populates="contract", lazy="raise", cascade="all, delete-orphan"
    )


class Contractpartij(Base):
    __tablename__ = "contractpartij"
    __table_args__ = (UniqueConstraint("contract_id", "aanbieder_agb"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    rol: Mapped[str] = mapped_column(String(30))
    contract: Mapped[Contract] = relationship(back_populates="partijen", lazy="raise")

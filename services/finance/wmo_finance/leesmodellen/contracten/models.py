"""Read models of contracting's facts: segments with their bekostiging, contracts and tarieven."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Numeric, String
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_finance.db import Base


class BekostigingColumns:
    """The financing model and its parameters, as contracting publishes them."""

    bekostigingsmodel: Mapped[str] = mapped_column(String(20))
    realisatiefactor: Mapped[Decimal | None] = mapped_column(Numeric(9, 4))
    resultaat_percentage: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    kortingspercentage: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    uitvoeringsbijdrage_percentage: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    budgetplafond_cents: Mapped[int | None] = mapped_column(BigInteger)


class Segment(BekostigingColumns, Base):
    """A segment as its newest published verwervingsstrategie describes it."""

    __tablename__ = "segment"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    versie: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Contract(BekostigingColumns, Base):
    """An active (or ended) contract; only its hoofdaannemer is paid. Its partijen, products
    (with the intensiteiten offered), task budget and verdeelsleutel over the gemeenten are kept
    as the event gives them: small lists read whole."""

    __tablename__ = "contract"
    __table_args__ = (
        Index("ix_contract_hoofdaannemer_agb", "hoofdaannemer_agb"),
        Index("ix_contract_partijen", "partijen", postgresql_using="gin"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    contractnummer: Mapped[str] = mapped_column(String(100))
    segment_id: Mapped[uuid.UUID]
    hoofdaannemer_agb: Mapped[str | None] = mapped_column(String(8))
    gebieden: Mapped[list[str]] = mapped_column(ARRAY(String(100)))
    ingangsdatum: Mapped[date]
    einddatum: Mapped[date]
    is_beeindigd: Mapped[bool] = mapped_column(default=False)
    # [{"agb": "12345678", "rol": "combinant"}]: every partij, the hoofdaannemer included.
    partijen: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    # [{"categorie": "02", "code": "02A01", "intensiteiten": ["midden"], "gebieden": []}].
    producten: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default="[]"
    )
    taakbudget_cents: Mapped[int | None] = mapped_column(BigInteger)
    # [{"gemeentecode": "0855", "percentage": "47.97"}]; empty: the region pays as a whole.
    verdeelsleutel: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default="[]"
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ContractTarief(Base):
    """The price of one product per unit in a period, under one contract; at one intensiteit
    of the product, or (empty) at any."""

    __tablename__ = "contract_tarief"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    contract_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contract.id", ondelete="CASCADE"), index=True
    )
    categorie: Mapped[str] = mapped_column(String(2))
    code: Mapped[str | None] = mapped_column(String(5))
    intensiteit: Mapped[str | None] = mapped_column(String(10))
    eenheid: Mapped[str] = mapped_column(String(2))
    bedrag_cents: Mapped[int] = mapped_column(BigInteger)
    geldig_vanaf: Mapped[date]
    geldig_tot: Mapped[date | None]

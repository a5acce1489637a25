from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wmo_common.db import utcnow
from wmo_contracting.bekostiging import BekostigingColumns
from wmo_contracting.db import Base
from wmo_contracting.producten.models import Product


class Contract(BekostigingColumns, Base):
    """A contract of a segment: who delivers which products at which tarieven, where and when.

    A concept is edited freely; from activation on every change is a Contractwijziging.
    """

    __tablename__ = "contract"
    __table_args__ = (
        CheckConstraint(
            "status IN ('concept', 'actief', 'verlengd', 'beeindigd', 'ontbonden')", name="status"
        ),
        CheckConstraint("einddatum >= ingangsdatum", name="periode"),
        CheckConstraint(
            "bekostigingsmodel IN ('inspanningsgericht', 'outputgericht', 'taakgericht')",
            name="bekostigingsmodel",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    contractnummer: Mapped[str] = mapped_column(String(50), unique=True)
    segment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("segment.id"), index=True)
    perceel_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("perceel.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="concept")
    ingangsdatum: Mapped[date]
    einddatum: Mapped[date]
    opzegtermijn_maanden: Mapped[int]
    gebieden: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    indexatieformule: Mapped[str | None] = mapped_column(String(500))
    # Taakgericht: the yearly task budget (before the reduction) the lumpsum is paid from.
    taakbudget_cents: Mapped[int | None] = mapped_column(BigInteger)
    # Which gemeente pays which share: [{"gemeentecode": "0855", "percentage": "55.00"}].
    verdeelsleutel: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default="[]"
    )
    # A small list of value objects (code, naam, streefwaarde, eenheid) read and written whole.
    prestatie_indicatoren: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))

    partijen: Mapped[list[Contractpartij]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="Contractpartij.aanbieder_agb"
    )
    producten: Mapped[list[Contractproduct]] = relationship(
        lazy="raise", cascade="all, delete-orphan"
    )
    tarieven: Mapped[list[Tarief]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="(Tarief.geldig_vanaf, Tarief.id)"
    )
    verlengingsopties: Mapped[list[Verlengingsoptie]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="Verlengingsoptie.volgnummer"
    )


class Contractpartij(Base):
    """A party to a contract in its rol; an onderaannemer carries the recorded consent."""

    __tablename__ = "contractpartij"
    __table_args__ = (
        UniqueConstraint("contract_id", "aanbieder_agb"),
        # Only the hoofdaannemer is paid, so there is exactly one; the database holds the line.
        Index(
            "uq_contractpartij_hoofdaannemer",
            "contract_id",
            unique=True,
            postgresql_where=text("rol = 'hoofdaannemer'"),
        ),
        CheckConstraint(
            "rol IN ('hoofdaannemer', 'combinant', 'strategische-partner', 'onderaannemer')",
            name="rol",
        ),
        CheckConstraint(
            "rol <> 'onderaannemer' OR (toestemming_date IS NOT NULL "
            "AND onderaanneming_reden IS NOT NULL AND evaluatie_date IS NOT NULL)",
            name="onderaanneming",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    naam: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(30))
    toestemming_date: Mapped[date | None]
    onderaanneming_reden: Mapped[str | None] = mapped_column(String(20))
    evaluatie_date: Mapped[date | None]


class Contractproduct(Base):
    """A catalogue product the contract covers, in some or all of its gebieden, at the
    intensiteiten it offers (empty: not differentiated by intensiteit)."""

    __tablename__ = "contractproduct"
    __table_args__ = (UniqueConstraint("contract_id", "product_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("product.id"))
    intensiteiten: Mapped[list[str]] = mapped_column(
        ARRAY(String(10)), default=list, server_default="{}"
    )
    gebieden: Mapped[list[str]] = mapped_column(
        ARRAY(String(100)), default=list, server_default="{}"
    )
    product: Mapped[Product] = relationship(lazy="raise")


class Tarief(Base):
    """The price of one unit of a product (at one intensiteit, or at any when empty) under a
    contract for a validity period (inclusive)."""

    __tablename__ = "tarief"
    __table_args__ = (
        CheckConstraint("geldig_tot IS NULL OR geldig_tot >= geldig_vanaf", name="periode"),
        CheckConstraint("bedrag_cents >= 0", name="bedrag"),
        CheckConstraint("intensiteit IN ('licht', 'midden', 'zwaar')", name="intensiteit"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    contract_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contract.id", ondelete="CASCADE"), index=True
    )
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("product.id"))
    intensiteit: Mapped[str | None] = mapped_column(String(10))
    bedrag_cents: Mapped[int] = mapped_column(BigInteger)
    geldig_vanaf: Mapped[date]
    geldig_tot: Mapped[date | None]
    product: Mapped[Product] = relationship(lazy="raise")


class Verlengingsoptie(Base):
    """An option to extend, exercised in order, decided on or before its beslisdatum."""

    __tablename__ = "verlengingsoptie"
    __table_args__ = (
        UniqueConstraint("contract_id", "volgnummer"),
        CheckConstraint("status IN ('open', 'gelicht')", name="status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    volgnummer: Mapped[int]
    jaren: Mapped[int]
    beslisdatum: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default="open")


class Contractwijziging(Base):
    """One entry of a contract's history: who changed what, when and why."""

    __tablename__ = "contractwijziging"
    __table_args__ = (
        UniqueConstraint("contract_id", "volgnummer"),
        CheckConstraint(
            "soort IN ('activering', 'wijziging', 'verlenging', 'beeindiging', 'ontbinding')",
            name="soort",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    volgnummer: Mapped[int]
    soort: Mapped[str] = mapped_column(String(20))
    reden: Mapped[str] = mapped_column(Text)
    # Per changed item its old and new value, e.g. {"einddatum": {"oud": ..., "nieuw": ...}}.
    wijzigingen: Mapped[dict[str, Any]] = mapped_column(JSONB)
    door: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Termijnmelding(Base):
    """That `contract-verloopt` went out for one deadline of a contract: at most once."""

    __tablename__ = "termijnmelding"
    __table_args__ = (UniqueConstraint("contract_id", "termijn", "termijndatum"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    termijn: Mapped[str] = mapped_column(String(20))
    termijndatum: Mapped[date]
    gemeld_at: Mapped[datetime] = mapped_column(default=utcnow)

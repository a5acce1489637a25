"""Read model of `contracting.contracten.v1`: the segment rules and who holds which contract."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.calendar import add_months
from wmo_common.events.common import Product


class Segment(Base):
    """The toegang rules of a segment, from the newest published verwervingsstrategie."""

    __tablename__ = "segment"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    versie: Mapped[int]
    bekostigingsmodel: Mapped[str] = mapped_column(String(20))
    max_indicatie_maanden: Mapped[int | None]
    is_individuele_beschikking: Mapped[bool]
    herindicatie_doorlooptijd_dagen: Mapped[int]
    # The acceptatieplicht: a client put forward gets a place within this many months.
    acceptatieplicht_maanden: Mapped[int | None]

    @property
    def is_lumpsum(self) -> bool:
        """Taakgericht without individual decisions: the coalition decides who gets what."""
        return self.bekostigingsmodel == "taakgericht" and not self.is_individuele_beschikking

    def einde_bereik(self, ingangsdatum: date) -> date | None:
        """The last day an indicatie starting on `ingangsdatum` may run in this segment."""
        if self.max_indicatie_maanden is None:
            return None
        return add_months(ingangsdatum, self.max_indicatie_maanden) - timedelta(days=1)

    def acceptatieplicht_dagen(self, aanmelddatum: date) -> int | None:
        """The days a client put forward on `aanmelddatum` may wait for a place; None: no
        acceptatieplicht in this segment."""
        if self.acceptatieplicht_maanden is None:
            return None
        return (add_months(aanmelddatum, self.acceptatieplicht_maanden) - aanmelddatum).days


class Contract(Base):
    """One contract as far as toegang needs it. A row may exist with only `beeindigd_per` set
    when the end arrived before the activation (arrival order carries no meaning)."""

    __tablename__ = "contract"
    __table_args__ = (
        Index("ix_contract_aanbieder_agbs", "aanbieder_agbs", postgresql_using="gin"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    contractnummer: Mapped[str | None] = mapped_column(String(100))
    segment_id: Mapped[uuid.UUID | None]
    # Every partij may receive toewijzingen; `partijen` keeps who has which rol.
    aanbieder_agbs: Mapped[list[str]] = mapped_column(ARRAY(String(8)), default=list)
    partijen: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    gebieden: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    # The contract's products: [{"categorie": "07", "code": "07A01" | null (whole category),
    # "intensiteiten": ["licht", ...] (empty: any), "gebieden": [...] (empty: all)}].
    producten: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    ingangsdatum: Mapped[date | None]
    einddatum: Mapped[date | None]
    beeindigd_per: Mapped[date | None]
    # When contracting recorded the version held here: an older version arriving later is ignored.
    version_at: Mapped[datetime | None]

    def product_entry(self, product: Product, gebied: str | None) -> dict[str, Any] | None:
        """The contract's entry for the product (or its whole category) in `gebied`, if any."""
        for code in (product.code, None):
            for entry in self.producten:
                if (
                    entry["categorie"] == product.categorie
                    and entry["code"] == code
                    and (not entry.get("gebieden") or gebied in entry["gebieden"])
                ):
                    return entry
        return None

    def offers(self, product: Product, gebied: str | None, intensiteit: str | None) -> bool:
        """Whether the contract offers the product in `gebied` at this intensiteit: a product
        not differentiated by intensiteit takes any; one that is needs one it names."""
        entry = self.product_entry(product, gebied)
        if entry is None:
            return False
        intensiteiten = entry.get("intensiteiten") or []
        return not intensiteiten or intensiteit in intensiteiten

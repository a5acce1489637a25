"""Declaraties (Wmo323) with the verdict on every prestatie, and the payment batches they feed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_finance.db import Base


class Declaratie(Base):
    """One received Wmo323, judged once (the gateway's bericht id makes it unique)."""

    __tablename__ = "declaratie"
    __table_args__ = (Index("ix_declaratie_aanbieder_nummer", "aanbieder_agb", "declaratienummer"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    bericht_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    berichtidentificatie: Mapped[str] = mapped_column(String(100))
    declaratienummer: Mapped[str] = mapped_column(String(20))
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    gemeentecode: Mapped[str] = mapped_column(String(4))
    declaratiedatum: Mapped[date]
    periode_begin: Mapped[date]
    periode_eind: Mapped[date]
    totaal_ingediend_cents: Mapped[int] = mapped_column(BigInteger)
    totaal_toegekend_cents: Mapped[int] = mapped_column(BigInteger)
    retourcode: Mapped[str] = mapped_column(String(4))
    beoordeeld_at: Mapped[datetime] = mapped_column(default=utcnow)


class Prestatie(Base):
    """One declared line and its verdict; approved debits count against the toewijzing."""

    __tablename__ = "prestatie"
    __table_args__ = (
        Index("ix_prestatie_aanbieder_referentie", "aanbieder_agb", "referentie"),
        Index("ix_prestatie_toewijzing_id", "toewijzing_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    declaratie_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("declaratie.id", ondelete="CASCADE"), index=True
    )
    volgnummer: Mapped[int]
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    referentie: Mapped[str] = mapped_column(String(20))
    vorige_referentie: Mapped[str | None] = mapped_column(String(20))
    toewijzingnummer: Mapped[str] = mapped_column(String(8))
    toewijzing_id: Mapped[uuid.UUID | None]
    client_pseudonym: Mapped[str] = mapped_column(String(64))
    categorie: Mapped[str] = mapped_column(String(2))
    code: Mapped[str | None] = mapped_column(String(5))
    begindatum: Mapped[date]
    einddatum: Mapped[date]
    geleverd_volume: Mapped[int] = mapped_column(BigInteger)
    eenheid: Mapped[str] = mapped_column(String(2))
    product_tarief_cents: Mapped[int] = mapped_column(BigInteger)
    ingediend_bedrag_cents: Mapped[int] = mapped_column(BigInteger)
    debet_credit: Mapped[str] = mapped_column(String(1))
    # False for the lines of a declaratie rejected as a whole: they count as never sent.
    is_beoordeeld: Mapped[bool]
    is_goedgekeurd: Mapped[bool]
    retourcodes: Mapped[list[str]] = mapped_column(ARRAY(String(4)))
    toegekend_bedrag_cents: Mapped[int] = mapped_column(BigInteger)
    is_gecrediteerd: Mapped[bool] = mapped_column(default=False)


@dataclass(slots=True)
class BeoordeeldePrestatie:
    """One judged line, as its `Prestatie` row holds it. Plain values, not an ORM object: judging
    a declaratie writes its lines with one insert (`repository.add_prestaties`); the unit of work
    would cost more than the rules themselves for a declaratie of a thousand lines."""

    id: uuid.UUID
    declaratie_id: uuid.UUID
    volgnummer: int
    aanbieder_agb: str
    referentie: str
    vorige_referentie: str | None
    toewijzingnummer: str
    toewijzing_id: uuid.UUID | None
    client_pseudonym: str
    categorie: str
    code: str | None
    begindatum: date
    einddatum: date
    geleverd_volume: int
    eenheid: str
    product_tarief_cents: int
    ingediend_bedrag_cents: int
    debet_credit: str
    is_beoordeeld: bool
    is_goedgekeurd: bool
    retourcodes: list[str]
    toegekend_bedrag_cents: int
    is_gecrediteerd: bool


class Betaalbatch(Base):
    """What one gemeente is to pay one aanbieder for one month: approved debit - credit of the
    declaraties of that declaratieperiode, plus what outputgericht financing made payable then
    (the 80 % at the start of care, the 20 % when a result is met)."""

    __tablename__ = "betaalbatch"
    __table_args__ = (UniqueConstraint("aanbieder_agb", "gemeentecode", "periode"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    gemeentecode: Mapped[str] = mapped_column(String(4))
    periode: Mapped[date]
    bedrag_cents: Mapped[int] = mapped_column(BigInteger)
    outputbetalingen_cents: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    aantal_prestaties: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

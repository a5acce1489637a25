from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_gateway.db import Base


class BerichtStatus(StrEnum):
    ONTVANGEN = "ontvangen"
    """Stored, not yet judged (a crash or time-out left it here: re-process it)."""
    GEACCEPTEERD = "geaccepteerd"
    """No findings: the retour is clean and the inbound event is published."""
    AFGEKEURD = "afgekeurd"
    """Findings: the retour carries their codes; nothing is published."""
    DUBBEL = "dubbel"
    """TR056: this aanbieder used the BerichtIdentificatie before for this berichtsoort; the
    retour holds only the header with 9056 and nothing else is done with it."""
    MISLUKT = "mislukt"
    """Judging failed for a transient reason (time-out); `fout` says which."""


class Bericht(Base):
    """One iWmo message received from an aanbieder, kept raw with what we made of it."""

    __tablename__ = "bericht"
    # TR056: Identificatie is unique per message type for the sender. A reuse is logged too
    # (status dubbel, answered with 9056), so only the first one holds the key.
    __table_args__ = (
        Index(
            "uq_bericht_berichtsleutel",
            "aanbieder_agb",
            "berichtsoort",
            "berichtidentificatie",
            unique=True,
            postgresql_where=sql_text("status <> 'dubbel'"),
        ),
        Index("ix_bericht_toewijzingnummers", "toewijzingnummers", postgresql_using="gin"),
        Index("ix_bericht_client_pseudonyms", "client_pseudonyms", postgresql_using="gin"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    berichtsoort: Mapped[str] = mapped_column(String(6), index=True)
    berichtidentificatie: Mapped[str] = mapped_column(String(12), index=True)
    dagtekening: Mapped[date]
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    gemeentecode: Mapped[str] = mapped_column(String(4))
    status: Mapped[str] = mapped_column(String(20), index=True)
    # The body exactly as posted (it holds BSNs: every read of it is audited).
    xml: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    retour_xml: Mapped[str | None] = mapped_column(Text)
    toewijzingnummers: Mapped[list[str]] = mapped_column(ARRAY(String(10)), default=list)
    client_pseudonyms: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list)
    # ReferentieAanbieder of a 315/317 (one per requested product of a 315), DeclaratieNummer of
    # a 323: what the later answer (301/319, 325) refers to.
    referenties: Mapped[list[str]] = mapped_column(ARRAY(String(36)), default=list)
    # The referenties of a 315/317 that access answered for good (toegekend or afgewezen): the
    # verzoek is open (TR374) while one of its referenties is not here.
    beantwoorde_referenties: Mapped[list[str]] = mapped_column(
        ARRAY(String(36)), default=list, server_default="{}"
    )
    fout: Mapped[str | None] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    processed_at: Mapped[datetime | None]
    # What we owe beyond the retour: the 325 of a 323, the 301/319 of a 315/317.
    antwoord_deadline: Mapped[date | None]
    beantwoord_at: Mapped[datetime | None]


class LeveringSoort(StrEnum):
    START = "start"
    STOP = "stop"


class Levering(Base):
    """One StartProduct (305) or StopProduct (307) of an accepted bericht: the starts and stops
    later ones are judged against (TR063, TR071, TR074, TR326, TR382, TR413-TR415).

    The product is the one the key names: the message's, completed from the toewijzing where
    the message left it out."""

    __tablename__ = "levering"
    __table_args__ = (
        Index("ix_levering_toewijzing", "gemeentecode", "toewijzingnummer", "client_pseudonym"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    bericht_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bericht.id"), index=True)
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    gemeentecode: Mapped[str] = mapped_column(String(4))
    client_pseudonym: Mapped[str] = mapped_column(String(64))
    soort: Mapped[str] = mapped_column(String(5))
    toewijzingnummer: Mapped[int] = mapped_column(BigInteger)
    product_categorie: Mapped[str] = mapped_column(String(2))
    product_code: Mapped[str | None] = mapped_column(String(5))
    begindatum: Mapped[date]
    reden_beeindiging: Mapped[str | None] = mapped_column(String(2))
    einddatum: Mapped[date | None]
    # The bericht whose StatusAanlevering 3 withdrew this start or stop (OP033, IV008).
    verwijderd_door: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("bericht.id"))


class Transportsleutel(Base):
    """An `Idempotency-Key` (HTTP) or StUF referentienummer (GGk) of a posted bericht: a retry
    with the same key and body gets the first answer again; it is no new iWmo message."""

    __tablename__ = "transportsleutel"
    __table_args__ = (UniqueConstraint("aanbieder_agb", "sleutel"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    aanbieder_agb: Mapped[str] = mapped_column(String(8))
    sleutel: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    bericht_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bericht.id"), index=True)
    # The first complete answer; empty while the bericht's judging has not finished.
    status_code: Mapped[int | None]
    antwoord: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Sequence, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.db import utcnow
from wmo_gateway.db import Base

# Numbers the BerichtIdentificatie of everything the gateway writes (301, 319, 325, retours).
BERICHTNUMMER = Sequence("uitgaand_bericht_nummer_seq", metadata=Base.metadata)


class UitgaandBericht(Base):
    """An iWmo message (Wmo301, Wmo306...) waiting for, or fetched by, its aanbieder."""

    __tablename__ = "uitgaand_bericht"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    aanbieder_agb: Mapped[str] = mapped_column(String(8), index=True)
    berichtsoort: Mapped[str] = mapped_column(String(10))
    # iWmo BerichtIdentificatie (LDT_IdentificatieBericht, at most 12 characters): unique per
    # sender, and this gateway is the only sender of these messages.
    berichtidentificatie: Mapped[str] = mapped_column(String(12), unique=True)
    xml: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None]
    # The received bericht this answers (a retour, a 325), if any.
    bericht_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("bericht.id"), index=True)
    client_pseudonyms: Mapped[list[str]] = mapped_column(
        ARRAY(String(64)), default=list, server_default="{}"
    )
    toewijzingnummers: Mapped[list[str]] = mapped_column(
        ARRAY(String(10)), default=list, server_default="{}"
    )
    # What the aanbieder's earlier message called it: the ReferentieAanbieder a 319 refuses or a
    # 301 honours, a 325's DeclaratieNummer; one answer per reference.
    referentie: Mapped[str | None] = mapped_column(String(36))
    # A 301 or 319 expects the aanbieder's retour (302/320) by this day; retours and 325s do not.
    retour_deadline: Mapped[date | None] = mapped_column(index=True)
    retour_ontvangen_at: Mapped[datetime | None]
    retour_codes: Mapped[list[str] | None] = mapped_column(ARRAY(String(4)))

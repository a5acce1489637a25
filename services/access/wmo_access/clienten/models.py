from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from wmo_access.db import Base
from wmo_common.db import utcnow


class Client(Base):
    __tablename__ = "client"
    # iWmo code list Geslacht (LDT_Geslacht): 0 onbekend, 1 man, 2 vrouw.
    __table_args__ = (
        CheckConstraint("geslacht IN ('0', '1', '2')", name="geslacht"),
        # iWmo AdresSoort 01 BRP, 02 correspondentie, 03 verblijf; 04 (tijdelijk) needs a period.
        CheckConstraint("adres_soort IN ('01', '02', '03')", name="adres_soort"),
        # An address is a postcode with a house number, or no address at all (iWmo TR006).
        CheckConstraint("(postcode IS NULL) = (huisnummer IS NULL)", name="adres_volledig"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    bsn: Mapped[str] = mapped_column(String(9), unique=True)
    # Keyed HMAC of the BSN: how other services and the audit log know this client.
    pseudonym: Mapped[str] = mapped_column(String(64), unique=True)
    voornamen: Mapped[str] = mapped_column(String(200))
    achternaam: Mapped[str] = mapped_column(String(200))
    voorvoegsel: Mapped[str | None] = mapped_column(String(10))
    voorletters: Mapped[str | None] = mapped_column(String(6))
    geboortedatum: Mapped[date]
    geslacht: Mapped[str] = mapped_column(String(1))
    gemeentecode: Mapped[str] = mapped_column(String(4))
    gebied: Mapped[str | None] = mapped_column(String(100))
    # Address and contact details, in the lengths iWmo carries them to the aanbieder.
    adres_soort: Mapped[str | None] = mapped_column(String(2))
    straatnaam: Mapped[str | None] = mapped_column(String(24))
    huisnummer: Mapped[int | None]
    huisletter: Mapped[str | None] = mapped_column(String(1))
    huisnummertoevoeging: Mapped[str | None] = mapped_column(String(4))
    postcode: Mapped[str | None] = mapped_column(String(8))
    plaatsnaam: Mapped[str | None] = mapped_column(String(80))
    landcode: Mapped[str | None] = mapped_column(String(2))
    telefoon: Mapped[str | None] = mapped_column(String(15))
    emailadres: Mapped[str | None] = mapped_column(String(80))
    versie: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": versie}  # noqa: RUF012

    @property
    def has_contact(self) -> bool:
        """Whether a Wmo301 can carry an address or phone number for this client (TR061)."""
        return self.postcode is not None or self.telefoon is not None

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from pydantic import Field

from wmo_common.schema import CamelModel


class WerkverdelingPartijRead(CamelModel):
    aanbieder_agb: str
    rol: str
    zorgdagen: int = Field(
        description="Dagen zorg in de periode op de toewijzingen die deze partij bedient, van "
        "start (Wmo305) tot stop (Wmo307)."
    )
    aandeel_cents: int = Field(description="Aandeel in de lumpsum naar geleverde zorg.")
    bijdrage_cents: int = Field(
        description="Wat de partij uit haar aandeel bijdraagt aan de centrale "
        "uitvoeringsorganisatie (gebiedsteams en backoffice)."
    )
    netto_cents: int = Field(description="Aandeel min bijdrage.")


class WerkverdelingRead(CamelModel):
    """How a coalition divides its lumpsum: each partij's share by the care it delivered, and
    the contribution it owes the coalition's central organisation. The gemeenten pay the
    hoofdaannemer the whole lumpsum; this statement is the coalition's own term."""

    contract_id: uuid.UUID
    contractnummer: str
    hoofdaannemer_agb: str | None
    van: date
    tot: date
    lumpsum_cents: int = Field(
        description="Som van de lumpsumtermijnen (alle gemeenten) waarvan de periode binnen "
        "van-tot valt."
    )
    uitvoeringsbijdrage_percentage: Decimal
    zorgdagen: int
    partijen: list[WerkverdelingPartijRead]
    bijdrage_totaal_cents: int = Field(description="Wat de centrale organisatie ontvangt.")
    niet_verdeeld_cents: int = Field(
        description="Lumpsum zonder geleverde zorg in de periode: nog niet toe te rekenen."
    )

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from wmo_common.schema import CamelModel


class PrestatieRead(CamelModel):
    """One judged line; the client is left out: finance answers about money, not about people."""

    referentie: str
    vorige_referentie: str | None
    toewijzingnummer: str
    categorie: str
    code: str | None
    begindatum: date
    einddatum: date
    geleverd_volume: int
    eenheid: str
    product_tarief_cents: int
    ingediend_bedrag_cents: int
    debet_credit: Literal["D", "C"]
    is_goedgekeurd: bool
    retourcodes: list[str] = Field(description="iWmo RetourCodes; leeg bij goedkeuring.")
    toegekend_bedrag_cents: int
    is_gecrediteerd: bool


class DeclaratieRead(CamelModel):
    id: uuid.UUID
    bericht_id: uuid.UUID
    declaratienummer: str
    aanbieder_agb: str
    gemeentecode: str
    declaratiedatum: date
    periode_begin: date
    periode_eind: date
    totaal_ingediend_cents: int
    totaal_toegekend_cents: int
    retourcode: str = Field(
        description="8001 volledig toegekend, 0200 per regel beoordeeld, 9333 nummer hergebruikt."
    )
    beoordeeld_at: datetime


class DeclaratieDetailRead(DeclaratieRead):
    prestaties: list[PrestatieRead]


class BetaalbatchRead(CamelModel):
    id: uuid.UUID
    aanbieder_agb: str
    gemeentecode: str = Field(description="De gemeente die betaalt.")
    periode: date = Field(description="Eerste dag van de declaratiemaand.")
    bedrag_cents: int = Field(
        description="Goedgekeurd debet min credit, plus wat outputgerichte bekostiging die "
        "maand betaalbaar stelde, in eurocent."
    )
    outputbetalingen_cents: int = Field(
        description="Het deel van het bedrag uit outputgerichte bekostiging (80 % bij start, "
        "20 % bij behaald resultaat)."
    )
    aantal_prestaties: int
    updated_at: datetime

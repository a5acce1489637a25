"""Events the iWmo gateway publishes for accepted inbound berichten."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from wmo_common.events.common import AGB, GEMEENTECODE, PSEUDONYM, Omvang, Product
from wmo_common.events.registry import Event
from wmo_common.schema import FrozenCamelModel

INBOUND = "gateway.inbound.v1"


class _Inbound(Event):
    topic = INBOUND
    subject_field = "bericht_id"

    bericht_id: uuid.UUID = Field(description="The gateway's id of the received bericht.")
    berichtidentificatie: str = Field(description="Identificatie from the message header.")
    aanbieder_agb: Annotated[str, AGB]
    gemeentecode: Annotated[str, GEMEENTECODE]


class ZorgGestart(_Inbound):
    """Wmo305: the aanbieder started delivering a toegewezen product."""

    event_type = "nl.wmo.berichten.zorg-gestart.v1"
    toewijzingnummer: str
    client_pseudonym: Annotated[str, PSEUDONYM]
    product: Product
    begindatum: date
    status_aanlevering: str = Field(pattern=r"^[0-9]$")


class ZorgGestopt(_Inbound):
    """Wmo307: the aanbieder stopped delivering a toegewezen product."""

    event_type = "nl.wmo.berichten.zorg-gestopt.v1"
    toewijzingnummer: str
    client_pseudonym: Annotated[str, PSEUDONYM]
    product: Product
    begindatum: date
    einddatum: date
    reden_beeindiging: str | None = Field(default=None, pattern=r"^[0-9]{2}$")
    status_aanlevering: str = Field(pattern=r"^[0-9]$")


class GevraagdProduct(FrozenCamelModel):
    product: Product
    ingangsdatum: date
    einddatum: date | None = None
    omvang: Omvang | None = None
    budget_cents: int | None = None
    toewijzingnummer: str | None = Field(default=None, description="For a 317: the one to change.")
    soort: Literal["aangevraagd", "ongewijzigd", "te-wijzigen", "nieuw"] | None = Field(
        default=None,
        description="Which part of the request: a 315's product, or a 317's unchanged, "
        "to-be-changed or new product (a 317 is judged as one package, OP308).",
    )


class VerzoekToewijzingOntvangen(_Inbound):
    """Wmo315: the aanbieder asks for a toewijzing; one event per AangevraagdProduct, each with its
    own ReferentieAanbieder, because each is answered on its own (a 301 or a 319)."""

    event_type = "nl.wmo.berichten.verzoek-toewijzing-ontvangen.v1"
    referentie: str
    client_pseudonym: Annotated[str, PSEUDONYM]
    producten: list[GevraagdProduct]


class VerzoekWijzigingOntvangen(_Inbound):
    """Wmo317: the aanbieder asks to change existing toewijzingen."""

    event_type = "nl.wmo.berichten.verzoek-wijziging-ontvangen.v1"
    referentie: str
    client_pseudonym: Annotated[str, PSEUDONYM]
    reden_verzoek: str | None = None
    producten: list[GevraagdProduct]


class Prestatie(FrozenCamelModel):
    """One declared line of a Wmo323."""

    referentie: str
    vorige_referentie: str | None = None
    toewijzingnummer: str
    client_pseudonym: Annotated[str, PSEUDONYM]
    product: Product
    begindatum: date
    einddatum: date
    geleverd_volume: int
    eenheid: str
    product_tarief_cents: int = Field(
        description="ProductTarief; 1 for Eenheid 83 (euro), where the volume is in cents."
    )
    ingediend_bedrag_cents: int
    debet_credit: Literal["D", "C"]


class DeclaratieOntvangen(_Inbound):
    """Wmo323: a declaratie, every prestatie of it, passed the gateway's checks."""

    event_type = "nl.wmo.berichten.declaratie-ontvangen.v1"
    declaratienummer: str
    declaratiedatum: date
    periode_begin: date
    periode_eind: date
    totaal_bedrag_cents: int = Field(
        description="Debit minus credit of the prestaties in this event; equal to the "
        "TotaalIngediendBedrag unless the gateway already rejected lines."
    )
    prestaties: list[Prestatie]
    totaal_ingediend_cents: int | None = Field(
        default=None,
        description="TotaalIngediendBedrag as the aanbieder declared it (debit positive, credit "
        "negative), also when the gateway already rejected lines; absent in older events.",
    )
    afgewezen_referenties: list[str] = Field(
        default_factory=list,
        description="ReferentieNummers of lines the gateway already rejected (their codes go "
        "into the Wmo325); they are not in `prestaties` and need no verdict from finance.",
    )

"""Events the provider-management service publishes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from pydantic import Field

from wmo_common.events.common import AGB, DecimalString, Product
from wmo_common.events.registry import Event
from wmo_common.schema import FrozenCamelModel

AANBIEDERS = "providers.aanbieders.v1"


class Capaciteit(FrozenCamelModel):
    product: Product
    plaatsen: int = Field(ge=0)


class _Aanbieder(Event):
    topic = AANBIEDERS
    subject_field = "aanbieder_id"

    aanbieder_id: uuid.UUID
    agb: Annotated[str, AGB]
    kvk_nummer: str | None = Field(default=None, pattern=r"^[0-9]{8}$")
    naam: str
    gebieden: list[str] = Field(default_factory=list)
    capaciteit: list[Capaciteit] = Field(default_factory=list)


class AanbiederGeregistreerd(_Aanbieder):
    """An aanbieder was registered."""

    event_type = "nl.wmo.aanbieders.aanbieder-geregistreerd.v1"


class AanbiederGewijzigd(_Aanbieder):
    """An aanbieder's details, gebieden or capaciteit changed."""

    event_type = "nl.wmo.aanbieders.aanbieder-gewijzigd.v1"


class AanbiederGesignaleerd(Event):
    """An aanbieder is flagged (below KPI target, quality); access steers referrals on it."""

    event_type = "nl.wmo.aanbieders.aanbieder-gesignaleerd.v1"
    topic = AANBIEDERS
    subject_field = "aanbieder_id"

    aanbieder_id: uuid.UUID
    signalering_id: uuid.UUID
    agb: Annotated[str, AGB]
    segment_id: uuid.UUID | None = None
    reden: str
    blokkeert_toewijzing: bool = False


class SignaleringOpgeheven(Event):
    """A signalering was lifted."""

    event_type = "nl.wmo.aanbieders.signalering-opgeheven.v1"
    topic = AANBIEDERS
    subject_field = "aanbieder_id"

    aanbieder_id: uuid.UUID
    signalering_id: uuid.UUID
    agb: Annotated[str, AGB]
    reden: str


class KwaliteitsdocumentVerloopt(Event):
    """A quality document (VOG, insurance, certificate...) nears its expiry date."""

    event_type = "nl.wmo.aanbieders.kwaliteitsdocument-verloopt.v1"
    topic = AANBIEDERS
    subject_field = "aanbieder_id"

    aanbieder_id: uuid.UUID
    kwaliteitsdocument_id: uuid.UUID
    agb: Annotated[str, AGB]
    soort: str
    vervaldatum: date
    dagen_resterend: int


class AanmeldstopAangekondigd(Event):
    """An aanbieder announced an aanmeldstop (Contractstandaarden Wmo art. 3.6): from
    `ingangsdatum` it takes no new clients for the product (empty: every product) in the gebied
    (empty: every gebied), until `einddatum` (empty: until ended)."""

    event_type = "nl.wmo.aanbieders.aanmeldstop-aangekondigd.v1"
    topic = AANBIEDERS
    subject_field = "aanbieder_id"

    aanbieder_id: uuid.UUID
    aanmeldstop_id: uuid.UUID
    agb: Annotated[str, AGB]
    product: Product | None = None
    gebied: str | None = None
    reden: str
    ingangsdatum: date
    einddatum: date | None = None


class AanmeldstopBeeindigd(Event):
    """An aanmeldstop ends: its last day is `einddatum` (before its ingangsdatum: it never took
    effect)."""

    event_type = "nl.wmo.aanbieders.aanmeldstop-beeindigd.v1"
    topic = AANBIEDERS
    subject_field = "aanbieder_id"

    aanbieder_id: uuid.UUID
    aanmeldstop_id: uuid.UUID
    agb: Annotated[str, AGB]
    einddatum: date
    reden: str | None = None


class PrestatiesBijgewerkt(Event):
    """An aanbieder's KPIs in a segment for a period, as evaluated: what access ranks referral
    advice on (waiting time from 301 to 305 against the segment's Treeknorm)."""

    event_type = "nl.wmo.aanbieders.prestaties-bijgewerkt.v1"
    topic = AANBIEDERS
    subject_field = "aanbieder_id"

    aanbieder_id: uuid.UUID
    agb: Annotated[str, AGB]
    segment_id: uuid.UUID
    periode: str
    gemiddelde_wachttijd_dagen: DecimalString | None = None
    treeknorm_dagen: int | None = None

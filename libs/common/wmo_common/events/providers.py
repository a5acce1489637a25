"""Events the provider-management service publishes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from pydantic import Field

from wmo_common.events.common import AGB, Product
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
    kvk_nummer: str | None = Field(default=None, pattern=r"^\d{8}$")
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

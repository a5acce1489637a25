"""Events the access service (toegang) publishes."""

from __future__ import annotations

import uuid
from datetime import date, time
from typing import Annotated, Literal

from pydantic import Field

from wmo_common.events.common import AGB, GEMEENTECODE, PSEUDONYM, Omvang, Product
from wmo_common.events.registry import Event
from wmo_common.schema import FrozenCamelModel

TOEWIJZINGEN = "access.toewijzingen.v1"
INDICATIES = "access.indicaties.v1"


class _Toewijzing(Event):
    """The full Wmo301 content of one toewijzing."""

    topic = TOEWIJZINGEN
    subject_field = "toewijzing_id"

    toewijzing_id: uuid.UUID
    toewijzingnummer: str = Field(pattern=r"^[0-9A-Za-z]{1,8}$")
    beschikking_id: uuid.UUID
    beschikkingnummer: str = Field(max_length=20)
    client_pseudonym: Annotated[str, PSEUDONYM]
    client_gegevens: str = Field(
        description="AES-GCM, for the gateway only: a JSON object with bsn, geboortedatum (ISO), "
        "geslacht, voornamen, achternaam and at least adres or telefoon (the Wmo301 needs one, "
        "TR061); see wmo_gateway.uitgaande_berichten.clientgegevens for every key."
    )
    gemeentecode: Annotated[str, GEMEENTECODE]
    aanbieder_agb: Annotated[str, AGB]
    product: Product
    ingangsdatum: date
    einddatum: date | None = None
    omvang: Omvang | None = None
    budget_cents: int | None = Field(default=None, ge=0)
    toewijzingsdatum: date
    segment_id: uuid.UUID | None = None
    gebied: str | None = None
    toewijzingstijd: time | None = Field(
        default=None,
        description="Dutch wall-clock time of this version; with toewijzingsdatum it names the "
        "current version of the Wmo301 line (IV013).",
    )
    referentie_aanbieder: str | None = Field(
        default=None,
        max_length=36,
        description="Referentie of the 315/317 this toewijzing honours.",
    )
    verzoek_id: uuid.UUID | None = None


class ToewijzingAfgegeven(_Toewijzing):
    """A toewijzing was issued to an aanbieder (a Wmo301 must go out)."""

    event_type = "nl.wmo.toewijzingen.toewijzing-afgegeven.v1"


class ToewijzingGewijzigd(_Toewijzing):
    """A toewijzing changed (iWmo RedenWijziging); the Wmo301 is resent."""

    event_type = "nl.wmo.toewijzingen.toewijzing-gewijzigd.v1"
    reden_wijziging: str = Field(pattern=r"^[0-9]{2}$")


class ToewijzingBeeindigd(_Toewijzing):
    """A toewijzing ended early or was withdrawn; the Wmo301 carries the new einddatum."""

    event_type = "nl.wmo.toewijzingen.toewijzing-beeindigd.v1"
    reden_wijziging: str = Field(pattern=r"^[0-9]{2}$")


class VerzoekBeantwoord(Event):
    """Access decided on a verzoek (315/317): granted (a 301 follows) or refused (a 319)."""

    event_type = "nl.wmo.toewijzingen.verzoek-beantwoord.v1"
    topic = TOEWIJZINGEN
    subject_field = "verzoek_id"

    verzoek_id: uuid.UUID
    soort: Literal["toewijzing", "wijziging"]
    bericht_referentie: str = Field(max_length=36, description="Referentie of the 315/317.")
    client_pseudonym: Annotated[str, PSEUDONYM]
    client_gegevens: str = Field(description="Encrypted for the gateway, as in a toewijzing.")
    gemeentecode: Annotated[str, GEMEENTECODE]
    aanbieder_agb: Annotated[str, AGB]
    toegekend: bool
    reden_afwijzing: str | None = Field(
        default=None,
        pattern=r"^[0-9]{2}$",
        description="iWmo RedenAfwijzingVerzoek, zero-padded to two digits ('03' = geen contract).",
    )
    toewijzingnummers: list[str] = Field(default_factory=list)


class VerzoekInOnderzoek(Event):
    """Access cannot decide a verzoek (315/317) yet: the aanbieder gets a Wmo319 with
    VerzoekAntwoord 2 ("in onderzoek"); the final answer (a 301 or a 319 "afgewezen") follows
    within 8 weeks of the verzoek as a verzoek-beantwoord. The verzoek stays open (TR374)."""

    event_type = "nl.wmo.toewijzingen.verzoek-in-onderzoek.v1"
    topic = TOEWIJZINGEN
    subject_field = "verzoek_id"

    verzoek_id: uuid.UUID
    soort: Literal["toewijzing", "wijziging"]
    bericht_referentie: str = Field(max_length=36, description="Referentie of the 315/317.")
    client_pseudonym: Annotated[str, PSEUDONYM]
    gemeentecode: Annotated[str, GEMEENTECODE]
    aanbieder_agb: Annotated[str, AGB]
    deadline: date = Field(description="The day by which the final answer is due.")


class ClientVerhuisd(Event):
    """A client with running toewijzingen moved within the region (perhaps to another of its
    gemeenten): the toewijzingen continue under the gemeente that issued them, and their Wmo301
    goes out again with the new address. Leaving the region is no such event: it ends the
    toewijzingen with reden 07, each as a toewijzing-beeindigd."""

    event_type = "nl.wmo.toewijzingen.client-verhuisd.v1"
    topic = TOEWIJZINGEN
    subject_field = "client_id"

    client_id: uuid.UUID
    client_pseudonym: Annotated[str, PSEUDONYM]
    client_gegevens: str = Field(description="Encrypted for the gateway, as in a toewijzing.")
    gemeentecode: Annotated[str, GEMEENTECODE] = Field(description="The client's new gemeente.")
    verhuisdatum: date


class Indicatieregel(FrozenCamelModel):
    indicatie_id: uuid.UUID
    product: Product
    intensiteit: Literal["licht", "midden", "zwaar"] | None = Field(
        default=None, description="The intensiteit indicated; its tarief prices the product."
    )
    ingangsdatum: date
    einddatum: date | None = None
    omvang: Omvang | None = None
    budget_cents: int | None = Field(default=None, ge=0)


class BeschikkingAfgegeven(Event):
    """A beschikking was issued with its granted indicaties; refused lines are never in it."""

    event_type = "nl.wmo.indicaties.beschikking-afgegeven.v1"
    topic = INDICATIES
    subject_field = "beschikking_id"

    beschikking_id: uuid.UUID
    client_pseudonym: Annotated[str, PSEUDONYM]
    gemeentecode: Annotated[str, GEMEENTECODE]
    segment_id: uuid.UUID | None = None
    afgegeven_op: date
    indicaties: list[Indicatieregel]


class IndicatieVerloopt(Event):
    """An indicatie ends within the segment's herindicatie lead time."""

    event_type = "nl.wmo.indicaties.indicatie-verloopt.v1"
    topic = INDICATIES
    subject_field = "indicatie_id"

    indicatie_id: uuid.UUID
    beschikking_id: uuid.UUID
    client_pseudonym: Annotated[str, PSEUDONYM]
    einddatum: date
    dagen_resterend: int = Field(ge=0)


class IndicatieVerlopen(Event):
    """An indicatie reached its einddatum without extension."""

    event_type = "nl.wmo.indicaties.indicatie-verlopen.v1"
    topic = INDICATIES
    subject_field = "indicatie_id"

    indicatie_id: uuid.UUID
    beschikking_id: uuid.UUID
    client_pseudonym: Annotated[str, PSEUDONYM]
    einddatum: date


class ResultaatGeevalueerd(Event):
    """A SMART resultaat of an ondersteuningsplan was evaluated; `behaald` says if it was met."""

    event_type = "nl.wmo.indicaties.resultaat-geevalueerd.v1"
    topic = INDICATIES
    subject_field = "resultaat_id"

    resultaat_id: uuid.UUID
    ondersteuningsplan_id: uuid.UUID
    client_pseudonym: Annotated[str, PSEUDONYM]
    toewijzing_id: uuid.UUID | None = None
    aanbieder_agb: Annotated[str | None, AGB] = None
    segment_id: uuid.UUID | None = None
    behaald: bool
    geevalueerd_op: date
    toewijzing_ids: list[uuid.UUID] = Field(
        default_factory=list,
        description="Every toewijzing whose held-back share (the 20 of 80/20) depends on this "
        "result; toewijzingId, aanbiederAgb and segmentId are set when they are one.",
    )

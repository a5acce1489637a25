from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Generic, Literal, TypeVar

from pydantic import Field

from wmo_access.aanvragen.schemas import AanvraagRead
from wmo_access.beschikkingen.schemas import BeschikkingRead
from wmo_access.clienten.schemas import ClientRead
from wmo_access.meldingen.schemas import MeldingRead
from wmo_access.ondersteuningsplannen.schemas import OndersteuningsplanRead
from wmo_access.onderzoeken.schemas import OnderzoekRead
from wmo_access.taken.schemas import TaakRead
from wmo_access.toewijzingen.schemas import ToewijzingRead
from wmo_access.verzoeken.schemas import VerzoekRead
from wmo_common.schema import CamelModel

T = TypeVar("T")
Termijnsoort = Literal["onderzoek", "beschikking", "verzoek"]


class Dossierlijst(CamelModel, Generic[T]):
    """The first items of one list of the dossier, how many there are, and where the rest is."""

    results: list[T]
    count: int = Field(description="Het aantal in totaal; `results` toont de eerste `pageSize`.")
    href: str | None = Field(
        description="De volledige lijst, gefilterd op deze cliënt (leeg: `results` is alles)."
    )

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        """`DossierlijstMeldingRead`: UpperCamelCase schema names in OpenAPI."""
        return cls.__name__ + "".join(param.__name__ for param in params)


class DossierToewijzing(ToewijzingRead):
    """A toewijzing with what its aanbieder reported: `leveringsstatus` gestart or gestopt with
    the dates of the Wmo305/307 and the stop's `redenBeeindiging`, and when it ended the iWmo
    reason (`redenWijziging`)."""

    aanbieder_naam: str | None = Field(description="Leeg als de aanbieder (nog) onbekend is.")


class Termijn(CamelModel):
    """A legal clock that is still running for this client."""

    soort: Termijnsoort = Field(
        description="onderzoek: 6 weken na de melding (Wmo 2.3.2); beschikking: 2 weken na de "
        "aanvraag (Wmo 2.3.5, Awb 4:13); verzoek: 5 werkdagen na ontvangst, 8 weken 'in "
        "onderzoek' (iWmo)."
    )
    id: uuid.UUID = Field(description="De melding, aanvraag of het verzoek waarvoor hij loopt.")
    href: str
    ingangsdatum: date
    uiterlijk: date
    resterende_dagen: int = Field(
        description="Kalenderdagen tot en met `uiterlijk`; negatief: te laat."
    )
    overschreden: bool


class DossierRead(CamelModel):
    client: ClientRead
    peildatum: date = Field(description="De dag waarop de termijnen zijn berekend (vandaag).")
    meldingen: Dossierlijst[MeldingRead]
    onderzoeken: Dossierlijst[OnderzoekRead]
    ondersteuningsplannen: Dossierlijst[OndersteuningsplanRead] = Field(
        description="Met de resultaten en hun evaluaties."
    )
    aanvragen: Dossierlijst[AanvraagRead]
    beschikkingen: Dossierlijst[BeschikkingRead] = Field(
        description="Met de indicaties, elk met haar besluit (toegekend of afgewezen, met grond)."
    )
    toewijzingen: Dossierlijst[DossierToewijzing]
    verzoeken: Dossierlijst[VerzoekRead]
    open_taken: Dossierlijst[TaakRead]
    termijnen: list[Termijn] = Field(description="De lopende wettelijke termijnen, vroegste eerst.")

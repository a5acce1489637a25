"""The Hart van Brabant transition rules (overgangsregeling Wmo begeleiding, 2023) as one
decision table: the client's situation and the moment decide the route.

Source: the coalition's information session of 24 November 2022 (seeds, "De overgangsregeling
1-3 van 3"). Before the transition date the current way of working holds and the herindicatie
ends preferably on 1 July, at the latest on 31 December of the transition year; for a client of
a subcontractor or of a provider whose subcontracting is unknown the slide adds "at most one
year" (the coalition's own clients are not bound by it). After the date the coalition takes over;
for a provider that is not (yet) a subcontractor the outcome is chosen per client."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from wmo_common.calendar import add_months


class Situatie(StrEnum):
    CLIENT_COALITIE = "client-coalitie"
    """Client of the coalition (combinanten and vaste partners)."""
    CLIENT_ONDERAANNEMER = "client-onderaannemer"
    """Client of a subcontractor of the coalition."""
    CLIENT_AANBIEDER_ONBEKEND = "client-aanbieder-onbekend"
    """Client of a provider of whom it is not yet known whether it becomes a subcontractor."""


class Moment(StrEnum):
    HERINDICATIE_VOOR = "herindicatie-voor-overgang"
    HERINDICATIE_NA = "herindicatie-na-overgang"
    NIEUWE_CLIENT_NA = "nieuwe-client-na-overgang"


class Route(StrEnum):
    HUIDIGE_WERKWIJZE = "huidige-werkwijze"
    COALITIE_BLIJFT = "coalitie-blijft"
    COALITIE_MET_ONDERAANNEMER = "coalitie-met-onderaannemer"
    KEUZE_ONDERAANNEMING = "keuze-onderaanneming"
    TOEGANG_NAAR_COALITIE = "toegang-naar-coalitie"
    PGB_HUIDIGE_WERKWIJZE = "pgb-huidige-werkwijze"


class Uitkomst(StrEnum):
    """How a case of a provider that is not a subcontractor ends (route keuze-onderaanneming)."""

    WORDT_ONDERAANNEMER = "wordt-onderaannemer"
    MAATWERKAFSPRAAK = "maatwerkafspraak"
    COALITIE_NEEMT_OVER = "coalitie-neemt-over"
    PGB_VIA_TOEGANG = "pgb-via-toegang"


@dataclass(frozen=True, slots=True)
class Regel:
    route: Route
    toelichting: str
    uitkomsten: tuple[Uitkomst, ...] = ()
    # End-date limits of a herindicatie before the transition date.
    begrensd: bool = False
    max_een_jaar: bool = False


_HUIDIG = (
    "Huidige werkwijze: de toegang oordeelt over de herindicatie en bepaalt ondersteuning en "
    "looptijd; de cliënt blijft bij de huidige aanbieder. Einddatum bij voorkeur 1 juli, "
    "uiterlijk 31 december van het overgangsjaar"
)
_NIEUW_ZIN = (
    "Via de lokale toegang naar het gebiedsteam en de coalitie, volgens de klantreis; bij een "
    "pgb blijft de huidige werkwijze."
)

TABEL: dict[tuple[Situatie, Moment], Regel] = {
    (Situatie.CLIENT_COALITIE, Moment.HERINDICATIE_VOOR): Regel(
        Route.HUIDIGE_WERKWIJZE, _HUIDIG + ".", begrensd=True
    ),
    (Situatie.CLIENT_ONDERAANNEMER, Moment.HERINDICATIE_VOOR): Regel(
        Route.HUIDIGE_WERKWIJZE,
        _HUIDIG + ", en ten hoogste één jaar.",
        begrensd=True,
        max_een_jaar=True,
    ),
    (Situatie.CLIENT_AANBIEDER_ONBEKEND, Moment.HERINDICATIE_VOOR): Regel(
        Route.HUIDIGE_WERKWIJZE,
        _HUIDIG + ", en ten hoogste één jaar.",
        begrensd=True,
        max_een_jaar=True,
    ),
    (Situatie.CLIENT_COALITIE, Moment.HERINDICATIE_NA): Regel(
        Route.COALITIE_BLIJFT,
        "Nieuwe werkwijze: de cliënt blijft bij de coalitie, die bepaalt wat de cliënt nodig "
        "heeft en wie het levert; bij twijfel overlegt de coalitie met de toegang.",
    ),
    (Situatie.CLIENT_ONDERAANNEMER, Moment.HERINDICATIE_NA): Regel(
        Route.COALITIE_MET_ONDERAANNEMER,
        "De coalitie neemt de cliënt over; de huidige aanbieder levert als onderaannemer volgens "
        "de nieuwe werkwijze die met de coalitie is afgesproken.",
    ),
    (Situatie.CLIENT_AANBIEDER_ONBEKEND, Moment.HERINDICATIE_NA): Regel(
        Route.KEUZE_ONDERAANNEMING,
        "De coalitie neemt de cliënt over. Wordt de aanbieder alsnog onderaannemer, dan geldt "
        "de nieuwe werkwijze; zo niet, dan maakt de coalitie een maatwerkafspraak met de "
        "aanbieder, of neemt de coalitie de cliënt over en stopt de oude aanbieder, of kiest "
        "een vaardige cliënt een pgb en gaat terug naar de toegang.",
        uitkomsten=tuple(Uitkomst),
    ),
    **{
        (situatie, Moment.NIEUWE_CLIENT_NA): Regel(Route.TOEGANG_NAAR_COALITIE, _NIEUW_ZIN)
        for situatie in Situatie
    },
}


def regel(situatie: Situatie, moment: Moment, *, is_pgb: bool = False) -> Regel:
    """The rule of one cell; a new client with a pgb keeps the current way of working."""
    if moment is Moment.NIEUWE_CLIENT_NA and is_pgb:
        return Regel(
            Route.PGB_HUIDIGE_WERKWIJZE,
            "Pgb: de huidige werkwijze blijft; producten worden toegekend zoals de verordening "
            "Wmo voorschrijft.",
        )
    return TABEL[(situatie, moment)]


@dataclass(frozen=True, slots=True)
class Einddatumgrenzen:
    voorkeur: date
    uiterlijk: date


def einddatumgrenzen(
    gekozen: Regel, overgangsdatum: date, ingangsdatum: date
) -> Einddatumgrenzen | None:
    """Preferred and latest end date of a herindicatie under the rule; None when unbounded."""
    if not gekozen.begrensd:
        return None
    voorkeur = add_months(overgangsdatum, 6)
    uiterlijk = add_months(overgangsdatum, 12) - timedelta(days=1)
    if gekozen.max_een_jaar:
        uiterlijk = min(uiterlijk, add_months(ingangsdatum, 12) - timedelta(days=1))
    return Einddatumgrenzen(voorkeur=min(voorkeur, uiterlijk), uiterlijk=uiterlijk)

"""Build the messages the suite sends itself: WMO301 (access), WMO319 (access), WMO325 (finance).

Each builder fills the fixed header fields and refuses a message that would be
rejected by its receiver at level 1 or 2 (raises `InvalidMessage`).
"""

from collections.abc import Sequence
from datetime import date

from iwmo.findings import InvalidMessage, Level
from iwmo.models import (
    Antwoord,
    Bericht,
    BerichtIdentificatie,
    Client301,
    HeaderVanGemeente,
    ToegewezenProduct,
    Wmo301,
    Wmo319,
)
from iwmo.rules import check_message
from iwmo.writer import write_message


def ensure_valid(message: Bericht) -> bytes:
    """The XML of `message`, or `InvalidMessage` with every level-1 and level-2 finding."""
    xml = write_message(message)
    problems = [f for f in check_message(message, today=date.max) if f.level is Level.BERICHT]
    if problems:
        raise InvalidMessage(problems)
    return xml


def header_van_gemeente(
    message_type: type[Bericht],
    *,
    gemeente: str,
    aanbieder: str,
    identificatie: str,
    dagtekening: date,
) -> HeaderVanGemeente:
    return HeaderVanGemeente(
        bericht_code=message_type.CODE,
        afzender=gemeente,
        ontvanger=aanbieder,
        bericht_identificatie=BerichtIdentificatie(
            identificatie=identificatie, dagtekening=dagtekening
        ),
    )


def build_wmo301(
    *,
    gemeente: str,
    aanbieder: str,
    identificatie: str,
    dagtekening: date,
    client: Client301,
    producten: Sequence[ToegewezenProduct] | None = None,
) -> Wmo301:
    """A Toewijzingbericht; `producten` (when given) replaces the client's ToegewezenProducten.

    OP087: it must hold all assignments of this client at this provider valid on
    or after `dagtekening`, plus every assignment changed since the previous 301.
    """
    if producten is not None:
        client = Client301(
            **{name: getattr(client, name) for name in client.__dataclass_fields__}
            | {"toegewezen_producten": tuple(producten)}
        )
    message = Wmo301(
        header=header_van_gemeente(
            Wmo301,
            gemeente=gemeente,
            aanbieder=aanbieder,
            identificatie=identificatie,
            dagtekening=dagtekening,
        ),
        client=client,
    )
    ensure_valid(message)
    return message


def build_wmo319(
    *,
    gemeente: str,
    aanbieder: str,
    identificatie: str,
    dagtekening: date,
    referentie_aanbieder: str,
    verzoek_antwoord: str,
    reden_afwijzing_verzoek: str | None = None,
) -> Wmo319:
    """An Antwoordbericht: 1 = afgewezen (with a reason), 2 = in onderzoek (without)."""
    message = Wmo319(
        header=header_van_gemeente(
            Wmo319,
            gemeente=gemeente,
            aanbieder=aanbieder,
            identificatie=identificatie,
            dagtekening=dagtekening,
        ),
        antwoord=Antwoord(
            referentie_aanbieder=referentie_aanbieder,
            verzoek_antwoord=verzoek_antwoord,
            reden_afwijzing_verzoek=reden_afwijzing_verzoek,
        ),
    )
    ensure_valid(message)
    return message

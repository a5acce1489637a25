"""What a received message says, as the gateway needs it: its parties, the toewijzingen and
clients it names, and the `gateway.inbound.v1` events an accepted message becomes."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from iwmo import Bericht
from iwmo.models import (
    HeaderVanAanbieder,
    RetourHeaderVanGemeente,
    Wmo302,
    Wmo305,
    Wmo307,
    Wmo315,
    Wmo317,
    Wmo320,
    Wmo323,
)
from iwmo.models import Omvang as IwmoOmvang
from iwmo.models import Product as IwmoProduct
from wmo_common.events import gateway as ev
from wmo_common.events.common import Omvang, Product
from wmo_common.events.registry import Event
from wmo_gateway.leesmodellen.toewijzingen.models import Toewijzing

# What an aanbieder may send us: its heen-berichten and its retours on our 301 and 319.
INKOMEND: tuple[type[Bericht], ...] = (Wmo305, Wmo307, Wmo315, Wmo317, Wmo323, Wmo302, Wmo320)
RETOUREN: tuple[type[Bericht], ...] = (Wmo302, Wmo320)


@dataclass(frozen=True)
class Kop:
    """The header facts of a received message, whichever way its header is shaped."""

    berichtsoort: str
    berichtidentificatie: str
    aanbieder_agb: str
    gemeentecode: str


def kop(message: Bericht) -> Kop:
    header = message.header
    if isinstance(header, RetourHeaderVanGemeente):
        # A 302/320 copies our header unchanged (IV028): the aanbieder is its Ontvanger, and it
        # is identified by its own IdentificatieRetour.
        return Kop(
            type(message).BERICHT, header.identificatie_retour, header.ontvanger, header.afzender
        )
    if not isinstance(header, HeaderVanAanbieder):
        raise TypeError(type(message).BERICHT)
    return Kop(
        type(message).BERICHT,
        header.bericht_identificatie.identificatie,
        header.afzender,
        header.ontvanger,
    )


def toewijzingnummers(message: Bericht) -> list[int]:
    """Every ToewijzingNummer the message names, in order, once each."""
    found: list[int | None] = []
    if isinstance(message, Wmo305):
        found = [p.toewijzing_nummer for p in message.client.start_producten]
    elif isinstance(message, Wmo307):
        found = [p.toewijzing_nummer for p in message.client.stop_producten]
    elif isinstance(message, Wmo317):
        verzoek = message.client.verzoek
        found = [p.toewijzing_nummer for p in verzoek.ongewijzigde_producten]
        found += [p.toewijzing_nummer for p in verzoek.te_wijzigen_producten]
    elif isinstance(message, Wmo323):
        found = [p.toewijzing_nummer for c in message.declaratie.clienten for p in c.prestaties]
    return list(dict.fromkeys(n for n in found if n is not None))


def bsns(message: Bericht) -> list[str]:
    if isinstance(message, Wmo305 | Wmo307 | Wmo315 | Wmo317):
        return [message.client.bsn]
    if isinstance(message, Wmo323):
        return list(dict.fromkeys(c.bsn for c in message.declaratie.clienten))
    return []


def referenties(message: Bericht) -> list[str]:
    """What a later answer refers to: a 315's or 317's ReferentieAanbieder, a 323's number."""
    if isinstance(message, Wmo315):
        return [p.referentie_aanbieder for p in message.client.aangevraagde_producten]
    if isinstance(message, Wmo317):
        return [message.client.verzoek.referentie_aanbieder]
    if isinstance(message, Wmo323):
        return [message.declaratie.declaratie_nummer]
    return []


def _product(product: IwmoProduct | None, toewijzing: Toewijzing | None) -> Product | None:
    if product is not None:
        return Product(categorie=product.categorie, code=product.code)
    if toewijzing is not None:
        return Product(categorie=toewijzing.product_categorie, code=toewijzing.product_code)
    return None


def _omvang(omvang: IwmoOmvang | None) -> Omvang | None:
    if omvang is None:
        return None
    return Omvang(volume=omvang.volume, eenheid=omvang.eenheid, frequentie=omvang.frequentie)


class NietTeVertalen(ValueError):
    """An accepted message lacks what its event needs (e.g. a generic request without product)."""


def _required(product: Product | None) -> Product:
    if product is None:
        raise NietTeVertalen("een product zonder Product en zonder bekende toewijzing")
    return product


def inbound_events(
    message: Bericht,
    *,
    bericht_id: uuid.UUID,
    toewijzingen: Mapping[int, Toewijzing],
    pseudonymise: Callable[[str], str],
    afgewezen_referenties: frozenset[str] = frozenset(),
) -> list[Event]:
    """The events of an accepted message; clients are named by pseudonym, never by BSN.

    For a 323, lines in `afgewezen_referenties` (rejected by the gateway) are left out.
    """
    head = kop(message)
    common = {
        "bericht_id": bericht_id,
        "berichtidentificatie": head.berichtidentificatie,
        "aanbieder_agb": head.aanbieder_agb,
        "gemeentecode": head.gemeentecode,
    }
    events: list[Event] = []
    if isinstance(message, Wmo305):
        pseudonym = pseudonymise(message.client.bsn)
        for start in message.client.start_producten:
            t = toewijzingen.get(start.toewijzing_nummer) if start.toewijzing_nummer else None
            events.append(
                ev.ZorgGestart(
                    **common,
                    toewijzingnummer=t.toewijzingnummer if t else str(start.toewijzing_nummer),
                    client_pseudonym=pseudonym,
                    product=_required(_product(start.product, t)),
                    begindatum=start.begindatum,
                    status_aanlevering=start.status_aanlevering,
                )
            )
    elif isinstance(message, Wmo307):
        pseudonym = pseudonymise(message.client.bsn)
        for stop in message.client.stop_producten:
            t = toewijzingen.get(stop.toewijzing_nummer) if stop.toewijzing_nummer else None
            events.append(
                ev.ZorgGestopt(
                    **common,
                    toewijzingnummer=t.toewijzingnummer if t else str(stop.toewijzing_nummer),
                    client_pseudonym=pseudonym,
                    product=_required(_product(stop.product, t)),
                    begindatum=stop.begindatum,
                    einddatum=stop.einddatum,
                    reden_beeindiging=stop.reden_beeindiging,
                    status_aanlevering=stop.status_aanlevering,
                )
            )
    elif isinstance(message, Wmo315):
        pseudonym = pseudonymise(message.client.bsn)
        for aangevraagd in message.client.aangevraagde_producten:
            gevraagd = ev.GevraagdProduct(
                product=_required(_product(aangevraagd.product, None)),
                ingangsdatum=aangevraagd.toewijzing_ingangsdatum,
                einddatum=aangevraagd.toewijzing_einddatum,
                omvang=_omvang(aangevraagd.omvang),
                budget_cents=aangevraagd.budget,
                soort="aangevraagd",
            )
            events.append(
                ev.VerzoekToewijzingOntvangen(
                    **common,
                    referentie=aangevraagd.referentie_aanbieder,
                    client_pseudonym=pseudonym,
                    producten=[gevraagd],
                )
            )
    elif isinstance(message, Wmo317):
        events.append(_verzoek_wijziging(message, common, toewijzingen, pseudonymise))
    elif isinstance(message, Wmo323):
        events.append(
            _declaratie(message, common, toewijzingen, pseudonymise, afgewezen_referenties)
        )
    return events


def _verzoek_wijziging(
    message: Wmo317,
    common: dict[str, object],
    toewijzingen: Mapping[int, Toewijzing],
    pseudonymise: Callable[[str], str],
) -> ev.VerzoekWijzigingOntvangen:
    verzoek = message.client.verzoek
    producten: list[ev.GevraagdProduct] = []
    for ongewijzigd in verzoek.ongewijzigde_producten:
        t = toewijzingen[ongewijzigd.toewijzing_nummer]
        producten.append(
            ev.GevraagdProduct(
                product=_required(_product(None, t)),
                ingangsdatum=t.ingangsdatum,
                einddatum=t.einddatum,
                toewijzingnummer=t.toewijzingnummer,
                soort="ongewijzigd",
            )
        )
    for wijziging in verzoek.te_wijzigen_producten:
        t = toewijzingen[wijziging.toewijzing_nummer]
        producten.append(
            ev.GevraagdProduct(
                product=_required(_product(None, t)),
                ingangsdatum=wijziging.gewenste_ingangsdatum,
                einddatum=wijziging.einddatum,
                omvang=_omvang(wijziging.omvang),
                budget_cents=wijziging.budget,
                toewijzingnummer=t.toewijzingnummer,
                soort="te-wijzigen",
            )
        )
    for nieuw in verzoek.nieuwe_producten:
        producten.append(
            ev.GevraagdProduct(
                product=_required(_product(nieuw.product, None)),
                ingangsdatum=nieuw.gewenste_ingangsdatum,
                einddatum=nieuw.einddatum,
                omvang=_omvang(nieuw.omvang),
                budget_cents=nieuw.budget,
                soort="nieuw",
            )
        )
    return ev.VerzoekWijzigingOntvangen(
        **common,
        referentie=verzoek.referentie_aanbieder,
        client_pseudonym=pseudonymise(message.client.bsn),
        reden_verzoek=verzoek.reden_verzoek,
        producten=producten,
    )


def _declaratie(
    message: Wmo323,
    common: dict[str, object],
    toewijzingen: Mapping[int, Toewijzing],
    pseudonymise: Callable[[str], str],
    afgewezen: frozenset[str],
) -> ev.DeclaratieOntvangen:
    declaratie = message.declaratie
    prestaties: list[ev.Prestatie] = []
    for client in declaratie.clienten:
        pseudonym = pseudonymise(client.bsn)
        for line in client.prestaties:
            referentie = line.product_referentie.referentie_nummer
            if referentie in afgewezen:
                continue
            prestaties.append(
                ev.Prestatie(
                    referentie=referentie,
                    vorige_referentie=line.product_referentie.vorig_referentie_nummer,
                    toewijzingnummer=toewijzingen[line.toewijzing_nummer].toewijzingnummer,
                    client_pseudonym=pseudonym,
                    product=Product(categorie=line.product_categorie, code=line.product_code),
                    begindatum=line.product_periode.begindatum,
                    einddatum=line.product_periode.einddatum,
                    geleverd_volume=line.geleverd_volume,
                    eenheid=line.eenheid,
                    # CD087: no ProductTarief only with Eenheid 83 (euro): the volume is in cents.
                    product_tarief_cents=line.product_tarief
                    if line.product_tarief is not None
                    else 1,
                    ingediend_bedrag_cents=line.ingediend_bedrag.bedrag,
                    debet_credit="C" if line.ingediend_bedrag.debet_credit == "C" else "D",
                )
            )
    totaal = sum(
        -p.ingediend_bedrag_cents if p.debet_credit == "C" else p.ingediend_bedrag_cents
        for p in prestaties
    )
    ingediend = declaratie.totaal_ingediend_bedrag
    return ev.DeclaratieOntvangen(
        **common,
        declaratienummer=declaratie.declaratie_nummer,
        declaratiedatum=declaratie.declaratie_dagtekening,
        periode_begin=declaratie.declaratie_periode.begindatum,
        periode_eind=declaratie.declaratie_periode.einddatum,
        totaal_bedrag_cents=totaal,
        totaal_ingediend_cents=-ingediend.totaal_bedrag
        if ingediend.debet_credit == "C"
        else ingediend.totaal_bedrag,
        prestaties=prestaties,
        afgewezen_referenties=sorted(afgewezen),
    )

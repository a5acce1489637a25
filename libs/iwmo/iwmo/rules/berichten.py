"""Level-2 rules (code 0001) of the assignment, start/stop and request messages."""

import re
from collections.abc import Iterator
from typing import Final

from iwmo.findings import Finding
from iwmo.models import (
    Contact,
    VolledigeNaam,
    Wmo301,
    Wmo305,
    Wmo307,
    Wmo315,
    Wmo317,
    Wmo319,
)
from iwmo.rules.common import (
    Aanvraag,
    Periode,
    check_bsn,
    check_frequentie,
    check_geboortedatum,
    check_omvang_budget,
    check_overlap,
    check_unique,
    end_not_before_start,
    level2,
    not_after,
)

# CS089: the standard asks for "the format of a Dutch postcode" without a regex.
_POSTCODE_NL: Final = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
_TOEGEWEZEN: Final = "/Bericht/Client/ToegewezenProducten/ToegewezenProduct"


def _check_naam(naam: VolledigeNaam, path: str, *, is_client: bool) -> Iterator[Finding]:
    allowed = {"1", "2", "3", "4"} if naam.partnernaam is not None else {"1", "6"}
    if naam.naam_gebruik not in allowed:
        yield level2("CS050", f"{path}/NaamGebruik", "NaamGebruik past niet bij Partnernaam")
    if is_client and naam.naam_gebruik == "6":
        yield level2("CS318", f"{path}/NaamGebruik", "NaamGebruik 6 niet voor een client")


def _check_contact(contact: Contact, path: str) -> Iterator[Finding]:
    adres = contact.adres
    postcode = adres.postcode if adres else None
    land = adres.land_code if adres else None
    if (postcode is None) != (land is None):
        yield level2("CD005", f"{path}/Adres/LandCode", "LandCode hoort precies bij een Postcode")
    if land == "NL" and (adres is None or adres.huis is None):
        yield level2("CD025", f"{path}/Adres/Huis", "bij LandCode NL is Huis verplicht")
    if contact.soort in {"01", "03"} and postcode is None:
        yield level2("CD034", f"{path}/Adres/Postcode", "bij dit soort adres is Postcode verplicht")
    if land == "NL" and postcode is not None and not _POSTCODE_NL.fullmatch(postcode):
        yield level2("CS089", f"{path}/Adres/Postcode", "geen Nederlandse postcode")
    if contact.periode is not None:
        if contact.soort != "04":
            yield level2("CD009", f"{path}/Periode", "Periode alleen bij een tijdelijk adres")
        yield from end_not_before_start(
            "CS003", contact.periode.begindatum, contact.periode.einddatum, f"{path}/Periode"
        )
    has_huis_postcode = adres is not None and adres.huis is not None and postcode is not None
    if contact.telefoon is None and not has_huis_postcode:
        yield level2("TR006", path, "Contact vraagt Telefoon of Huis met Postcode")


def check_301(message: Wmo301) -> Iterator[Finding]:
    client = message.client
    dagtekening = message.header.bericht_identificatie.dagtekening
    yield from check_bsn(client.bsn, "/Bericht/Client/Bsn")
    yield from check_geboortedatum(
        client.geboortedatum, dagtekening, "/Bericht/Client/Geboortedatum"
    )
    yield from _check_naam(client.naam, "/Bericht/Client/Naam", is_client=True)
    communicatie = client.communicatie
    if communicatie is not None and (communicatie.vorm == "1") != (communicatie.taal is not None):
        yield level2("CD007", "/Bericht/Client/Communicatie/Taal", "Taal hoort precies bij Vorm 1")
    for index, relatie in enumerate(client.relaties, start=1):
        path = f"/Bericht/Client/Relaties/Relatie[{index}]"
        if relatie.geboortedatum is not None:
            yield from check_geboortedatum(
                relatie.geboortedatum, dagtekening, f"{path}/Geboortedatum"
            )
        yield from _check_naam(relatie.naam, f"{path}/Naam", is_client=False)
        yield from _check_contact(relatie.contact, f"{path}/Contact")
    yield from check_unique(
        "TR101",
        (
            (relatie.nummer, f"/Bericht/Client/Relaties/Relatie[{i}]")
            for i, relatie in enumerate(client.relaties, 1)
        ),
        "Relatie",
    )
    contact_paths = [
        (contact, f"/Bericht/Client/Contactgegevens/Contact[{i}]")
        for i, contact in enumerate(client.contactgegevens, start=1)
    ]
    for contact, path in contact_paths:
        yield from _check_contact(contact, path)
    yield from check_unique("TR101", ((c.soort, p) for c, p in contact_paths), "Contact")
    if not any(contact.soort in {"01", "02", "03"} for contact in client.contactgegevens):
        yield level2(
            "TR061",
            "/Bericht/Client/Contactgegevens",
            "geen BRP-, correspondentie- of verblijfadres",
        )
    periodes: list[Periode] = []
    for index, product in enumerate(client.toegewezen_producten, start=1):
        path = f"{_TOEGEWEZEN}[{index}]"
        yield from not_after(
            "TR134", product.toewijzingsdatum, dagtekening, f"{path}/Toewijzingsdatum"
        )
        yield from end_not_before_start(
            "CS003", product.ingangsdatum, product.einddatum, f"{path}/Einddatum"
        )
        if product.reden_wijziging == "13" and product.einddatum != product.ingangsdatum:
            yield level2(
                "CS335", f"{path}/RedenWijziging", "reden 13 vraagt Einddatum = Ingangsdatum"
            )
        if product.reden_wijziging == "01":
            yield level2("CS336", f"{path}/RedenWijziging", "RedenWijziging 01 is vervallen")
        yield from check_omvang_budget(
            Aanvraag(
                product.product,
                product.einddatum,
                product.omvang,
                product.budget,
                path,
                "Einddatum",
            ),
            product_required=True,
            code_rule="CD080",
        )
        yield from check_frequentie("CS338", product.omvang, product.einddatum, path)
        deleted = product.einddatum == product.ingangsdatum and product.reden_wijziging in {
            "01",
            "13",
        }
        if not deleted:
            periodes.append(Periode(product.product, product.ingangsdatum, product.einddatum, path))
    yield from check_overlap("TR302", periodes)
    yield from check_unique(
        "TR101",
        (
            (p.toewijzing_nummer, f"{_TOEGEWEZEN}[{i}]")
            for i, p in enumerate(client.toegewezen_producten, 1)
        ),
        "ToewijzingNummer",
    )


def _check_status(status: str, path: str) -> Iterator[Finding]:
    if status not in {"1", "3"}:
        yield level2("CS058", f"{path}/StatusAanlevering", "StatusAanlevering moet 1 of 3 zijn")


def check_305(message: Wmo305) -> Iterator[Finding]:
    client = message.client
    dagtekening = message.header.bericht_identificatie.dagtekening
    yield from check_bsn(client.bsn, "/Bericht/Client/Bsn")
    yield from check_geboortedatum(
        client.geboortedatum, dagtekening, "/Bericht/Client/Geboortedatum"
    )
    keys = []
    for index, start in enumerate(client.start_producten, start=1):
        path = f"/Bericht/Client/StartProducten/StartProduct[{index}]"
        yield from _check_status(start.status_aanlevering, path)
        yield from not_after("TR134", start.begindatum, dagtekening, f"{path}/Begindatum")
        key = (start.toewijzing_nummer, start.product, start.begindatum, start.status_aanlevering)
        keys.append((key, path))
    yield from check_unique("TR101", keys, "StartProduct")


def check_307(message: Wmo307) -> Iterator[Finding]:
    client = message.client
    dagtekening = message.header.bericht_identificatie.dagtekening
    yield from check_bsn(client.bsn, "/Bericht/Client/Bsn")
    yield from check_geboortedatum(
        client.geboortedatum, dagtekening, "/Bericht/Client/Geboortedatum"
    )
    keys = []
    for index, stop in enumerate(client.stop_producten, start=1):
        path = f"/Bericht/Client/StopProducten/StopProduct[{index}]"
        yield from _check_status(stop.status_aanlevering, path)
        yield from end_not_before_start(
            "TR018", stop.begindatum, stop.einddatum, f"{path}/Einddatum"
        )
        yield from not_after("TR134", stop.einddatum, dagtekening, f"{path}/Einddatum")
        key = (
            stop.toewijzing_nummer,
            stop.product,
            stop.begindatum,
            stop.reden_beeindiging,
            stop.einddatum,
            stop.status_aanlevering,
        )
        keys.append((key, path))
    yield from check_unique("TR101", keys, "StopProduct")


def check_315(message: Wmo315) -> Iterator[Finding]:
    client = message.client
    dagtekening = message.header.bericht_identificatie.dagtekening
    yield from check_bsn(client.bsn, "/Bericht/Client/Bsn")
    yield from check_geboortedatum(
        client.geboortedatum, dagtekening, "/Bericht/Client/Geboortedatum"
    )
    periodes: list[Periode] = []
    references = []
    for index, product in enumerate(client.aangevraagde_producten, start=1):
        path = f"/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[{index}]"
        references.append((product.referentie_aanbieder, path))
        yield from end_not_before_start(
            "CS003",
            product.toewijzing_ingangsdatum,
            product.toewijzing_einddatum,
            f"{path}/ToewijzingEinddatum",
        )
        if (product.beschikking_nummer is None) != (product.beschikking_ingangsdatum is None):
            yield level2(
                "CD043", f"{path}/BeschikkingIngangsdatum", "hoort precies bij BeschikkingNummer"
            )
        yield from not_after(
            "TR134",
            product.beschikking_ingangsdatum,
            dagtekening,
            f"{path}/BeschikkingIngangsdatum",
        )
        verwijzer = product.verwijzer
        if verwijzer.type in {"02", "03", "04", "05"}:
            if verwijzer.zorgverlener_code is not None and verwijzer.naam is not None:
                yield level2(
                    "CD066", f"{path}/Verwijzer/Naam", "Naam leeg laten bij ZorgverlenerCode"
                )
            if verwijzer.zorgverlener_code is None and verwijzer.naam is None:
                yield level2(
                    "CD067", f"{path}/Verwijzer/Naam", "Naam of ZorgverlenerCode verplicht"
                )
        elif verwijzer.zorgverlener_code is not None:
            yield level2(
                "CD068", f"{path}/Verwijzer/ZorgverlenerCode", "niet bij dit type verwijzer"
            )
        yield from check_omvang_budget(
            Aanvraag(
                product.product,
                product.toewijzing_einddatum,
                product.omvang,
                product.budget,
                path,
                "ToewijzingEinddatum",
            ),
            product_required=True,
            code_rule="CD095",
        )
        yield from check_frequentie("CS343", product.omvang, product.toewijzing_einddatum, path)
        periodes.append(
            Periode(
                product.product, product.toewijzing_ingangsdatum, product.toewijzing_einddatum, path
            )
        )
    yield from check_unique("TR383", references, "ReferentieAanbieder")
    yield from check_overlap("TR386", periodes)


def check_317(message: Wmo317) -> Iterator[Finding]:
    verzoek = message.client.verzoek
    dagtekening = message.header.bericht_identificatie.dagtekening
    base = "/Bericht/Client/Verzoek"
    yield from check_bsn(message.client.bsn, "/Bericht/Client/Bsn")
    if not verzoek.ongewijzigde_producten and not verzoek.te_wijzigen_producten:
        yield level2("TR352", base, "minstens één OngewijzigdProduct of TeWijzigenProduct")
    if not verzoek.te_wijzigen_producten and not verzoek.nieuwe_producten:
        yield level2("TR353", base, "minstens één TeWijzigenProduct of NieuwProduct")
    numbers = [
        (p.toewijzing_nummer, f"{base}/OngewijzigdeProducten/OngewijzigdProduct[{i}]")
        for i, p in enumerate(verzoek.ongewijzigde_producten, 1)
    ] + [
        (p.toewijzing_nummer, f"{base}/TeWijzigenProducten/TeWijzigenProduct[{i}]")
        for i, p in enumerate(verzoek.te_wijzigen_producten, 1)
    ]
    yield from check_unique("TR101", numbers, "ToewijzingNummer")
    for index, wijziging in enumerate(verzoek.te_wijzigen_producten, start=1):
        path = f"{base}/TeWijzigenProducten/TeWijzigenProduct[{index}]"
        yield from end_not_before_start(
            "CS003", wijziging.gewenste_ingangsdatum, wijziging.einddatum, f"{path}/Einddatum"
        )
        yield from check_omvang_budget(
            Aanvraag(
                None, wijziging.einddatum, wijziging.omvang, wijziging.budget, path, "Einddatum"
            ),
            product_required=False,
            code_rule=None,
        )
        yield from check_frequentie("CS338", wijziging.omvang, wijziging.einddatum, path)
    periodes: list[Periode] = []
    keys = []
    for index, nieuw in enumerate(verzoek.nieuwe_producten, start=1):
        path = f"{base}/NieuweProducten/NieuwProduct[{index}]"
        yield from end_not_before_start(
            "CS003", nieuw.gewenste_ingangsdatum, nieuw.einddatum, f"{path}/Einddatum"
        )
        if nieuw.gewenste_ingangsdatum <= dagtekening:
            yield level2("TR380", f"{path}/GewensteIngangsdatum", "moet na de Dagtekening liggen")
        yield from check_omvang_budget(
            Aanvraag(nieuw.product, nieuw.einddatum, nieuw.omvang, nieuw.budget, path, "Einddatum"),
            product_required=True,
            code_rule="CD096",
        )
        yield from check_frequentie("CS338", nieuw.omvang, nieuw.einddatum, path)
        periodes.append(Periode(nieuw.product, nieuw.gewenste_ingangsdatum, nieuw.einddatum, path))
        keys.append(((nieuw.product, nieuw.gewenste_ingangsdatum), path))
    yield from check_unique("TR101", keys, "NieuwProduct")
    yield from check_overlap("TR410", periodes)


def check_319(message: Wmo319) -> Iterator[Finding]:
    antwoord = message.antwoord
    path = "/Bericht/Antwoord/RedenAfwijzingVerzoek"
    if antwoord.verzoek_antwoord == "1" and antwoord.reden_afwijzing_verzoek is None:
        yield level2("CD085", path, "bij een afwijzing is RedenAfwijzingVerzoek verplicht")
    if antwoord.verzoek_antwoord == "2" and antwoord.reden_afwijzing_verzoek is not None:
        yield level2("CD086", path, "bij 'in onderzoek' geen RedenAfwijzingVerzoek")

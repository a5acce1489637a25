"""Level-2 rules (code 0001) of the assignment, start/stop and request messages."""

import re
from collections.abc import Callable
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
    Findings,
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
_CLIENT: Final = "/Bericht/Client"
_TOEGEWEZEN: Final = "/Bericht/Client/ToegewezenProducten/ToegewezenProduct"
_MET_PARTNER: Final = frozenset({"1", "2", "3", "4"})
_ZONDER_PARTNER: Final = frozenset({"1", "6"})
_ADRESSEN_MET_POSTCODE: Final = frozenset({"01", "03"})
_WOONADRESSEN: Final = frozenset({"01", "02", "03"})
_VERWIJDERD: Final = frozenset({"01", "13"})
_STATUS: Final = frozenset({"1", "3"})
_VERWIJZERS_MET_NAAM: Final = frozenset({"02", "03", "04", "05"})


def _indexed(base: str) -> Callable[[int], str]:
    return lambda index: f"{base}[{index}]"


# The paths every message of a type has, formatted once.
_BSN: Final = f"{_CLIENT}/Bsn"
_GEBOORTEDATUM: Final = f"{_CLIENT}/Geboortedatum"
_RELATIE: Final = _indexed(f"{_CLIENT}/Relaties/Relatie")
_CONTACT: Final = _indexed(f"{_CLIENT}/Contactgegevens/Contact")
_TOEGEWEZEN_PRODUCT: Final = _indexed(_TOEGEWEZEN)


def _check_naam(out: Findings, naam: VolledigeNaam, path: str, *, is_client: bool) -> None:
    allowed = _MET_PARTNER if naam.partnernaam is not None else _ZONDER_PARTNER
    if naam.naam_gebruik not in allowed:
        out.append(level2("CS050", f"{path}/NaamGebruik", "NaamGebruik past niet bij Partnernaam"))
    if is_client and naam.naam_gebruik == "6":
        out.append(level2("CS318", f"{path}/NaamGebruik", "NaamGebruik 6 niet voor een client"))


def _check_contact(out: Findings, contact: Contact, path: str) -> None:
    adres = contact.adres
    postcode = adres.postcode if adres else None
    land = adres.land_code if adres else None
    if (postcode is None) != (land is None):
        out.append(
            level2("CD005", f"{path}/Adres/LandCode", "LandCode hoort precies bij een Postcode")
        )
    if land == "NL" and (adres is None or adres.huis is None):
        out.append(level2("CD025", f"{path}/Adres/Huis", "bij LandCode NL is Huis verplicht"))
    if contact.soort in _ADRESSEN_MET_POSTCODE and postcode is None:
        out.append(
            level2("CD034", f"{path}/Adres/Postcode", "bij dit soort adres is Postcode verplicht")
        )
    if land == "NL" and postcode is not None and not _POSTCODE_NL.fullmatch(postcode):
        out.append(level2("CS089", f"{path}/Adres/Postcode", "geen Nederlandse postcode"))
    if contact.periode is not None:
        if contact.soort != "04":
            out.append(level2("CD009", f"{path}/Periode", "Periode alleen bij een tijdelijk adres"))
        end_not_before_start(
            out, "CS003", contact.periode.begindatum, contact.periode.einddatum, f"{path}/Periode"
        )
    has_huis_postcode = adres is not None and adres.huis is not None and postcode is not None
    if contact.telefoon is None and not has_huis_postcode:
        out.append(level2("TR006", path, "Contact vraagt Telefoon of Huis met Postcode"))


def check_301(message: Wmo301) -> list[Finding]:
    out: Findings = []
    client = message.client
    dagtekening = message.header.bericht_identificatie.dagtekening
    check_bsn(out, client.bsn, _BSN)
    check_geboortedatum(out, client.geboortedatum, dagtekening, _GEBOORTEDATUM)
    _check_naam(out, client.naam, f"{_CLIENT}/Naam", is_client=True)
    communicatie = client.communicatie
    if communicatie is not None and (communicatie.vorm == "1") != (communicatie.taal is not None):
        out.append(level2("CD007", f"{_CLIENT}/Communicatie/Taal", "Taal hoort precies bij Vorm 1"))
    relaties = client.relaties
    for index, relatie in enumerate(relaties, start=1):
        path = f"{_CLIENT}/Relaties/Relatie[{index}]"
        if relatie.geboortedatum is not None:
            check_geboortedatum(out, relatie.geboortedatum, dagtekening, f"{path}/Geboortedatum")
        _check_naam(out, relatie.naam, f"{path}/Naam", is_client=False)
        _check_contact(out, relatie.contact, f"{path}/Contact")
    check_unique(
        out,
        "TR101",
        [relatie.nummer for relatie in relaties],
        _RELATIE,
        "Relatie",
    )
    contacten = client.contactgegevens
    for index, contact in enumerate(contacten, start=1):
        _check_contact(out, contact, _CONTACT(index))
    check_unique(
        out,
        "TR101",
        [contact.soort for contact in contacten],
        _CONTACT,
        "Contact",
    )
    if _WOONADRESSEN.isdisjoint([contact.soort for contact in contacten]):
        out.append(
            level2(
                "TR061",
                f"{_CLIENT}/Contactgegevens",
                "geen BRP-, correspondentie- of verblijfadres",
            )
        )
    periodes: list[Periode] = []
    for index, product in enumerate(client.toegewezen_producten, start=1):
        path = f"{_TOEGEWEZEN}[{index}]"
        ingangsdatum, einddatum = product.ingangsdatum, product.einddatum
        reden, omvang = product.reden_wijziging, product.omvang
        not_after(out, "TR134", product.toewijzingsdatum, dagtekening, f"{path}/Toewijzingsdatum")
        end_not_before_start(out, "CS003", ingangsdatum, einddatum, f"{path}/Einddatum")
        if reden == "13" and einddatum != ingangsdatum:
            out.append(
                level2(
                    "CS335", f"{path}/RedenWijziging", "reden 13 vraagt Einddatum = Ingangsdatum"
                )
            )
        if reden == "01":
            out.append(level2("CS336", f"{path}/RedenWijziging", "RedenWijziging 01 is vervallen"))
        check_omvang_budget(
            out,
            product.product,
            einddatum,
            omvang,
            product.budget,
            path,
            "Einddatum",
            product_required=True,
            code_rule="CD080",
        )
        check_frequentie(out, "CS338", omvang, einddatum, path)
        deleted = einddatum == ingangsdatum and reden in _VERWIJDERD
        if not deleted:
            periodes.append(Periode(product.product, ingangsdatum, einddatum, path))
    check_overlap(out, "TR302", periodes)
    check_unique(
        out,
        "TR101",
        [product.toewijzing_nummer for product in client.toegewezen_producten],
        _TOEGEWEZEN_PRODUCT,
        "ToewijzingNummer",
    )
    return out


def _check_status(out: Findings, status: str, path: str) -> None:
    if status not in _STATUS:
        out.append(
            level2("CS058", f"{path}/StatusAanlevering", "StatusAanlevering moet 1 of 3 zijn")
        )


def check_305(message: Wmo305) -> list[Finding]:
    out: Findings = []
    client = message.client
    dagtekening = message.header.bericht_identificatie.dagtekening
    check_bsn(out, client.bsn, _BSN)
    check_geboortedatum(out, client.geboortedatum, dagtekening, _GEBOORTEDATUM)
    keys: list[object] = []
    for index, start in enumerate(client.start_producten, start=1):
        path = f"{_CLIENT}/StartProducten/StartProduct[{index}]"
        _check_status(out, start.status_aanlevering, path)
        not_after(out, "TR134", start.begindatum, dagtekening, f"{path}/Begindatum")
        keys.append(
            (start.toewijzing_nummer, start.product, start.begindatum, start.status_aanlevering)
        )
    check_unique(
        out, "TR101", keys, _indexed(f"{_CLIENT}/StartProducten/StartProduct"), "StartProduct"
    )
    return out


def check_307(message: Wmo307) -> list[Finding]:
    out: Findings = []
    client = message.client
    dagtekening = message.header.bericht_identificatie.dagtekening
    check_bsn(out, client.bsn, _BSN)
    check_geboortedatum(out, client.geboortedatum, dagtekening, _GEBOORTEDATUM)
    keys: list[object] = []
    for index, stop in enumerate(client.stop_producten, start=1):
        path = f"{_CLIENT}/StopProducten/StopProduct[{index}]"
        _check_status(out, stop.status_aanlevering, path)
        end_not_before_start(out, "TR018", stop.begindatum, stop.einddatum, f"{path}/Einddatum")
        not_after(out, "TR134", stop.einddatum, dagtekening, f"{path}/Einddatum")
        keys.append(
            (
                stop.toewijzing_nummer,
                stop.product,
                stop.begindatum,
                stop.reden_beeindiging,
                stop.einddatum,
                stop.status_aanlevering,
            )
        )
    check_unique(
        out, "TR101", keys, _indexed(f"{_CLIENT}/StopProducten/StopProduct"), "StopProduct"
    )
    return out


def check_315(message: Wmo315) -> list[Finding]:
    out: Findings = []
    client = message.client
    dagtekening = message.header.bericht_identificatie.dagtekening
    check_bsn(out, client.bsn, _BSN)
    check_geboortedatum(out, client.geboortedatum, dagtekening, _GEBOORTEDATUM)
    periodes: list[Periode] = []
    references: list[object] = []
    base = f"{_CLIENT}/AangevraagdeProducten/AangevraagdProduct"
    for index, product in enumerate(client.aangevraagde_producten, start=1):
        path = f"{base}[{index}]"
        references.append(product.referentie_aanbieder)
        end_not_before_start(
            out,
            "CS003",
            product.toewijzing_ingangsdatum,
            product.toewijzing_einddatum,
            f"{path}/ToewijzingEinddatum",
        )
        if (product.beschikking_nummer is None) != (product.beschikking_ingangsdatum is None):
            out.append(
                level2(
                    "CD043",
                    f"{path}/BeschikkingIngangsdatum",
                    "hoort precies bij BeschikkingNummer",
                )
            )
        not_after(
            out,
            "TR134",
            product.beschikking_ingangsdatum,
            dagtekening,
            f"{path}/BeschikkingIngangsdatum",
        )
        verwijzer = product.verwijzer
        if verwijzer.type in _VERWIJZERS_MET_NAAM:
            if verwijzer.zorgverlener_code is not None and verwijzer.naam is not None:
                out.append(
                    level2(
                        "CD066", f"{path}/Verwijzer/Naam", "Naam leeg laten bij ZorgverlenerCode"
                    )
                )
            if verwijzer.zorgverlener_code is None and verwijzer.naam is None:
                out.append(
                    level2("CD067", f"{path}/Verwijzer/Naam", "Naam of ZorgverlenerCode verplicht")
                )
        elif verwijzer.zorgverlener_code is not None:
            out.append(
                level2("CD068", f"{path}/Verwijzer/ZorgverlenerCode", "niet bij dit type verwijzer")
            )
        check_omvang_budget(
            out,
            product.product,
            product.toewijzing_einddatum,
            product.omvang,
            product.budget,
            path,
            "ToewijzingEinddatum",
            product_required=True,
            code_rule="CD095",
        )
        check_frequentie(out, "CS343", product.omvang, product.toewijzing_einddatum, path)
        periodes.append(
            Periode(
                product.product, product.toewijzing_ingangsdatum, product.toewijzing_einddatum, path
            )
        )
    check_unique(out, "TR383", references, _indexed(base), "ReferentieAanbieder")
    check_overlap(out, "TR386", periodes)
    return out


def check_317(message: Wmo317) -> list[Finding]:
    out: Findings = []
    verzoek = message.client.verzoek
    dagtekening = message.header.bericht_identificatie.dagtekening
    base = f"{_CLIENT}/Verzoek"
    check_bsn(out, message.client.bsn, _BSN)
    if not verzoek.ongewijzigde_producten and not verzoek.te_wijzigen_producten:
        out.append(level2("TR352", base, "minstens één OngewijzigdProduct of TeWijzigenProduct"))
    if not verzoek.te_wijzigen_producten and not verzoek.nieuwe_producten:
        out.append(level2("TR353", base, "minstens één TeWijzigenProduct of NieuwProduct"))
    ongewijzigd = len(verzoek.ongewijzigde_producten)
    check_unique(
        out,
        "TR101",
        [p.toewijzing_nummer for p in verzoek.ongewijzigde_producten]
        + [p.toewijzing_nummer for p in verzoek.te_wijzigen_producten],
        lambda i: (
            f"{base}/OngewijzigdeProducten/OngewijzigdProduct[{i}]"
            if i <= ongewijzigd
            else f"{base}/TeWijzigenProducten/TeWijzigenProduct[{i - ongewijzigd}]"
        ),
        "ToewijzingNummer",
    )
    for index, wijziging in enumerate(verzoek.te_wijzigen_producten, start=1):
        path = f"{base}/TeWijzigenProducten/TeWijzigenProduct[{index}]"
        end_not_before_start(
            out, "CS003", wijziging.gewenste_ingangsdatum, wijziging.einddatum, f"{path}/Einddatum"
        )
        check_omvang_budget(
            out,
            None,
            wijziging.einddatum,
            wijziging.omvang,
            wijziging.budget,
            path,
            "Einddatum",
            product_required=False,
            code_rule=None,
        )
        check_frequentie(out, "CS338", wijziging.omvang, wijziging.einddatum, path)
    periodes: list[Periode] = []
    keys: list[object] = []
    nieuw_base = f"{base}/NieuweProducten/NieuwProduct"
    for index, nieuw in enumerate(verzoek.nieuwe_producten, start=1):
        path = f"{nieuw_base}[{index}]"
        end_not_before_start(
            out, "CS003", nieuw.gewenste_ingangsdatum, nieuw.einddatum, f"{path}/Einddatum"
        )
        if nieuw.gewenste_ingangsdatum <= dagtekening:
            out.append(
                level2("TR380", f"{path}/GewensteIngangsdatum", "moet na de Dagtekening liggen")
            )
        check_omvang_budget(
            out,
            nieuw.product,
            nieuw.einddatum,
            nieuw.omvang,
            nieuw.budget,
            path,
            "Einddatum",
            product_required=True,
            code_rule="CD096",
        )
        check_frequentie(out, "CS338", nieuw.omvang, nieuw.einddatum, path)
        periodes.append(Periode(nieuw.product, nieuw.gewenste_ingangsdatum, nieuw.einddatum, path))
        keys.append((nieuw.product, nieuw.gewenste_ingangsdatum))
    check_unique(out, "TR101", keys, _indexed(nieuw_base), "NieuwProduct")
    check_overlap(out, "TR410", periodes)
    return out


def check_319(message: Wmo319) -> list[Finding]:
    out: Findings = []
    antwoord = message.antwoord
    path = "/Bericht/Antwoord/RedenAfwijzingVerzoek"
    if antwoord.verzoek_antwoord == "1" and antwoord.reden_afwijzing_verzoek is None:
        out.append(level2("CD085", path, "bij een afwijzing is RedenAfwijzingVerzoek verplicht"))
    if antwoord.verzoek_antwoord == "2" and antwoord.reden_afwijzing_verzoek is not None:
        out.append(level2("CD086", path, "bij 'in onderzoek' geen RedenAfwijzingVerzoek"))
    return out

"""The level-3 rules of a Wmo315 (verzoek om toewijzing) and a Wmo317 (verzoek om wijziging):
the references this aanbieder used before, its verzoeken still open, and the client's current
toewijzingen a 317 must describe."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from iwmo import Finding
from iwmo.models import Omvang, TeWijzigenProduct, Wmo315, Wmo317
from iwmo.models import Product as IwmoProduct
from iwmo.rules.common import Periode, overlapping, runs_after_2020
from wmo_gateway.berichten.regels.staat import Staat, bevinding
from wmo_gateway.leesmodellen.toewijzingen.models import Toewijzing

_CLIENT = "/Bericht/Client"
_VERZOEK = "/Bericht/Client/Verzoek"


def _tr374(staat: Staat) -> Iterator[Finding]:
    """TR374: no new verzoek for this client while an earlier one waits for its 301 or 319
    afgewezen (an answer "in onderzoek" leaves it open)."""
    if staat.open_referenties:
        yield bevinding(
            "9374",
            "TR374",
            _CLIENT,
            "Er is al een verzoek voor deze client onderhanden.",
        )


def judge_315(message: Wmo315, staat: Staat) -> Iterator[Finding]:
    """TR374 on the Client, TR347 on every AangevraagdProduct."""
    yield from _tr374(staat)
    for position, product in enumerate(message.client.aangevraagde_producten, start=1):
        if product.referentie_aanbieder in staat.gebruikte_referenties:
            yield bevinding(
                "9347",
                "TR347",
                f"{_CLIENT}/AangevraagdeProducten/AangevraagdProduct[{position}]",
                "Deze ReferentieAanbieder is al eerder gebruikt.",
            )


def judge_317(message: Wmo317, staat: Staat) -> Iterator[Finding]:
    """TR374 and TR304 on the Client; TR347 and TR349 on the Verzoek; TR350 on every
    OngewijzigdProduct; TR351, TR357, TR373, TR411, TR412 on every TeWijzigenProduct; TR361 on
    the product that overlaps another of the same product."""
    verzoek = message.client.verzoek
    pseudonym = staat.pseudonymise(message.client.bsn)
    yield from _tr374(staat)
    if verzoek.referentie_aanbieder in staat.gebruikte_referenties:
        yield bevinding("9347", "TR347", _VERZOEK, "Deze ReferentieAanbieder is al gebruikt.")
    genoemd = {p.toewijzing_nummer for p in verzoek.ongewijzigde_producten} | {
        p.toewijzing_nummer for p in verzoek.te_wijzigen_producten
    }
    if any(t.nummer not in genoemd for t in staat.actuele_toewijzingen):
        yield bevinding(
            "9349",
            "TR349",
            _VERZOEK,
            "Niet elke actuele toewijzing van de client staat in het verzoek.",
        )
    andere_client = False
    periodes: list[Periode] = []
    for position, ongewijzigd in enumerate(verzoek.ongewijzigde_producten, start=1):
        path = f"{_VERZOEK}/OngewijzigdeProducten/OngewijzigdProduct[{position}]"
        toewijzing = _actueel(staat, ongewijzigd.toewijzing_nummer)
        if toewijzing is None:
            yield bevinding(
                "9350", "TR350", path, "Dit ToewijzingNummer is geen actuele toewijzing."
            )
            continue
        andere_client |= toewijzing.client_pseudonym != pseudonym
        periodes.append(
            Periode(_product(toewijzing), toewijzing.ingangsdatum, toewijzing.einddatum, path)
        )
    ongewijzigd_paths = {p.path for p in periodes}
    dagtekening = message.header.bericht_identificatie.dagtekening
    for position, wijziging in enumerate(verzoek.te_wijzigen_producten, start=1):
        path = f"{_VERZOEK}/TeWijzigenProducten/TeWijzigenProduct[{position}]"
        toewijzing = _actueel(staat, wijziging.toewijzing_nummer)
        if toewijzing is None:
            yield bevinding(
                "9351", "TR351", path, "Dit ToewijzingNummer is geen actuele toewijzing."
            )
            continue
        andere_client |= toewijzing.client_pseudonym != pseudonym
        yield from _te_wijzigen(wijziging, toewijzing, dagtekening, path)
        periodes.append(
            Periode(_product(toewijzing), toewijzing.ingangsdatum, wijziging.einddatum, path)
        )
    for position, nieuw in enumerate(verzoek.nieuwe_producten, start=1):
        path = f"{_VERZOEK}/NieuweProducten/NieuwProduct[{position}]"
        periodes.append(Periode(nieuw.product, nieuw.gewenste_ingangsdatum, nieuw.einddatum, path))
    for earlier, later in overlapping(periodes):
        # Overlaps between unchanged toewijzingen are the gemeente's, not this verzoek's.
        if not {earlier.path, later.path} <= ongewijzigd_paths:
            yield bevinding(
                "9361", "TR361", later.path, "Het product komt vaker voor in overlappende periodes."
            )
    if andere_client:
        yield bevinding("8187", "TR304", _CLIENT, "De Bsn hoort niet bij de genoemde toewijzingen.")


def _actueel(staat: Staat, nummer: int) -> Toewijzing | None:
    toewijzing = staat.van_aanbieder(nummer)
    return toewijzing if toewijzing is not None and staat.is_actueel(toewijzing) else None


def _product(toewijzing: Toewijzing) -> IwmoProduct:
    return IwmoProduct(categorie=toewijzing.product_categorie, code=toewijzing.product_code)


def _omvang_changed(omvang: Omvang | None, toewijzing: Toewijzing) -> bool:
    return omvang is not None and (omvang.volume, omvang.eenheid, omvang.frequentie) != (
        toewijzing.omvang_volume,
        toewijzing.omvang_eenheid,
        toewijzing.omvang_frequentie,
    )


def _te_wijzigen(
    wijziging: TeWijzigenProduct, toewijzing: Toewijzing, dagtekening: date, path: str
) -> Iterator[Finding]:
    gewenst = wijziging.gewenste_ingangsdatum
    if gewenst <= dagtekening and gewenst != toewijzing.ingangsdatum:
        yield bevinding(
            "9357",
            "TR357",
            path,
            "Een GewensteIngangsdatum op of voor de Dagtekening is de oorspronkelijke "
            "Ingangsdatum.",
        )
    budget_changed = wijziging.budget is not None and wijziging.budget != toewijzing.budget_cents
    totaal_changed = (
        wijziging.omvang is not None
        and wijziging.omvang.frequentie == "6"
        and _omvang_changed(wijziging.omvang, toewijzing)
    )
    if (budget_changed or totaal_changed) and gewenst != toewijzing.ingangsdatum:
        yield bevinding(
            "9373",
            "TR373",
            path,
            "Een ander budget of totaalvolume gaat in op de Ingangsdatum van de toewijzing.",
        )
    if toewijzing.product_code is not None and wijziging.omvang is None:
        yield bevinding(
            "9411", "TR411", path, "De toewijzing heeft een ProductCode: Omvang is verplicht."
        )
    einddatum = wijziging.einddatum or toewijzing.einddatum
    if (
        toewijzing.product_code is None
        and wijziging.omvang is not None
        and runs_after_2020(einddatum)
    ):
        yield bevinding("9412", "TR412", path, "De toewijzing heeft geen ProductCode: geen Omvang.")

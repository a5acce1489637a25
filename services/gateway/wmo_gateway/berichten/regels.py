"""The stateful iWmo rules the gateway can check itself (`StatefulRule`s of the codec).

They judge a message against what access told us about its toewijzingen and against the
berichten this aanbieder sent before. Rules that need finance's or access's own state (TR321,
TR349, TR374, ...) are theirs. Each finding carries the rule's retour code and the path of the
class it concerns, so the codec's retour builder puts the code on that class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from iwmo import Bericht, Finding, Level, StatefulRule
from iwmo.models import (
    OngewijzigdProduct,
    Product,
    TeWijzigenProduct,
    Wmo305,
    Wmo307,
    Wmo315,
    Wmo317,
    Wmo323,
)
from wmo_gateway.leesmodellen.toewijzingen.models import Toewijzing


@dataclass(frozen=True)
class Bekend:
    """What the rules may look at, loaded before the message is judged."""

    aanbieder_agb: str
    toewijzingen: Mapping[int, Toewijzing]
    pseudonymise: Callable[[str], str]
    today: date
    gebruikte_referenties: frozenset[str] = frozenset()
    gebruikte_declaratienummers: frozenset[str] = frozenset()

    def van_aanbieder(self, nummer: int | None) -> Toewijzing | None:
        """The toewijzing with this number, if it was issued to this aanbieder."""
        toewijzing = self.toewijzingen.get(nummer) if nummer is not None else None
        if toewijzing is None or toewijzing.aanbieder_agb != self.aanbieder_agb:
            return None
        return toewijzing


def _finding(code: str, rule: str, path: str, message: str) -> Finding:
    return Finding(code, path, message, rule, Level.BERICHTOVERSTIJGEND)


def _product_fits(toewijzing: Toewijzing, product: Product | None) -> bool:
    if product is None:
        return True
    if product.categorie != toewijzing.product_categorie:
        return False
    return product.code is None or product.code == toewijzing.product_code


def _tr019(message: Bericht, bekend: Bekend) -> Iterable[Finding]:
    """TR019: a start or stop belongs to a toewijzing of this aanbieder for this client."""
    regels: list[tuple[int | None, Product | None, date | None]]
    if isinstance(message, Wmo305):
        bsn, base = message.client.bsn, "StartProduct"
        regels = [
            (p.toewijzing_nummer, p.product, p.toewijzing_ingangsdatum)
            for p in message.client.start_producten
        ]
    elif isinstance(message, Wmo307):
        bsn, base = message.client.bsn, "StopProduct"
        regels = [
            (p.toewijzing_nummer, p.product, p.toewijzing_ingangsdatum)
            for p in message.client.stop_producten
        ]
    else:
        return
    pseudonym = bekend.pseudonymise(bsn)
    for position, (nummer, product, ingangsdatum) in enumerate(regels, start=1):
        toewijzing = bekend.van_aanbieder(nummer)
        matches = (
            toewijzing is not None
            and not toewijzing.is_verwijderd
            and toewijzing.client_pseudonym == pseudonym
            and _product_fits(toewijzing, product)
            and ingangsdatum in (None, toewijzing.ingangsdatum)
        )
        if not matches:
            yield _finding(
                "9019",
                "TR019",
                f"/Bericht/Client/{base}en/{base}[{position}]",
                "Er is geen toewijzing aan deze aanbieder voor deze client met dit "
                "ToewijzingNummer, dit product en deze ingangsdatum.",
            )


def _tr347(message: Bericht, bekend: Bekend) -> Iterable[Finding]:
    """TR347: ReferentieAanbieder is unique for the aanbieder."""
    if isinstance(message, Wmo315):
        for position, product in enumerate(message.client.aangevraagde_producten, start=1):
            if product.referentie_aanbieder in bekend.gebruikte_referenties:
                yield _finding(
                    "9347",
                    "TR347",
                    f"/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[{position}]",
                    "Deze ReferentieAanbieder is al eerder gebruikt.",
                )
    elif (
        isinstance(message, Wmo317)
        and message.client.verzoek.referentie_aanbieder in bekend.gebruikte_referenties
    ):
        yield _finding(
            "9347",
            "TR347",
            "/Bericht/Client/Verzoek",
            "Deze ReferentieAanbieder is al gebruikt.",
        )


def _wmo317(message: Bericht, bekend: Bekend) -> Iterable[Finding]:
    """TR350/TR351: named toewijzingen are current ones of this aanbieder; TR304: same client."""
    if not isinstance(message, Wmo317):
        return
    pseudonym = bekend.pseudonymise(message.client.bsn)
    verzoek = message.client.verzoek
    other_client = False
    groups: tuple[tuple[str, tuple[OngewijzigdProduct | TeWijzigenProduct, ...], str, str], ...] = (
        ("OngewijzigdProduct", verzoek.ongewijzigde_producten, "9350", "TR350"),
        ("TeWijzigenProduct", verzoek.te_wijzigen_producten, "9351", "TR351"),
    )
    for name, items, code, rule in groups:
        for position, item in enumerate(items, start=1):
            toewijzing = bekend.van_aanbieder(item.toewijzing_nummer)
            current = (
                toewijzing is not None
                and not toewijzing.is_verwijderd
                and (toewijzing.einddatum is None or toewijzing.einddatum >= bekend.today)
            )
            if not current:
                yield _finding(
                    code,
                    rule,
                    f"/Bericht/Client/Verzoek/{name}en/{name}[{position}]",
                    "Dit ToewijzingNummer is geen actuele toewijzing aan deze aanbieder.",
                )
            elif toewijzing is not None and toewijzing.client_pseudonym != pseudonym:
                other_client = True
    if other_client:
        yield _finding(
            "8187", "TR304", "/Bericht/Client", "De Bsn hoort niet bij de genoemde toewijzingen."
        )


def _wmo323(message: Bericht, bekend: Bekend) -> Iterable[Finding]:
    """TR333 (declaratie), and per line TR338, TR304, TR339, TR340, TR307, TR308, TR384."""
    if not isinstance(message, Wmo323):
        return
    declaratie = message.declaratie
    if declaratie.declaratie_nummer in bekend.gebruikte_declaratienummers:
        yield _finding(
            "9333", "TR333", "/Bericht/Declaratie", "Dit DeclaratieNummer is al eerder gebruikt."
        )
    for ci, client in enumerate(declaratie.clienten, start=1):
        pseudonym = bekend.pseudonymise(client.bsn)
        for pi, prestatie in enumerate(client.prestaties, start=1):
            path = f"/Bericht/Declaratie/Clienten/Client[{ci}]/Prestaties/Prestatie[{pi}]"
            toewijzing = bekend.van_aanbieder(prestatie.toewijzing_nummer)
            if toewijzing is None:
                yield _finding(
                    "9338",
                    "TR338",
                    path,
                    "Er is geen toewijzing aan deze aanbieder met dit nummer.",
                )
                continue
            if toewijzing.client_pseudonym != pseudonym:
                yield _finding("8187", "TR304", path, "De Bsn hoort niet bij deze toewijzing.")
            if toewijzing.is_verwijderd:
                yield _finding("9384", "TR384", path, "De toewijzing is verwijderd.")
            if prestatie.product_categorie != toewijzing.product_categorie:
                yield _finding(
                    "9339", "TR339", path, "De ProductCategorie wijkt af van de toewijzing."
                )
            if toewijzing.product_code is not None and (
                prestatie.product_code != toewijzing.product_code
            ):
                yield _finding("9340", "TR340", path, "De ProductCode wijkt af van de toewijzing.")
            periode = prestatie.product_periode
            if periode.begindatum < toewijzing.ingangsdatum:
                yield _finding(
                    "9307", "TR307", path, "De ProductPeriode begint voor de toewijzing."
                )
            if toewijzing.einddatum is not None and periode.einddatum > toewijzing.einddatum:
                yield _finding("9308", "TR308", path, "De ProductPeriode eindigt na de toewijzing.")


def stateful_rules(bekend: Bekend) -> list[StatefulRule]:
    """The gateway's hooks for `iwmo.validate`, bound to what it knows."""

    def bind(rule: Callable[[Bericht, Bekend], Iterable[Finding]]) -> StatefulRule:
        def hook(message: Bericht, /) -> Iterable[Finding]:
            return list(rule(message, bekend))

        return hook

    return [bind(rule) for rule in (_tr019, _tr347, _wmo317, _wmo323)]

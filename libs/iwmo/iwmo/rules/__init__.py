"""Layer 3: the business rules of iWmo 3.2 that one message can be checked against.

Rules that need stored state (earlier messages, assignments, contracts) are not
here: services supply them as hooks (see `iwmo.validation.StatefulRule`).
"""

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any, Final

from iwmo.codelists import GEMEENTECODES, PRODUCTCODES_HULPMIDDELEN
from iwmo.findings import Finding, Level
from iwmo.models import (
    Bericht,
    HeaderVanGemeente,
    Product,
    Wmo301,
    Wmo305,
    Wmo307,
    Wmo315,
    Wmo317,
    Wmo319,
    Wmo323,
)
from iwmo.rules.berichten import (
    check_301,
    check_305,
    check_307,
    check_315,
    check_317,
    check_319,
)
from iwmo.rules.common import finding
from iwmo.rules.declaratie import check_323


def _product_lines(message: Bericht) -> tuple[str, list[Product | None]]:
    """The path of the product lines of a message and their Product (not for the 323)."""
    if isinstance(message, Wmo301):
        lines = message.client.toegewezen_producten
        return "/Bericht/Client/ToegewezenProducten/ToegewezenProduct", [p.product for p in lines]
    if isinstance(message, Wmo305):
        starts = message.client.start_producten
        return "/Bericht/Client/StartProducten/StartProduct", [p.product for p in starts]
    if isinstance(message, Wmo307):
        stops = message.client.stop_producten
        return "/Bericht/Client/StopProducten/StopProduct", [p.product for p in stops]
    if isinstance(message, Wmo315):
        requested = message.client.aangevraagde_producten
        return "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct", [
            p.product for p in requested
        ]
    if isinstance(message, Wmo317):
        new = message.client.verzoek.nieuwe_producten
        return "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct", [p.product for p in new]
    return "", []


def _check_product_codes(
    message: Bericht, productcodes: Mapping[str, frozenset[str]]
) -> Iterator[Finding]:
    """TR381 on every product with a code; the path is only formatted for a finding."""
    if isinstance(message, Wmo323):
        for ci, client in enumerate(message.declaratie.clienten, 1):
            for pi, prestatie in enumerate(client.prestaties, 1):
                known = productcodes.get(prestatie.product_categorie)
                if known is not None and prestatie.product_code not in known:
                    yield _tr381(
                        f"/Bericht/Declaratie/Clienten/Client[{ci}]/Prestaties/Prestatie[{pi}]"
                    )
        return
    base, products = _product_lines(message)
    for index, product in enumerate(products, 1):
        if product is None or product.code is None:
            continue
        known = productcodes.get(product.categorie)
        if known is not None and product.code not in known:
            yield _tr381(f"{base}[{index}]")


def _tr381(path: str) -> Finding:
    return finding(
        "TR381", "S329", path, "ProductCode hoort niet bij de ProductCategorie", Level.EXTERNE_BRON
    )


def check_external(
    message: Bericht,
    *,
    today: date,
    gemeentecodes: frozenset[str],
    productcodes: Mapping[str, frozenset[str]],
) -> Iterator[Finding]:
    """Level 4 with the sources we carry: system date (TR135), CBS list (TR378), TR381."""
    header = message.header
    if header.bericht_identificatie.dagtekening > today:
        yield finding(
            "TR135",
            "8848",
            "/Bericht/Header/BerichtIdentificatie/Dagtekening",
            "Dagtekening ligt na de systeemdatum",
            Level.EXTERNE_BRON,
        )
    gemeente_element = "Afzender" if isinstance(header, HeaderVanGemeente) else "Ontvanger"
    gemeente = header.afzender if gemeente_element == "Afzender" else header.ontvanger
    if gemeente not in gemeentecodes:
        yield finding(
            "TR378",
            "S300",
            f"/Bericht/Header/{gemeente_element}",
            "gemeentecode komt niet voor in de CBS-lijst",
            Level.EXTERNE_BRON,
        )
    yield from _check_product_codes(message, productcodes)


_CHECKS: Final[dict[type[Bericht], Callable[[Any], list[Finding]]]] = {
    Wmo301: check_301,
    Wmo305: check_305,
    Wmo307: check_307,
    Wmo315: check_315,
    Wmo317: check_317,
    Wmo319: check_319,
    Wmo323: check_323,
}
"""The rules of each message type (looked up along the class's MRO, as isinstance would)."""


def check_message(
    message: Bericht,
    *,
    today: date,
    gemeentecodes: frozenset[str] = GEMEENTECODES,
    productcodes: Mapping[str, frozenset[str]] = PRODUCTCODES_HULPMIDDELEN,
) -> list[Finding]:
    """All stateless rule findings for a structurally valid message."""
    check = _CHECKS.get(type(message))
    if check is None:
        check = next((_CHECKS[cls] for cls in type(message).__mro__ if cls in _CHECKS), None)
    if check is None:
        # Retour messages and the 325 answer are judged by their structure only: they have
        # no retour of their own, and a receiver cannot reject them within the standard.
        return []
    findings = check(message)
    findings.extend(
        check_external(message, today=today, gemeentecodes=gemeentecodes, productcodes=productcodes)
    )
    return findings

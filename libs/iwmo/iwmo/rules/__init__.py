"""Layer 3: the business rules of iWmo 3.2 that one message can be checked against.

Rules that need stored state (earlier messages, assignments, contracts) are not
here: services supply them as hooks (see `iwmo.validation.StatefulRule`).
"""

from collections.abc import Iterator, Mapping
from datetime import date

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


def _products(message: Bericht) -> Iterator[tuple[str, str, str]]:
    """(categorie, code, path) of every product with a code, for TR381."""
    products: list[tuple[Product | None, str]] = []
    if isinstance(message, Wmo301):
        products = [
            (p.product, f"/Bericht/Client/ToegewezenProducten/ToegewezenProduct[{i}]")
            for i, p in enumerate(message.client.toegewezen_producten, 1)
        ]
    elif isinstance(message, Wmo305):
        products = [
            (p.product, f"/Bericht/Client/StartProducten/StartProduct[{i}]")
            for i, p in enumerate(message.client.start_producten, 1)
        ]
    elif isinstance(message, Wmo307):
        products = [
            (p.product, f"/Bericht/Client/StopProducten/StopProduct[{i}]")
            for i, p in enumerate(message.client.stop_producten, 1)
        ]
    elif isinstance(message, Wmo315):
        products = [
            (p.product, f"/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[{i}]")
            for i, p in enumerate(message.client.aangevraagde_producten, 1)
        ]
    elif isinstance(message, Wmo317):
        products = [
            (p.product, f"/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct[{i}]")
            for i, p in enumerate(message.client.verzoek.nieuwe_producten, 1)
        ]
    elif isinstance(message, Wmo323):
        for ci, client in enumerate(message.declaratie.clienten, 1):
            for pi, prestatie in enumerate(client.prestaties, 1):
                path = f"/Bericht/Declaratie/Clienten/Client[{ci}]/Prestaties/Prestatie[{pi}]"
                yield prestatie.product_categorie, prestatie.product_code, path
    for product, path in products:
        if product is not None and product.code is not None:
            yield product.categorie, product.code, path


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
    for categorie, code, path in _products(message):
        known = productcodes.get(categorie)
        if known is not None and code not in known:
            yield finding(
                "TR381",
                "S329",
                path,
                "ProductCode hoort niet bij de ProductCategorie",
                Level.EXTERNE_BRON,
            )


def check_message(
    message: Bericht,
    *,
    today: date,
    gemeentecodes: frozenset[str] = GEMEENTECODES,
    productcodes: Mapping[str, frozenset[str]] = PRODUCTCODES_HULPMIDDELEN,
) -> list[Finding]:
    """All stateless rule findings for a structurally valid message."""
    findings: list[Finding] = []
    if isinstance(message, Wmo301):
        findings.extend(check_301(message))
    elif isinstance(message, Wmo305):
        findings.extend(check_305(message))
    elif isinstance(message, Wmo307):
        findings.extend(check_307(message))
    elif isinstance(message, Wmo315):
        findings.extend(check_315(message))
    elif isinstance(message, Wmo317):
        findings.extend(check_317(message))
    elif isinstance(message, Wmo319):
        findings.extend(check_319(message))
    elif isinstance(message, Wmo323):
        findings.extend(check_323(message))
    else:
        # Retour messages and the 325 answer are judged by their structure only: they have
        # no retour of their own, and a receiver cannot reject them within the standard.
        return findings
    findings.extend(
        check_external(message, today=today, gemeentecodes=gemeentecodes, productcodes=productcodes)
    )
    return findings

"""The level-3 rules of a Wmo323 the gateway judges: the DeclaratieNummer against earlier
declaraties and every line against the toewijzing it names. What needs the lines declared
before, the volumes or the contract (TR314, TR321-TR323, TR341, TR369, TR389, TR390, TR418) is
finance's (`wmo_finance.declaraties.beoordeling`); a line the gateway rejects never gets there.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from iwmo import Finding
from iwmo.models import Prestatie, Wmo323
from wmo_gateway.berichten.regels.staat import Staat, bevinding
from wmo_gateway.leesmodellen.toewijzingen.models import Toewijzing


def judge_323(message: Wmo323, staat: Staat) -> Iterator[Finding]:
    """TR333 on the Declaratie; TR338, TR304, TR384, TR339, TR340, TR307, TR308, TR387, TR388
    on every Prestatie."""
    declaratie = message.declaratie
    if declaratie.declaratie_nummer in staat.gebruikte_declaratienummers:
        yield bevinding(
            "9333", "TR333", "/Bericht/Declaratie", "Dit DeclaratieNummer is al eerder gebruikt."
        )
        # The declaratie is rejected as a whole and counts as never sent (IV087).
        return
    for ci, client in enumerate(declaratie.clienten, start=1):
        pseudonym = staat.pseudonymise(client.bsn)
        for pi, prestatie in enumerate(client.prestaties, start=1):
            path = f"/Bericht/Declaratie/Clienten/Client[{ci}]/Prestaties/Prestatie[{pi}]"
            toewijzing = staat.van_aanbieder(prestatie.toewijzing_nummer)
            if toewijzing is None:
                yield bevinding(
                    "9338",
                    "TR338",
                    path,
                    "Er is geen toewijzing aan deze aanbieder met dit nummer.",
                )
                continue
            if toewijzing.client_pseudonym != pseudonym:
                yield bevinding("8187", "TR304", path, "De Bsn hoort niet bij deze toewijzing.")
            yield from _against_toewijzing(prestatie, toewijzing, path)


def _within(day: date, toewijzing: Toewijzing) -> bool:
    return toewijzing.ingangsdatum <= day and (
        toewijzing.einddatum is None or day <= toewijzing.einddatum
    )


def _against_toewijzing(
    prestatie: Prestatie, toewijzing: Toewijzing, path: str
) -> Iterator[Finding]:
    if toewijzing.is_verwijderd:
        yield bevinding("9384", "TR384", path, "De toewijzing is verwijderd (reden 13).")
    if prestatie.product_categorie != toewijzing.product_categorie:
        yield bevinding("9339", "TR339", path, "De ProductCategorie wijkt af van de toewijzing.")
    if toewijzing.product_code is not None and prestatie.product_code != toewijzing.product_code:
        yield bevinding("9340", "TR340", path, "De ProductCode wijkt af van de toewijzing.")
    periode = prestatie.product_periode
    if not _within(periode.begindatum, toewijzing):
        yield bevinding("9307", "TR307", path, "De ProductPeriode begint buiten de toewijzing.")
    if not _within(periode.einddatum, toewijzing):
        yield bevinding("9308", "TR308", path, "De ProductPeriode eindigt buiten de toewijzing.")
    # IV089: a ProductPeriode is the calendar month, cut off only by the toewijzing's own
    # Ingangsdatum or Einddatum inside that month.
    first = periode.begindatum.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if periode.begindatum != first and not first < toewijzing.ingangsdatum <= last:
        yield bevinding(
            "9387",
            "TR387",
            path,
            "De ProductPeriode begint niet op de eerste van de maand of de Ingangsdatum.",
        )
    einde = toewijzing.einddatum
    if periode.einddatum != last and not (einde is not None and first <= einde < last):
        yield bevinding(
            "9388",
            "TR388",
            path,
            "De ProductPeriode eindigt niet op de laatste van de maand of de Einddatum.",
        )

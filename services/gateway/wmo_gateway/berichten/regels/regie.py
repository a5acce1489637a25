"""The level-3 rules of a Wmo305 (start) and Wmo307 (stop): the toewijzing it belongs to and
the starts and stops this aanbieder sent before.

Within one message the withdrawals (StatusAanlevering 3) count first, so a correction "3 for the
old class, 1 for the new one" in one message is judged as the standard means it (IV008, OP033);
a line then counts for the lines after it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from iwmo import Finding
from iwmo.models import Product, StartProduct, StopProduct, Wmo305, Wmo307
from wmo_gateway.berichten.regels.staat import (
    Staat,
    StartSleutel,
    Stop,
    bevinding,
    product_sleutel,
)
from wmo_gateway.leesmodellen.toewijzingen.models import Toewijzing

VERWIJDEREN = "3"
Regel = TypeVar("Regel", StartProduct, StopProduct)


@dataclass
class _Leveringen:
    """The starts and stops as they stand while one message is judged line by line."""

    starts: set[StartSleutel]
    stops: list[Stop] = field(default_factory=list)

    def stops_van(self, nummer: int, begindatum: date) -> list[Stop]:
        # TR413-TR415 compare Bsn, ToewijzingNummer and Begindatum, not the product.
        return [
            s
            for s in self.stops
            if s.start.toewijzingnummer == nummer and s.start.begindatum == begindatum
        ]

    def is_gestopt(self, start: StartSleutel) -> bool:
        return any(s.start == start for s in self.stops)


def _fits(toewijzing: Toewijzing, product: Product | None) -> bool:
    if product is None:
        return True
    if product.categorie != toewijzing.product_categorie:
        return False
    return product.code is None or product.code == toewijzing.product_code


def _tr019(line: StartProduct | StopProduct, pseudonym: str, staat: Staat) -> Toewijzing | None:
    """TR019: the line belongs to a toewijzing of this aanbieder for this client, with the
    toewijzing's product and ingangsdatum (IV075); the toewijzing, or None (9019)."""
    toewijzing = staat.van_aanbieder(line.toewijzing_nummer)
    if (
        toewijzing is None
        or toewijzing.is_verwijderd
        or toewijzing.client_pseudonym != pseudonym
        or not _fits(toewijzing, line.product)
        or line.toewijzing_ingangsdatum not in (None, toewijzing.ingangsdatum)
    ):
        return None
    return toewijzing


def _9019(path: str) -> Finding:
    return bevinding(
        "9019",
        "TR019",
        path,
        "Er is geen toewijzing aan deze aanbieder voor deze client met dit ToewijzingNummer, "
        "dit product en deze ingangsdatum.",
    )


def _ordered(lines: Sequence[Regel]) -> list[tuple[int, Regel]]:
    """Withdrawals first, then the rest in message order; with their 1-based positions."""
    numbered = list(enumerate(lines, start=1))
    return [p for p in numbered if p[1].status_aanlevering == VERWIJDEREN] + [
        p for p in numbered if p[1].status_aanlevering != VERWIJDEREN
    ]


def judge_305(message: Wmo305, staat: Staat) -> Iterator[Finding]:
    """TR019, TR063, TR071, TR074, TR326 on every StartProduct."""
    pseudonym = staat.pseudonymise(message.client.bsn)
    leveringen = _Leveringen(set(staat.starts), list(staat.stops))
    for position, start in _ordered(message.client.start_producten):
        path = f"/Bericht/Client/StartProducten/StartProduct[{position}]"
        toewijzing = _tr019(start, pseudonym, staat)
        if toewijzing is None:
            yield _9019(path)
            continue
        nummer = toewijzing.nummer
        sleutel = StartSleutel(nummer, product_sleutel(start.product, toewijzing), start.begindatum)
        if start.status_aanlevering == VERWIJDEREN:
            if sleutel not in leveringen.starts:
                yield bevinding(
                    "9063", "TR063", path, "Er is geen start met deze sleutel om te verwijderen."
                )
            elif leveringen.is_gestopt(sleutel):
                yield bevinding(
                    "9071", "TR071", path, "Deze start is al gestopt en kan niet meer weg."
                )
            else:
                leveringen.starts.discard(sleutel)
            continue
        if sleutel in leveringen.starts:
            yield bevinding("9074", "TR074", path, "Er is al een start met deze sleutel.")
        elif any(
            s.toewijzingnummer == nummer
            and s.product == sleutel.product
            and not leveringen.is_gestopt(s)
            for s in leveringen.starts
        ):
            yield bevinding(
                "9326",
                "TR326",
                path,
                "De lopende levering van dit product is nog niet gestopt met een stopbericht.",
            )
        else:
            leveringen.starts.add(sleutel)


def judge_307(message: Wmo307, staat: Staat) -> Iterator[Finding]:
    """TR019, TR063, TR074, TR382, TR413, TR414, TR415 on every StopProduct."""
    pseudonym = staat.pseudonymise(message.client.bsn)
    leveringen = _Leveringen(set(staat.starts), list(staat.stops))
    for position, line in _ordered(message.client.stop_producten):
        path = f"/Bericht/Client/StopProducten/StopProduct[{position}]"
        toewijzing = _tr019(line, pseudonym, staat)
        if toewijzing is None:
            yield _9019(path)
            continue
        start = StartSleutel(
            toewijzing.nummer, product_sleutel(line.product, toewijzing), line.begindatum
        )
        stop = Stop(start, line.reden_beeindiging, line.einddatum)
        if line.status_aanlevering == VERWIJDEREN:
            if stop not in leveringen.stops:
                yield bevinding(
                    "9063", "TR063", path, "Er is geen stop met deze sleutel om te verwijderen."
                )
            else:
                leveringen.stops.remove(stop)
            continue
        findings = list(_judge_stop(stop, leveringen, path))
        yield from findings
        if not findings:
            leveringen.stops.append(stop)


def _judge_stop(stop: Stop, leveringen: _Leveringen, path: str) -> Iterator[Finding]:
    if stop.start not in leveringen.starts:
        # TR382: the stop copies the start's key unchanged (ToewijzingNummer, Product,
        # Begindatum); otherwise it names no current start.
        yield bevinding(
            "9069", "TR382", path, "Er is geen actuele start met dezelfde sleutel als deze stop."
        )
        return
    if stop in leveringen.stops:
        yield bevinding("9074", "TR074", path, "Er is al een stop met deze sleutel.")
        return
    eerder = leveringen.stops_van(stop.start.toewijzingnummer, stop.start.begindatum)
    if any(not e.is_tijdelijk for e in eerder):
        yield bevinding(
            "9415", "TR415", path, "Deze levering is al definitief gestopt; geen stop meer."
        )
    if stop.is_tijdelijk and any(e.is_tijdelijk for e in eerder):
        yield bevinding("9413", "TR413", path, "Deze levering is al tijdelijk gestopt (reden 20).")
    if any(stop.einddatum < e.einddatum for e in eerder):
        yield bevinding(
            "9414", "TR414", path, "De Einddatum ligt voor die van de eerdere stop van deze start."
        )

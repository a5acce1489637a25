"""The verplichting of a toewijzing under each financing model, as a pure computation.

* inspanningsgericht (P x Q): tarief x volume x the number of frequentie periods in the
  toewijzing's period (`bekostiging.frequentie_perioden`), per contract tarief over the days it is
  valid. Hours assigned against an hourly tarief; minutes against an hourly tarief count /60.
* outputgericht: the indication budget (the toewijzing's budget, or else P x Q as above) times
  the realisatiefactor; with a resultaat_percentage that share is held back (the 20 of 80/20).
* taakgericht (lumpsum): no amount per client; the verplichting only counts the toewijzing.

The omvang is the one of the toewijzing event (`wmo_common.events.common.Omvang`). A
toewijzing without einddatum is committed to the end of the year it starts in (the budget
year). Amounts are exact Decimals until `to_cents` (see the rounding rule in `bekostiging`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from wmo_common.events.common import Omvang
from wmo_finance.bekostiging import (
    TOTAAL,
    eenheid_factor,
    end_of_year,
    frequentie_perioden,
    overlap,
    split,
    to_cents,
)


@dataclass(frozen=True)
class Prijs:
    eenheid: str
    bedrag_cents: int
    geldig_vanaf: date
    geldig_tot: date | None


@dataclass(frozen=True)
class Uitkomst:
    bedrag_cents: int
    resultaat_cents: int
    einddatum: date


class GeenTarief(LookupError):
    """No contract tarief prices this omvang on the toewijzing's ingangsdatum."""


def periode_einde(ingangsdatum: date, einddatum: date | None) -> date:
    return einddatum if einddatum is not None else end_of_year(ingangsdatum)


def p_maal_q(
    omvang: Omvang, ingangsdatum: date, einddatum: date, prijzen: Sequence[Prijs]
) -> Decimal:
    """Exact cents of tarief x volume x frequentie periods, tarief by tarief over its validity."""
    passend = [
        (p, factor)
        for p in prijzen
        if (factor := eenheid_factor(omvang.eenheid, p.eenheid)) is not None
    ]
    if not any(
        p.geldig_vanaf <= ingangsdatum and (p.geldig_tot is None or ingangsdatum <= p.geldig_tot)
        for p, _ in passend
    ):
        raise GeenTarief()
    if omvang.frequentie == TOTAAL:
        # A total volume has no spread over time: the tarief of the first day prices it.
        prijs, factor = next(
            (p, f)
            for p, f in passend
            if p.geldig_vanaf <= ingangsdatum
            and (p.geldig_tot is None or ingangsdatum <= p.geldig_tot)
        )
        return Decimal(prijs.bedrag_cents) * Decimal(omvang.volume) * factor
    total = Decimal(0)
    for prijs, factor in passend:
        begin, end = overlap(ingangsdatum, einddatum, prijs.geldig_vanaf, prijs.geldig_tot)
        perioden = frequentie_perioden(omvang.frequentie, begin, end)
        total += Decimal(prijs.bedrag_cents) * Decimal(omvang.volume) * factor * perioden
    return total


def compute_verplichting(
    *,
    model: str,
    ingangsdatum: date,
    einddatum: date | None,
    omvang: Omvang | None,
    budget_cents: int | None,
    prijzen: Sequence[Prijs],
    realisatiefactor: Decimal | None,
    resultaat_percentage: Decimal | None,
) -> Uitkomst:
    """The verplichting before results are evaluated; raises GeenTarief when P x Q has no price."""
    end = periode_einde(ingangsdatum, einddatum)
    if model == "taakgericht":
        return Uitkomst(bedrag_cents=0, resultaat_cents=0, einddatum=end)
    if model == "inspanningsgericht":
        if omvang is None:
            raise GeenTarief()
        return Uitkomst(
            bedrag_cents=to_cents(p_maal_q(omvang, ingangsdatum, end, prijzen)),
            resultaat_cents=0,
            einddatum=end,
        )
    if budget_cents is not None:
        budget = Decimal(budget_cents)
    elif omvang is not None:
        budget = p_maal_q(omvang, ingangsdatum, end, prijzen)
    else:
        raise GeenTarief()
    total = to_cents(budget * (realisatiefactor if realisatiefactor is not None else Decimal(1)))
    if resultaat_percentage is None:
        return Uitkomst(bedrag_cents=total, resultaat_cents=0, einddatum=end)
    _, resultaat = split(total, resultaat_percentage)
    return Uitkomst(bedrag_cents=total, resultaat_cents=resultaat, einddatum=end)

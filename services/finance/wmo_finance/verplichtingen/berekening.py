"""The verplichting of a toewijzing under each financing model, as a pure computation.

* inspanningsgericht (P x Q): tarief x volume x the number of frequentie periods in the
  toewijzing's period (`bekostiging.frequentie_perioden`), per contract tarief over the days it is
  valid. Hours assigned against an hourly tarief; minutes against an hourly tarief count /60.
* outputgericht: the indication budget (the toewijzing's budget, or else P x Q as above) times
  the realisatiefactor; with a resultaat_percentage that share is held back (the 20 of 80/20).
* taakgericht (lumpsum): no amount per client; the verplichting only counts the toewijzing.

The tarieven are those of the toewijzing's product at its indicated intensiteit (a product with
an intensiteit has a tarief; a tarief without intensiteit prices every intensiteit). The omvang
is the one of the toewijzing event (`wmo_common.events.common.Omvang`). A toewijzing without
einddatum is committed to the end of the year it starts in (the budget year).

A verplichting that runs into a next year is booked to each year for its own part: the exact
amount of each year's days (per tarief, as above; by calendar days for a budget or a total
volume), and the rounded whole split over the years by those weights (`verdeel`), so the parts
add up to the whole. Amounts are exact Decimals until `to_cents` (see the rounding rule in
`bekostiging`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from wmo_common.events.common import Omvang
from wmo_finance.bekostiging import (
    TOTAAL,
    days,
    eenheid_factor,
    end_of_year,
    frequentie_perioden,
    overlap,
    split,
    to_cents,
    verdeel,
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
    # Per budget year the exact weight of its part (its amount, or its days).
    gewichten: dict[int, Decimal]


class GeenTarief(LookupError):
    """No contract tarief prices this omvang on the toewijzing's ingangsdatum."""


def periode_einde(ingangsdatum: date, einddatum: date | None) -> date:
    return einddatum if einddatum is not None else end_of_year(ingangsdatum)


def jaren(ingangsdatum: date, einddatum: date) -> list[tuple[int, date, date]]:
    """The budget years of a period, each with the part of the period inside it."""
    return [
        (jaar, max(ingangsdatum, date(jaar, 1, 1)), min(einddatum, date(jaar, 12, 31)))
        for jaar in range(ingangsdatum.year, einddatum.year + 1)
    ]


def dagen_per_jaar(ingangsdatum: date, einddatum: date) -> dict[int, Decimal]:
    return {j: Decimal(days(b, e)) for j, b, e in jaren(ingangsdatum, einddatum)}


def per_jaar(total_cents: int, gewichten: dict[int, Decimal]) -> dict[int, int]:
    """Split whole cents over the years, earliest first, by their weights (`verdeel`)."""
    return verdeel(total_cents, {jaar: gewichten[jaar] for jaar in sorted(gewichten)})


def _passend(omvang: Omvang, prijzen: Sequence[Prijs]) -> list[tuple[Prijs, Decimal]]:
    return [
        (p, factor)
        for p in prijzen
        if (factor := eenheid_factor(omvang.eenheid, p.eenheid)) is not None
    ]


def _per_jaar(
    omvang: Omvang, ingangsdatum: date, einddatum: date, prijzen: Sequence[Prijs]
) -> dict[int, Decimal]:
    """The exact P x Q amount of each budget year's part (a total volume: by days)."""
    if omvang.frequentie == TOTAAL:
        return dagen_per_jaar(ingangsdatum, einddatum)
    passend = _passend(omvang, prijzen)
    result = {}
    for jaar, begin, end in jaren(ingangsdatum, einddatum):
        total = Decimal(0)
        for prijs, factor in passend:
            b, e = overlap(begin, end, prijs.geldig_vanaf, prijs.geldig_tot)
            perioden = frequentie_perioden(omvang.frequentie, b, e)
            total += Decimal(prijs.bedrag_cents) * Decimal(omvang.volume) * factor * perioden
        result[jaar] = total
    return result


def p_maal_q(
    omvang: Omvang, ingangsdatum: date, einddatum: date, prijzen: Sequence[Prijs]
) -> Decimal:
    """Exact cents of tarief x volume x frequentie periods, tarief by tarief over its validity."""
    passend = _passend(omvang, prijzen)
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
    dagen = dagen_per_jaar(ingangsdatum, end)
    if model == "taakgericht":
        return Uitkomst(bedrag_cents=0, resultaat_cents=0, einddatum=end, gewichten=dagen)
    if model == "inspanningsgericht":
        if omvang is None:
            raise GeenTarief()
        return Uitkomst(
            bedrag_cents=to_cents(p_maal_q(omvang, ingangsdatum, end, prijzen)),
            resultaat_cents=0,
            einddatum=end,
            gewichten=_per_jaar(omvang, ingangsdatum, end, prijzen),
        )
    # Outputgericht: the budget of the result, never the hours claimed.
    if budget_cents is not None:
        budget, gewichten = Decimal(budget_cents), dagen
    elif omvang is not None:
        budget = p_maal_q(omvang, ingangsdatum, end, prijzen)
        gewichten = _per_jaar(omvang, ingangsdatum, end, prijzen)
    else:
        raise GeenTarief()
    total = to_cents(budget * (realisatiefactor if realisatiefactor is not None else Decimal(1)))
    if resultaat_percentage is None:
        return Uitkomst(bedrag_cents=total, resultaat_cents=0, einddatum=end, gewichten=gewichten)
    _, resultaat = split(total, resultaat_percentage)
    return Uitkomst(
        bedrag_cents=total, resultaat_cents=resultaat, einddatum=end, gewichten=gewichten
    )

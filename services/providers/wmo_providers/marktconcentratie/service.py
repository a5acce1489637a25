"""Market concentration per segment and gebied: shares, top-5, HHI and the Pareto curve.

Every figure is computed exactly (fractions) from whole counts and cents and rounded once, half
up: percentages to one decimal, the HHI to a whole number. A cumulative share is rounded from
the exact cumulative sum, never added up from rounded shares.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_providers.marktconcentratie import repository
from wmo_providers.marktconcentratie.schemas import (
    Concentratie,
    Marktaandeel,
    Marktconcentratie,
    Paretopunt,
)
from wmo_providers.prestatie_indicatoren.periode import Periode

TOP = 5


def round_half_up(value: Fraction, decimalen: int = 1) -> Decimal:
    """Half up to `decimalen` places; `value` is never negative here."""
    scaled = math.floor(value * 10**decimalen + Fraction(1, 2))
    return Decimal(scaled).scaleb(-decimalen)


def compute_concentratie(waarden: Mapping[str, int], volgorde: list[str]) -> Concentratie:
    """Shares of `waarden` (none negative) over all aanbieders in `volgorde`, largest first."""
    totaal = sum(waarden.values())
    if totaal == 0:
        return Concentratie(totaal=0, top5_percentage=None, hhi=None, paretocurve=[])
    gesorteerd = sorted(volgorde, key=lambda agb: -waarden[agb])
    aandelen = [Fraction(100 * waarden[agb], totaal) for agb in gesorteerd]
    curve = []
    cumulatief = Fraction(0)
    for rang, aandeel in enumerate(aandelen, start=1):
        cumulatief += aandeel
        curve.append(
            Paretopunt(
                aanbieders=rang,
                aanbieders_percentage=round_half_up(Fraction(100 * rang, len(aandelen))),
                aandeel_percentage=round_half_up(cumulatief),
            )
        )
    return Concentratie(
        totaal=totaal,
        top5_percentage=round_half_up(sum(aandelen[:TOP], Fraction(0))),
        hhi=int(round_half_up(sum((a * a for a in aandelen), Fraction(0)), 0)),
        paretocurve=curve,
    )


def _aandeel(waarde: int, totaal: int) -> Decimal | None:
    return round_half_up(Fraction(100 * waarde, totaal)) if totaal else None


async def compute_marktconcentratie(
    session: AsyncSession, periode: Periode, segment_id: uuid.UUID | None, gebied: str | None
) -> Marktconcentratie:
    """The market of every aanbieder with clients or revenue in the selection."""
    clienten = await repository.clienten_per_aanbieder(session, periode, segment_id, gebied)
    omzet = await repository.omzet_per_aanbieder(session, periode, segment_id, gebied)
    agbs = sorted(clienten.keys() | omzet.keys())
    clienten = {agb: clienten.get(agb, 0) for agb in agbs}
    # More credited than granted in a period is a correction of earlier periods, not a negative
    # market share: it counts as nothing.
    omzetaandeel = {agb: max(0, omzet.get(agb, 0)) for agb in agbs}
    namen = await repository.namen(session, agbs)
    per_clienten = compute_concentratie(clienten, agbs)
    per_omzet = compute_concentratie(omzetaandeel, agbs)
    volgorde = sorted(agbs, key=lambda agb: (-clienten[agb], -omzetaandeel[agb], agb))
    return Marktconcentratie(
        periode=periode.code,
        segment_id=segment_id,
        gebied=gebied,
        aanbieders=[
            Marktaandeel(
                agb=agb,
                naam=namen.get(agb),
                clienten=clienten[agb],
                clientaandeel_percentage=_aandeel(clienten[agb], per_clienten.totaal),
                omzet_cents=omzet.get(agb, 0),
                omzetaandeel_percentage=_aandeel(omzetaandeel[agb], per_omzet.totaal),
            )
            for agb in volgorde
        ],
        clienten=per_clienten,
        omzet=per_omzet,
    )

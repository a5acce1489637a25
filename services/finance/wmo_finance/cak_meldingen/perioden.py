"""From reported care to contribution periods, as a pure computation.

Per toewijzing: every stop (Wmo307) is a closed period [begindatum, einddatum]; a start
(Wmo305) that no stop of the same toewijzing covers is an open period from its begindatum.
Per person and soort the periods of all voorzieningen are merged: periods that overlap or
follow each other without a free day are one contribution period. So the CAK hears a start
when the first voorziening starts and a stop when the last one ends (VNG: per person, not per
voorziening), and a gap in all care is a gap in the contribution.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Periode:
    start: date
    stop: date | None  # None: still running


@dataclass(frozen=True)
class Zorgfeit:
    toewijzing: tuple[str, str]  # (aanbieder_agb, toewijzingnummer)
    begindatum: date
    einddatum: date | None


def per_toewijzing(feiten: Iterable[Zorgfeit]) -> list[Periode]:
    """The periods of care each toewijzing reports, over all toewijzingen."""
    stops: dict[tuple[str, str], list[Periode]] = defaultdict(list)
    starts: dict[tuple[str, str], list[date]] = defaultdict(list)
    for feit in feiten:
        if feit.einddatum is None:
            starts[feit.toewijzing].append(feit.begindatum)
        elif feit.begindatum <= feit.einddatum:
            stops[feit.toewijzing].append(Periode(feit.begindatum, feit.einddatum))
    periodes = [p for gesloten in stops.values() for p in gesloten]
    for toewijzing, begins in starts.items():
        gesloten = stops[toewijzing]
        periodes += [
            Periode(begin, None)
            for begin in begins
            if not any(p.start <= begin <= (p.stop or begin) for p in gesloten)
        ]
    return periodes


def merge(periodes: Sequence[Periode]) -> list[Periode]:
    """Merge overlapping and adjoining periods, earliest first."""
    merged: list[Periode] = []
    for periode in sorted(periodes, key=lambda p: p.start):
        if merged and (last := merged[-1]).stop is not None:
            if periode.start <= last.stop + timedelta(days=1):
                stop = None if periode.stop is None else max(last.stop, periode.stop)
                merged[-1] = Periode(last.start, stop)
                continue
        elif merged:
            continue  # the last period is still open: it covers everything after its start
        merged.append(periode)
    return merged


def overlaps(a_start: date, a_stop: date | None, b: Periode) -> bool:
    return a_start <= (b.stop or date.max) and b.start <= (a_stop or date.max)

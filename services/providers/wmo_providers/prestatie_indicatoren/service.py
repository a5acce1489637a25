"""KPIs per aanbieder, segment and period, computed from the facts; norms and signaleringen."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.calendar import add_working_days
from wmo_common.events import outbox
from wmo_common.events.providers import PrestatiesBijgewerkt
from wmo_common.scheduling import recorded_run
from wmo_providers.aanbieders import repository as aanbieders
from wmo_providers.prestatie_indicatoren import repository
from wmo_providers.prestatie_indicatoren.errors import PrestatienormNietGevonden
from wmo_providers.prestatie_indicatoren.models import (
    DeclaratieregelFeit,
    Prestatienorm,
    ResultaatFeit,
    ToewijzingFeit,
)
from wmo_providers.prestatie_indicatoren.periode import Periode
from wmo_providers.prestatie_indicatoren.schemas import (
    HOGER_IS_BETER,
    Beeindigd,
    Berichten,
    Indicator,
    Norm,
    PrestatieIndicatoren,
    PrestatienormRead,
    PrestatienormUpdate,
)
from wmo_providers.signaleringen import repository as signaleringen_repository
from wmo_providers.signaleringen import service as signaleringen

# iWmo: a 305 or 307 is due within 5 working days of the real start or stop.
BERICHT_TERMIJN_WERKDAGEN = 5
EEN_DECIMAAL = Decimal("0.1")
Groep = tuple[str, uuid.UUID | None]


@dataclass
class Feiten:
    """The facts of one aanbieder in one segment."""

    toewijzingen: list[ToewijzingFeit] = field(default_factory=list)
    declaratieregels: list[tuple[DeclaratieregelFeit, str | None]] = field(default_factory=list)
    resultaten: list[ResultaatFeit] = field(default_factory=list)


async def load_feiten(
    session: AsyncSession, agb: str | None, segment_id: uuid.UUID | None
) -> dict[Groep, Feiten]:
    """Facts grouped by aanbieder and segment; a declaratie line takes its toewijzing's segment."""
    groepen: dict[Groep, Feiten] = defaultdict(Feiten)
    by_nummer: dict[tuple[str, str], ToewijzingFeit] = {}
    for t in await repository.toewijzingen(session, agb, segment_id):
        groepen[(t.aanbieder_agb, t.segment_id)].toewijzingen.append(t)
        by_nummer[(t.aanbieder_agb, t.toewijzingnummer)] = t
    agbs = [agb] if agb is not None else None
    if segment_id is not None:
        agbs = sorted({a for a, _ in groepen})
    for regel in await repository.declaratieregels(session, agbs):
        toewijzing = by_nummer.get((regel.aanbieder_agb, regel.toewijzingnummer or ""))
        if toewijzing is None and segment_id is not None:
            continue  # its segment is unknown until the toewijzing's facts arrive
        segment = toewijzing.segment_id if toewijzing else None
        client = toewijzing.client_pseudonym if toewijzing else None
        groepen[(regel.aanbieder_agb, segment)].declaratieregels.append((regel, client))
    for resultaat in await repository.resultaten(session, agb, segment_id):
        groepen[(resultaat.aanbieder_agb, resultaat.segment_id)].resultaten.append(resultaat)
    return dict(groepen)


def _gemiddelde(values: Sequence[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(EEN_DECIMAAL, ROUND_HALF_UP)


def _percentage(deel: int, geheel: int) -> Decimal | None:
    if geheel == 0:
        return None
    return (Decimal(100 * deel) / geheel).quantize(EEN_DECIMAAL, ROUND_HALF_UP)


def _einde(t: ToewijzingFeit) -> date | None:
    """When care ended: the 307's date, else the einddatum access set when ending it early."""
    if t.stopdatum is not None:
        return t.stopdatum
    return t.einddatum if t.beeindigd_reden is not None else None


def _laatste_dag(t: ToewijzingFeit) -> date | None:
    days = [d for d in (t.stopdatum, t.einddatum) if d is not None]
    return min(days) if days else None


def compute(
    groep: Groep,
    feiten: Feiten,
    periode: Periode,
    peildatum: date,
    norm: Prestatienorm | None,
) -> PrestatieIndicatoren:
    """The KPIs of one aanbieder in one segment over `periode`, with messages counted as
    missing when their deadline passed before `peildatum`."""
    agb, segment_id = groep
    ts = feiten.toewijzingen
    treeknorm = norm.treeknorm_dagen if norm else None

    gestart = [t for t in ts if t.start_ontvangen_date and periode.contains(t.begindatum)]
    wachttijden = [
        max(0, (t.begindatum - t.toewijzingsdatum).days)
        for t in gestart
        if t.begindatum and t.toewijzingsdatum
    ]
    binnen = (
        _percentage(sum(1 for w in wachttijden if w <= treeknorm), len(wachttijden))
        if treeknorm is not None
        else None
    )
    actief = {
        t.client_pseudonym
        for t in ts
        if t.begindatum is not None
        and t.begindatum <= periode.eind
        and ((last := _laatste_dag(t)) is None or last >= periode.eind)
    }
    geeindigd = [t for t in ts if periode.contains(_einde(t))]
    redenen = Counter(t.reden_beeindiging or t.beeindigd_reden or "onbekend" for t in geeindigd)
    duren = [
        (einde - t.begindatum).days
        for t in geeindigd
        if t.begindatum is not None and (einde := _einde(t)) is not None
    ]

    regels = [(r, c) for r, c in feiten.declaratieregels if periode.contains(r.beoordeeld_date)]
    toegekend = sum(r.toegekend_netto_cents for r, _ in regels)
    clienten = {c for _, c in regels if c is not None}
    kosten = None
    if clienten:
        # Rounded once, half up to whole cents, over the lines whose client is known.
        bekend = sum(r.toegekend_netto_cents for r, c in regels if c is not None)
        kosten = int((Decimal(bekend) / len(clienten)).quantize(Decimal(1), ROUND_HALF_UP))

    resultaten = [r for r in feiten.resultaten if periode.contains(r.geevalueerd_date)]

    def is_late(dag: date | None, ontvangen: date | None) -> bool:
        return (
            dag is not None
            and ontvangen is not None
            and periode.contains(dag)
            and ontvangen > add_working_days(dag, BERICHT_TERMIJN_WERKDAGEN)
        )

    def is_missing(dag: date | None) -> bool:
        return (
            dag is not None
            and periode.contains(dag)
            and add_working_days(dag, BERICHT_TERMIJN_WERKDAGEN) < peildatum
        )

    berichten = Berichten(
        te_late_startberichten=sum(is_late(t.begindatum, t.start_ontvangen_date) for t in ts),
        ontbrekende_startberichten=sum(
            t.start_ontvangen_date is None and is_missing(t.ingangsdatum) for t in ts
        ),
        te_late_stopberichten=sum(is_late(t.stopdatum, t.stop_ontvangen_date) for t in ts),
        ontbrekende_stopberichten=sum(
            t.start_ontvangen_date is not None
            and t.stop_ontvangen_date is None
            and is_missing(t.einddatum)
            for t in ts
        ),
    )
    kpi = PrestatieIndicatoren(
        agb=agb,
        segment_id=segment_id,
        periode=periode.code,
        toewijzingen_ontvangen=sum(periode.contains(t.toewijzingsdatum) for t in ts),
        gestart=len(gestart),
        gemiddelde_wachttijd_dagen=_gemiddelde(wachttijden),
        treeknorm_dagen=treeknorm,
        binnen_treeknorm_percentage=binnen,
        actieve_caseload=len(actief),
        beeindigd=Beeindigd(aantal=len(geeindigd), per_reden=dict(sorted(redenen.items()))),
        gemiddelde_duur_dagen=_gemiddelde(duren),
        declaratieregels=len(regels),
        afwijzingspercentage=_percentage(sum(not r.is_goedgekeurd for r, _ in regels), len(regels)),
        toegekend_cents=toegekend,
        kosten_per_client_cents=kosten,
        resultaten_geevalueerd=len(resultaten),
        resultaten_behaald_percentage=_percentage(
            sum(r.is_behaald for r in resultaten), len(resultaten)
        ),
        berichten=berichten,
        te_late_of_ontbrekende_berichten=sum(berichten.model_dump().values()),
        onder_norm=[],
    )
    kpi.onder_norm = [n.indicator for n in _normen(norm) if _onder_norm(kpi, n)]
    return kpi


def _normen(norm: Prestatienorm | None) -> list[Norm]:
    if norm is None:
        return []
    return [Norm(indicator=Indicator(k), waarde=Decimal(v)) for k, v in sorted(norm.normen.items())]


def waarde(kpi: PrestatieIndicatoren, indicator: Indicator) -> Decimal | None:
    value = getattr(kpi, _attribute(indicator))
    return None if value is None else Decimal(value)


def _attribute(indicator: Indicator) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in indicator.value)


def _onder_norm(kpi: PrestatieIndicatoren, norm: Norm) -> bool:
    value = waarde(kpi, norm.indicator)
    if value is None:
        return False
    return value < norm.waarde if norm.indicator in HOGER_IS_BETER else value > norm.waarde


async def list_prestatie_indicatoren(
    session: AsyncSession,
    periode: Periode,
    peildatum: date,
    *,
    agb: str | None,
    segment_id: uuid.UUID | None,
) -> list[PrestatieIndicatoren]:
    groepen = await load_feiten(session, agb, segment_id)
    norms = {n.segment_id: n for n in await repository.all_norms(session)}
    return [
        compute(groep, feiten, periode, peildatum, norms.get(groep[1]) if groep[1] else None)
        for groep, feiten in sorted(groepen.items(), key=lambda g: (g[0][0], str(g[0][1])))
    ]


async def list_norms(session: AsyncSession) -> list[PrestatienormRead]:
    return [to_read(n) for n in await repository.all_norms(session)]


async def get_norm(session: AsyncSession, segment_id: uuid.UUID) -> PrestatienormRead:
    norm = await repository.find_norm(session, segment_id)
    if norm is None:
        raise PrestatienormNietGevonden()
    return to_read(norm)


async def set_norm(
    session: AsyncSession, segment_id: uuid.UUID, data: PrestatienormUpdate
) -> PrestatienormRead:
    norm = await repository.find_norm(session, segment_id)
    if norm is None:
        norm = Prestatienorm(segment_id=segment_id)
        session.add(norm)
    norm.treeknorm_dagen = data.treeknorm_dagen
    norm.signalering_na_perioden = data.signalering_na_perioden
    norm.normen = {n.indicator.value: str(n.waarde) for n in data.normen}
    await session.flush()
    return to_read(norm)


def to_read(norm: Prestatienorm) -> PrestatienormRead:
    return PrestatienormRead(
        segment_id=norm.segment_id,
        normen=_normen(norm),
        treeknorm_dagen=norm.treeknorm_dagen,
        signalering_na_perioden=norm.signalering_na_perioden,
    )


async def _evaluate_periode(
    session: AsyncSession, periode: Periode, peildatum: date, default_perioden: int
) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """Raise a signalering for each aanbieder below a norm for the segment's number of
    consecutive periods ending with `periode`, and lift one whose norm `periode` meets again.

    Repeating an evaluation changes nothing: at most one open signalering per aanbieder, segment
    and indicator.
    """
    raised: list[uuid.UUID] = []
    lifted: list[uuid.UUID] = []
    for norm in await repository.all_norms(session):
        normen = _normen(norm)
        perioden = _consecutive(periode, norm.signalering_na_perioden or default_perioden)
        groepen = await load_feiten(session, None, norm.segment_id)
        open_signaleringen = {
            (s.aanbieder_id, s.indicator): s
            for s in await signaleringen_repository.open_for_indicators(session, norm.segment_id)
        }
        for (agb, _), feiten in sorted(groepen.items(), key=lambda g: g[0][0]):
            aanbieder = await aanbieders.find_by_agb(session, agb)
            if aanbieder is None:
                continue  # not registered here: nobody to flag (yet)
            kpis = [compute((agb, norm.segment_id), feiten, p, peildatum, norm) for p in perioden]
            await outbox.add(
                session,
                PrestatiesBijgewerkt(
                    aanbieder_id=aanbieder.id,
                    agb=agb,
                    segment_id=norm.segment_id,
                    periode=kpis[0].periode,
                    gemiddelde_wachttijd_dagen=kpis[0].gemiddelde_wachttijd_dagen,
                    treeknorm_dagen=norm.treeknorm_dagen,
                ),
            )
            for n in normen:
                current = open_signaleringen.get((aanbieder.id, n.indicator.value))
                below = [n.indicator in k.onder_norm for k in kpis]
                if all(below) and current is None:
                    signalering = await signaleringen.raise_signalering(
                        session,
                        aanbieder,
                        reden=_reden(n, kpis),
                        actor="prestatie-indicatoren",
                        segment_id=norm.segment_id,
                        indicator=n.indicator.value,
                        periode=periode.code,
                    )
                    raised.append(signalering.id)
                elif (
                    current is not None
                    and not below[0]
                    and waarde(kpis[0], n.indicator) is not None
                ):
                    await signaleringen.lift(
                        session,
                        current,
                        agb,
                        reden=f"{n.indicator.value} haalt de norm weer in {periode.code}.",
                        actor="prestatie-indicatoren",
                    )
                    lifted.append(current.id)
    return raised, lifted


def _consecutive(periode: Periode, count: int) -> list[Periode]:
    perioden = [periode]
    while len(perioden) < count:
        perioden.append(perioden[-1].previous())
    return perioden


def _reden(norm: Norm, kpis: Iterable[PrestatieIndicatoren]) -> str:
    richting = "onder" if norm.indicator in HOGER_IS_BETER else "boven"
    gemeten = "; ".join(
        f"{k.periode}: {waarde(k, norm.indicator)}" for k in sorted(kpis, key=lambda k: k.periode)
    )
    return f"{norm.indicator.value} {richting} de norm van {norm.waarde} ({gemeten})."


async def evaluate(
    session: AsyncSession, periode: Periode, peildatum: date, default_perioden: int
) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """Evaluate `periode` as one recorded run of the `prestatie-indicatoren` check."""
    async with recorded_run(session, "prestatie-indicatoren", peildatum):
        return await _evaluate_periode(session, periode, peildatum, default_perioden)

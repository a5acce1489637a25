"""Judge a Wmo323 line by line with the standard's retour codes and answer with a verdict.

Per iWmo 3.2 (IV087, TR rules of the 323): a declaratie is judged once; a reused
DeclaratieNummer rejects it as a whole (9333, it counts as never sent); otherwise every
prestatie is approved or rejected as a whole, with every code that applies. Credit lines are
judged first so that a full credit and a new debit for the same period can travel together
(OP366). The verdict goes out as `declaratie-beoordeeld`; the gateway writes the Wmo325.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events import outbox
from wmo_common.events.finance import DeclaratieBeoordeeld, Prestatiebeoordeling
from wmo_common.events.gateway import DeclaratieOntvangen
from wmo_common.events.gateway import Prestatie as GedeclareerdePrestatie
from wmo_finance.bekostiging import EURO, MINUUT, UUR, eenheid_factor, to_cents, toegestaan_volume
from wmo_finance.contracten import repository as contracten
from wmo_finance.contracten.models import ContractTarief
from wmo_finance.declaraties import repository
from wmo_finance.declaraties.errors import DeclaratieNietGevonden
from wmo_finance.declaraties.models import Declaratie, Prestatie
from wmo_finance.declaraties.retourcodes import (
    AL_GECREDITEERD,
    ANDER_TARIEF,
    ANDERE_CATEGORIE,
    ANDERE_CLIENT,
    ANDERE_EENHEID,
    ANDERE_PRODUCTCODE,
    BEDRAG_NIET_VOLUME_MAAL_TARIEF,
    BEGIN_BUITEN_TOEWIJZING,
    BUDGET_OVERSCHREDEN,
    BUITEN_DECLARATIEPERIODE,
    CREDIT_ZONDER_DEBET,
    DEBET_AL_GEDECLAREERD,
    EIND_BUITEN_TOEWIJZING,
    GEEN_OPMERKING,
    NIET_BEOORDEELD,
    NUMMER_NIET_UNIEK,
    ONBEKENDE_TOEWIJZING,
    REFERENTIE_AL_GEBRUIKT,
    VERWIJDERDE_TOEWIJZING,
    VOLLEDIG_TOEGEWEZEN,
    VOLUME_PERIODE_TE_HOOG,
    VOLUME_TOTAAL_TE_HOOG,
)
from wmo_finance.locks import lock
from wmo_finance.toewijzingen import repository as toewijzingen
from wmo_finance.toewijzingen.models import Toewijzing


async def beoordeel(
    session: AsyncSession, event: DeclaratieOntvangen, today: date
) -> Declaratie | None:
    """Judge a received declaratie; None when this bericht was judged before (no second 325)."""
    # One aanbieder's declaraties are judged one at a time: cumulative volumes and duplicate
    # checks must see what an earlier declaratie wrote.
    await lock(session, "declaraties", event.aanbieder_agb)
    if await repository.find_by_bericht(session, event.bericht_id) is not None:
        return None
    is_hergebruikt = await repository.is_nummer_used(
        session, event.aanbieder_agb, event.declaratienummer
    )
    declaratie = Declaratie(
        id=uuid.uuid4(),
        bericht_id=event.bericht_id,
        berichtidentificatie=event.berichtidentificatie,
        declaratienummer=event.declaratienummer,
        aanbieder_agb=event.aanbieder_agb,
        gemeentecode=event.gemeentecode,
        declaratiedatum=event.declaratiedatum,
        periode_begin=event.periode_begin,
        periode_eind=event.periode_eind,
        totaal_ingediend_cents=event.totaal_bedrag_cents,
        totaal_toegekend_cents=0,
        retourcode=NUMMER_NIET_UNIEK if is_hergebruikt else GEEN_OPMERKING,
    )
    session.add(declaratie)
    await session.flush()

    prestaties: list[Prestatie] = []
    if is_hergebruikt:
        for index in range(len(event.prestaties)):
            prestaties.append(
                _record(session, declaratie, event, index, [NIET_BEOORDEELD], None, False)
            )
    else:
        kennis = await _Kennis.laad(session, event)
        # Credits first: a line credited and declared anew in one message (OP366).
        order = sorted(range(len(event.prestaties)), key=lambda i: event.prestaties[i].debet_credit)
        for index in order:
            line = event.prestaties[index]
            toewijzing = kennis.toewijzingen.get(line.toewijzingnummer)
            if line.debet_credit == "C":
                codes = await _judge_credit(session, event, line, kennis)
            else:
                codes = await _judge_debet(session, event, line, toewijzing, kennis, today)
            prestatie = _record(session, declaratie, event, index, codes, toewijzing, True)
            kennis.neem_op(prestatie)
            prestaties.append(prestatie)
    prestaties.sort(key=lambda p: p.volgnummer)
    await session.flush()

    goedgekeurd = [p for p in prestaties if p.is_goedgekeurd]
    declaratie.totaal_toegekend_cents = sum(_signed(p) for p in goedgekeurd)
    # Lines the gateway already rejected are not ours to judge, but they keep the declaratie
    # from being fully approved.
    if (
        not is_hergebruikt
        and not event.afgewezen_referenties
        and len(goedgekeurd) == len(prestaties)
    ):
        declaratie.retourcode = VOLLEDIG_TOEGEWEZEN
    if goedgekeurd:
        await repository.add_to_batch(
            session,
            aanbieder_agb=event.aanbieder_agb,
            periode=event.periode_begin.replace(day=1),
            bedrag_cents=declaratie.totaal_toegekend_cents,
            aantal=len(goedgekeurd),
        )
    await session.flush()
    await outbox.add(session, _verdict(declaratie, prestaties))
    return declaratie


@dataclass
class _Kennis:
    """What judging one declaratie needs, read once and kept current line by line: a later line
    sees the earlier ones (a reused reference, the volume delivered, a period already declared)
    as if each had been written before it was judged, without a query per line."""

    toewijzingen: dict[str, Toewijzing]
    gebruikte_referenties: set[str]
    lopend: dict[uuid.UUID, list[Prestatie]]
    tarieven: dict[tuple[object, ...], ContractTarief | None] = field(default_factory=dict)

    @classmethod
    async def laad(cls, session: AsyncSession, event: DeclaratieOntvangen) -> _Kennis:
        found = await toewijzingen.list_by_nummers(
            session,
            gemeentecode=event.gemeentecode,
            aanbieder_agb=event.aanbieder_agb,
            toewijzingnummers={p.toewijzingnummer for p in event.prestaties},
        )
        by_nummer: dict[str, Toewijzing] = {}
        for toewijzing in found:
            by_nummer.setdefault(toewijzing.toewijzingnummer, toewijzing)
        lopend: dict[uuid.UUID, list[Prestatie]] = defaultdict(list)
        for debet in await repository.list_lopende_debets(
            session, [t.id for t in by_nummer.values()]
        ):
            if debet.toewijzing_id is not None:
                lopend[debet.toewijzing_id].append(debet)
        used = await repository.used_referenties(
            session, event.aanbieder_agb, {p.referentie for p in event.prestaties}
        )
        return cls(toewijzingen=by_nummer, gebruikte_referenties=used, lopend=lopend)

    def neem_op(self, prestatie: Prestatie) -> None:
        """Make a just-judged line count for the lines after it."""
        self.gebruikte_referenties.add(prestatie.referentie)
        if (
            prestatie.is_goedgekeurd
            and prestatie.debet_credit == "D"
            and prestatie.toewijzing_id is not None
        ):
            self.lopend[prestatie.toewijzing_id].append(prestatie)

    def lopende_debets(self, toewijzing: Toewijzing) -> list[Prestatie]:
        # A debit credited by an earlier line of this declaratie no longer counts.
        return [p for p in self.lopend.get(toewijzing.id, []) if not p.is_gecrediteerd]


async def _judge_credit(
    session: AsyncSession,
    event: DeclaratieOntvangen,
    line: GedeclareerdePrestatie,
    kennis: _Kennis,
) -> list[str]:
    """A credit line copies an approved debit with VorigReferentieNummer (IV091)."""
    codes: list[str] = []
    if line.referentie in kennis.gebruikte_referenties:
        codes.append(REFERENTIE_AL_GEBRUIKT)
    debet = (
        await repository.find_goedgekeurde_debet(
            session, event.aanbieder_agb, line.vorige_referentie
        )
        if line.vorige_referentie is not None
        else None
    )
    if debet is None:
        codes.append(CREDIT_ZONDER_DEBET)
    elif debet.is_gecrediteerd:
        codes.append(AL_GECREDITEERD)
    elif not codes:
        debet.is_gecrediteerd = True
    return codes


async def _judge_debet(
    session: AsyncSession,
    event: DeclaratieOntvangen,
    line: GedeclareerdePrestatie,
    toewijzing: Toewijzing | None,
    kennis: _Kennis,
    today: date,
) -> list[str]:
    codes: list[str] = []
    if line.referentie in kennis.gebruikte_referenties:
        codes.append(REFERENTIE_AL_GEBRUIKT)
    if toewijzing is None:
        # Also a toewijzing of another aanbieder: numbers are resolved within the aanbieder.
        return [*codes, ONBEKENDE_TOEWIJZING]
    if toewijzing.client_pseudonym != line.client_pseudonym:
        codes.append(ANDERE_CLIENT)
    if toewijzing.is_verwijderd:
        codes.append(VERWIJDERDE_TOEWIJZING)
    if line.product.categorie != toewijzing.categorie:
        codes.append(ANDERE_CATEGORIE)
    if toewijzing.code is not None and line.product.code != toewijzing.code:
        codes.append(ANDERE_PRODUCTCODE)
    if not _within(line.begindatum, toewijzing):
        codes.append(BEGIN_BUITEN_TOEWIJZING)
    if not _within(line.einddatum, toewijzing):
        codes.append(EIND_BUITEN_TOEWIJZING)
    if line.einddatum > event.periode_eind or line.einddatum > today:
        codes.append(BUITEN_DECLARATIEPERIODE)
    lopend = kennis.lopende_debets(toewijzing)
    codes += _judge_volume(line, toewijzing, lopend)
    codes += await _judge_tarief(session, event, line, toewijzing, kennis)
    if any(
        p.categorie == line.product.categorie
        and p.code == line.product.code
        and p.begindatum <= line.einddatum
        and line.begindatum <= p.einddatum
        for p in lopend
    ):
        codes.append(DEBET_AL_GEDECLAREERD)
    return codes


def _judge_volume(
    line: GedeclareerdePrestatie, toewijzing: Toewijzing, lopend: Sequence[Prestatie]
) -> list[str]:
    """The delivered volume within the assigned omvang, per period and cumulatively."""
    if toewijzing.budget_cents is not None and toewijzing.volume is None:
        used = sum(p.ingediend_bedrag_cents for p in lopend)
        return (
            [BUDGET_OVERSCHREDEN]
            if used + line.ingediend_bedrag_cents > toewijzing.budget_cents
            else []
        )
    if toewijzing.volume is None or toewijzing.eenheid is None or toewijzing.frequentie is None:
        return []
    factor = eenheid_factor(line.eenheid, toewijzing.eenheid)
    if factor is None:
        return [ANDERE_EENHEID]
    codes: list[str] = []
    volume = Decimal(line.geleverd_volume) * factor
    begin = max(line.begindatum, toewijzing.ingangsdatum)
    end = min(line.einddatum, toewijzing.einddatum or line.einddatum)
    if begin <= end and volume > toegestaan_volume(
        toewijzing.frequentie, toewijzing.volume, toewijzing.categorie, begin, end
    ):
        codes.append(VOLUME_PERIODE_TE_HOOG)
    if toewijzing.einddatum is not None:
        total = toegestaan_volume(
            toewijzing.frequentie,
            toewijzing.volume,
            # The 6-weeks allowance of category 01 is per month, never for the whole period.
            "",
            toewijzing.ingangsdatum,
            toewijzing.einddatum,
        )
        delivered = sum(
            (
                Decimal(p.geleverd_volume) * (eenheid_factor(p.eenheid, toewijzing.eenheid) or 0)
                for p in lopend
            ),
            Decimal(0),
        )
        if delivered + volume > total:
            codes.append(VOLUME_TOTAAL_TE_HOOG)
    return codes


async def _judge_tarief(
    session: AsyncSession,
    event: DeclaratieOntvangen,
    line: GedeclareerdePrestatie,
    toewijzing: Toewijzing,
    kennis: _Kennis,
) -> list[str]:
    """The declared tarief is the contract's for the period, and the amount is volume x tarief."""
    if line.eenheid == EURO:
        return []
    codes: list[str] = []
    # Minutes are priced at the hourly tarief (TR346).
    eenheden = (line.eenheid, UUR) if line.eenheid == MINUUT else (line.eenheid,)
    key = (
        toewijzing.segment_id,
        toewijzing.gebied,
        line.product.categorie,
        line.product.code,
        eenheden,
        line.begindatum,
    )
    if key not in kennis.tarieven:
        kennis.tarieven[key] = await contracten.find_tarief(
            session,
            aanbieder_agb=event.aanbieder_agb,
            segment_id=toewijzing.segment_id,
            gebied=toewijzing.gebied,
            categorie=line.product.categorie,
            code=line.product.code,
            eenheden=eenheden,
            op=line.begindatum,
        )
    tarief = kennis.tarieven[key]
    if tarief is None or tarief.bedrag_cents != line.product_tarief_cents:
        codes.append(ANDER_TARIEF)
    per_uur = line.eenheid == MINUUT and (tarief is None or tarief.eenheid == UUR)
    verwacht = to_cents(
        Decimal(line.geleverd_volume)
        * Decimal(line.product_tarief_cents)
        / (Decimal(60) if per_uur else Decimal(1))
    )
    if verwacht != line.ingediend_bedrag_cents:
        codes.append(BEDRAG_NIET_VOLUME_MAAL_TARIEF)
    return codes


def _record(
    session: AsyncSession,
    declaratie: Declaratie,
    event: DeclaratieOntvangen,
    index: int,
    codes: list[str],
    toewijzing: Toewijzing | None,
    is_beoordeeld: bool,
) -> Prestatie:
    line = event.prestaties[index]
    is_goedgekeurd = is_beoordeeld and not codes
    prestatie = Prestatie(
        id=uuid.uuid4(),
        declaratie_id=declaratie.id,
        volgnummer=index,
        aanbieder_agb=event.aanbieder_agb,
        referentie=line.referentie,
        vorige_referentie=line.vorige_referentie,
        toewijzingnummer=line.toewijzingnummer,
        toewijzing_id=toewijzing.id if toewijzing else None,
        client_pseudonym=line.client_pseudonym,
        categorie=line.product.categorie,
        code=line.product.code,
        begindatum=line.begindatum,
        einddatum=line.einddatum,
        geleverd_volume=line.geleverd_volume,
        eenheid=line.eenheid,
        product_tarief_cents=line.product_tarief_cents,
        ingediend_bedrag_cents=line.ingediend_bedrag_cents,
        debet_credit=line.debet_credit,
        is_beoordeeld=is_beoordeeld,
        is_goedgekeurd=is_goedgekeurd,
        retourcodes=codes,
        toegekend_bedrag_cents=line.ingediend_bedrag_cents if is_goedgekeurd else 0,
        is_gecrediteerd=False,
    )
    # Written with the others in one flush at the end; _Kennis lets later lines see it now.
    session.add(prestatie)
    return prestatie


def _verdict(declaratie: Declaratie, prestaties: Sequence[Prestatie]) -> DeclaratieBeoordeeld:
    return DeclaratieBeoordeeld(
        declaratie_id=declaratie.id,
        bericht_id=declaratie.bericht_id,
        declaratienummer=declaratie.declaratienummer,
        aanbieder_agb=declaratie.aanbieder_agb,
        prestaties=[
            Prestatiebeoordeling(
                referentie=p.referentie,
                toewijzingnummer=p.toewijzingnummer,
                goedgekeurd=p.is_goedgekeurd,
                retourcodes=list(p.retourcodes),
                ingediend_bedrag_cents=p.ingediend_bedrag_cents,
                toegekend_bedrag_cents=p.toegekend_bedrag_cents,
                debet_credit="C" if p.debet_credit == "C" else "D",
            )
            for p in prestaties
        ],
        totaal_ingediend_cents=declaratie.totaal_ingediend_cents,
        totaal_toegekend_cents=declaratie.totaal_toegekend_cents,
        retourcodes=[declaratie.retourcode],
    )


def _within(day: date, toewijzing: Toewijzing) -> bool:
    return toewijzing.ingangsdatum <= day and (
        toewijzing.einddatum is None or day <= toewijzing.einddatum
    )


def _signed(prestatie: Prestatie) -> int:
    if prestatie.debet_credit == "C":
        return -prestatie.toegekend_bedrag_cents
    return prestatie.toegekend_bedrag_cents


async def get_declaratie(session: AsyncSession, declaratie_id: uuid.UUID) -> Declaratie:
    declaratie = await repository.find_by_id(session, declaratie_id)
    if declaratie is None:
        raise DeclaratieNietGevonden()
    return declaratie

"""Judge a Wmo323 line by line with the standard's retour codes and answer with a verdict.

Per iWmo 3.2 (IV087, TR rules of the 323): a declaratie is judged once; a reused
DeclaratieNummer rejects it as a whole (9333, it counts as never sent); otherwise every
prestatie is approved or rejected as a whole, with every code that applies. Credit lines are
judged first so that a full credit and a new debit for the same period can travel together
(OP366). The verdict goes out as `declaratie-beoordeeld`; the gateway writes the Wmo325.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events import outbox
from wmo_common.events.finance import DeclaratieBeoordeeld, Prestatiebeoordeling
from wmo_common.events.gateway import DeclaratieOntvangen
from wmo_common.events.gateway import Prestatie as GedeclareerdePrestatie
from wmo_finance.bekostiging import EURO, MINUUT, UUR, eenheid_factor, to_cents, toegestaan_volume
from wmo_finance.contracten import repository as contracten
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

    if is_hergebruikt:
        for index in range(len(event.prestaties)):
            await _record(session, declaratie, event, index, [NIET_BEOORDEELD], is_beoordeeld=False)
    else:
        # Credits first: a line credited and declared anew in one message (OP366).
        order = sorted(range(len(event.prestaties)), key=lambda i: event.prestaties[i].debet_credit)
        for index in order:
            line = event.prestaties[index]
            if line.debet_credit == "C":
                codes = await _judge_credit(session, event, line)
            else:
                codes = await _judge_debet(session, event, line, today)
            await _record(session, declaratie, event, index, codes, is_beoordeeld=True)

    prestaties = await repository.list_prestaties(session, declaratie.id)
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


async def _judge_credit(
    session: AsyncSession, event: DeclaratieOntvangen, line: GedeclareerdePrestatie
) -> list[str]:
    """A credit line copies an approved debit with VorigReferentieNummer (IV091)."""
    codes: list[str] = []
    if await repository.is_referentie_used(session, event.aanbieder_agb, line.referentie):
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
    today: date,
) -> list[str]:
    codes: list[str] = []
    if await repository.is_referentie_used(session, event.aanbieder_agb, line.referentie):
        codes.append(REFERENTIE_AL_GEBRUIKT)
    toewijzing = await toewijzingen.find_by_nummer(
        session,
        gemeentecode=event.gemeentecode,
        aanbieder_agb=event.aanbieder_agb,
        toewijzingnummer=line.toewijzingnummer,
    )
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
    lopend = await repository.list_lopende_debets(session, toewijzing.id)
    codes += _judge_volume(line, toewijzing, lopend)
    codes += await _judge_tarief(session, event, line, toewijzing)
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
) -> list[str]:
    """The declared tarief is the contract's for the period, and the amount is volume x tarief."""
    if line.eenheid == EURO:
        return []
    codes: list[str] = []
    tarief = await contracten.find_tarief(
        session,
        aanbieder_agb=event.aanbieder_agb,
        segment_id=toewijzing.segment_id,
        gebied=toewijzing.gebied,
        categorie=line.product.categorie,
        code=line.product.code,
        # Minutes are priced at the hourly tarief (TR346).
        eenheden=[line.eenheid, UUR] if line.eenheid == MINUUT else [line.eenheid],
        op=line.begindatum,
    )
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


async def _record(
    session: AsyncSession,
    declaratie: Declaratie,
    event: DeclaratieOntvangen,
    index: int,
    codes: list[str],
    *,
    is_beoordeeld: bool,
) -> None:
    line = event.prestaties[index]
    toewijzing = await toewijzingen.find_by_nummer(
        session,
        gemeentecode=event.gemeentecode,
        aanbieder_agb=event.aanbieder_agb,
        toewijzingnummer=line.toewijzingnummer,
    )
    is_goedgekeurd = is_beoordeeld and not codes
    session.add(
        Prestatie(
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
        )
    )
    # Later lines of the same message must see this one (duplicates, cumulative volume).
    await session.flush()


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

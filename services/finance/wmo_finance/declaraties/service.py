"""Judge a Wmo323 and answer with a verdict; read the judged declaraties and betaalbatches.

Per iWmo 3.2 (IV087, TR rules of the 323): a declaratie is judged once (a reused
DeclaratieNummer, TR333, is the gateway's: such a 323 never gets here); every prestatie the
gateway passed is approved or rejected as a whole, with every code that applies
(`beoordeling`).
Credit lines are judged first so that a full credit and a new debit for the same period can
travel together (OP366). The verdict goes out as `declaratie-beoordeeld`; the gateway writes the
Wmo325.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal, scoped_agb
from wmo_common.events import outbox
from wmo_common.events.finance import DeclaratieBeoordeeld, Prestatiebeoordeling
from wmo_common.events.gateway import DeclaratieOntvangen
from wmo_common.lists import Periode, Sortering
from wmo_finance.declaraties import repository
from wmo_finance.declaraties.beoordeling import Kennis, judge_credit, judge_debet
from wmo_finance.declaraties.errors import DeclaratieNietGevonden
from wmo_finance.declaraties.models import BeoordeeldePrestatie, Betaalbatch, Declaratie
from wmo_finance.declaraties.retourcodes import (
    GEEN_OPMERKING,
    VOLLEDIG_TOEGEWEZEN,
)
from wmo_finance.declaraties.schemas import (
    BetaalbatchRead,
    DeclaratieDetailRead,
    DeclaratieRead,
    PrestatieRead,
)
from wmo_finance.leesmodellen.toewijzingen.models import Toewijzing
from wmo_finance.locks import lock

# The processing (AVG art. 30) every read of a declaratie's care lines is recorded under.
VERWERKINGSACTIVITEIT = "declaraties-wmo"


async def judge_declaratie(session: AsyncSession, event: DeclaratieOntvangen) -> Declaratie | None:
    """Judge a received declaratie; None when this bericht was judged before (no second 325)."""
    # One aanbieder's declaraties are judged one at a time: cumulative volumes and duplicate
    # checks must see what an earlier declaratie wrote.
    await lock(session, "declaraties", event.aanbieder_agb)
    if await repository.find_by_bericht(session, event.bericht_id) is not None:
        return None
    declaratie_id = uuid.uuid4()
    prestaties: list[BeoordeeldePrestatie] = []
    kennis = await Kennis.load(session, event)
    # Credits first: a line credited and declared anew in one message (OP366).
    order = sorted(range(len(event.prestaties)), key=lambda i: event.prestaties[i].debet_credit)
    for index in order:
        line = event.prestaties[index]
        toewijzing = kennis.toewijzingen.get(line.toewijzingnummer)
        if line.debet_credit == "C":
            codes = await judge_credit(session, event, line, kennis)
        else:
            codes = await judge_debet(session, event, line, toewijzing, kennis)
        prestatie = _record(declaratie_id, event, index, codes, toewijzing)
        kennis.add(prestatie)
        prestaties.append(prestatie)
    prestaties.sort(key=lambda p: p.volgnummer)

    goedgekeurd = [p for p in prestaties if p.is_goedgekeurd]
    # Lines the gateway already rejected are not ours to judge, but they keep the declaratie
    # from being fully approved.
    volledig = not event.afgewezen_referenties and len(goedgekeurd) == len(prestaties)
    declaratie = Declaratie(
        id=declaratie_id,
        bericht_id=event.bericht_id,
        berichtidentificatie=event.berichtidentificatie,
        declaratienummer=event.declaratienummer,
        aanbieder_agb=event.aanbieder_agb,
        gemeentecode=event.gemeentecode,
        declaratiedatum=event.declaratiedatum,
        periode_begin=event.periode_begin,
        periode_eind=event.periode_eind,
        # What the aanbieder declared, not only the lines the gateway let through.
        totaal_ingediend_cents=event.totaal_bedrag_cents
        if event.totaal_ingediend_cents is None
        else event.totaal_ingediend_cents,
        totaal_toegekend_cents=sum(_signed(p) for p in goedgekeurd),
        retourcode=VOLLEDIG_TOEGEWEZEN if volledig else GEEN_OPMERKING,
    )
    session.add(declaratie)
    # The declaratie and the debits its credits marked, then its lines in one insert.
    await session.flush()
    await repository.add_prestaties(session, prestaties)
    if goedgekeurd:
        await repository.add_to_batch(
            session,
            aanbieder_agb=event.aanbieder_agb,
            # The Wmo323 goes to the client's gemeente: it pays every line of it.
            gemeentecode=event.gemeentecode,
            periode=event.periode_begin.replace(day=1),
            bedrag_cents=declaratie.totaal_toegekend_cents,
            aantal=len(goedgekeurd),
        )
    await outbox.add(session, _verdict(declaratie, prestaties))
    return declaratie


def _record(
    declaratie_id: uuid.UUID,
    event: DeclaratieOntvangen,
    index: int,
    codes: list[str],
    toewijzing: Toewijzing | None,
) -> BeoordeeldePrestatie:
    line = event.prestaties[index]
    is_goedgekeurd = not codes
    return BeoordeeldePrestatie(
        id=uuid.uuid4(),
        declaratie_id=declaratie_id,
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
        is_beoordeeld=True,
        is_goedgekeurd=is_goedgekeurd,
        retourcodes=codes,
        toegekend_bedrag_cents=line.ingediend_bedrag_cents if is_goedgekeurd else 0,
        is_gecrediteerd=False,
    )


def _verdict(
    declaratie: Declaratie, prestaties: Sequence[BeoordeeldePrestatie]
) -> DeclaratieBeoordeeld:
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


def _signed(prestatie: BeoordeeldePrestatie) -> int:
    if prestatie.debet_credit == "C":
        return -prestatie.toegekend_bedrag_cents
    return prestatie.toegekend_bedrag_cents


async def get_declaratie(session: AsyncSession, declaratie_id: uuid.UUID) -> Declaratie:
    declaratie = await repository.find_by_id(session, declaratie_id)
    if declaratie is None:
        raise DeclaratieNietGevonden()
    return declaratie


async def list_declaraties(
    session: AsyncSession,
    viewer: Principal,
    *,
    aanbieder_agb: str | None,
    gemeentecode: str | None,
    retourcode: str | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[DeclaratieRead], int]:
    """The judged declaraties; an aanbieder sees only its own. The read is recorded (the
    caller commits); the list names no client, so neither does its record."""
    rows, count = await repository.list_page(
        session,
        aanbieder_agb=scoped_agb(viewer, aanbieder_agb),
        gemeentecode=gemeentecode,
        retourcode=retourcode,
        periode=periode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    await _audit(session, viewer, None, "declaraties")
    return [to_read(r) for r in rows], count


async def read_declaratie(
    session: AsyncSession, declaratie_id: uuid.UUID, viewer: Principal
) -> DeclaratieDetailRead:
    """One declaratie with the verdict on every line, for whoever may see it: another
    aanbieder's is "not found", as an unknown id is. The care lines concern clients: the read is
    recorded once per client (the caller commits)."""
    declaratie = await get_declaratie(session, declaratie_id)
    if viewer.is_provider_only and viewer.agb != declaratie.aanbieder_agb:
        raise DeclaratieNietGevonden()
    prestaties = await repository.list_prestaties(session, declaratie.id)
    for pseudonym in sorted({p.client_pseudonym for p in prestaties}):
        await _audit(session, viewer, pseudonym, f"declaraties/{declaratie.id}")
    return DeclaratieDetailRead.model_validate(
        to_read(declaratie).model_dump()
        | {
            "prestaties": [
                PrestatieRead.model_validate(p, from_attributes=True) for p in prestaties
            ]
        }
    )


async def list_betaalbatches(
    session: AsyncSession,
    viewer: Principal,
    *,
    aanbieder_agb: str | None,
    gemeentecode: str | None = None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[BetaalbatchRead], int]:
    """What each gemeente is to pay per aanbieder and month; an aanbieder sees only its own."""
    rows, count = await repository.list_batches(
        session,
        aanbieder_agb=scoped_agb(viewer, aanbieder_agb),
        gemeentecode=gemeentecode,
        periode=periode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    return [batch_to_read(r) for r in rows], count


async def _audit(
    session: AsyncSession, viewer: Principal, client_pseudonym: str | None, resource: str
) -> None:
    await audit.record(
        session,
        viewer,
        verwerkingsactiviteit=VERWERKINGSACTIVITEIT,
        handeling=Handeling.LEZEN,
        client_pseudonym=client_pseudonym,
        resource=resource,
    )


def to_read(declaratie: Declaratie) -> DeclaratieRead:
    return DeclaratieRead.model_validate(declaratie, from_attributes=True)


def batch_to_read(batch: Betaalbatch) -> BetaalbatchRead:
    return BetaalbatchRead.model_validate(batch, from_attributes=True)

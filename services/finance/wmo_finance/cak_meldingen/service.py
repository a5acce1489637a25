"""CAK-meldingen: tell the CAK when a person's eigen bijdrage starts and stops (iEb 4.0).

What starts and stops a contribution is the care really delivered, as the aanbieder reports
it (Wmo305 `zorg-gestart`, Wmo307 `zorg-gestopt`), never the date of the toewijzing: a
toewijzing issued late with a date in the past would otherwise make the CAK bill months at
once. Which products carry an eigen bijdrage, and whether it is the abonnementstarief (WMO405)
or beschermd wonen (WMO407), is data the controller keeps (`EigenBijdrageProduct`); a product
without a rule carries none, so nobody is billed on a guess.

Per person and soort the care is merged into contribution periods (`perioden`); each new
period gives a `start` melding, due within a month of the start (Uitvoeringsregeling Wmo 2015
art. 2f); the end of the last voorziening gives a `stop`, due within a month of the stop. A
change the CAK has not been sent yet is folded into the melding that waits; a change to what
was sent becomes a `wijziging` (StatusAanlevering 2), a period that turns out never to have
existed an `intrekking`, both due within a month of the day we learn it.

Finance never sees a BSN: a melding names the client by pseudonym only. The iEb message itself
needs the BSN and the name; the gateway, which holds the client's identity for iWmo, adds
them when it writes the WMO405/407. That hand-over is not wired yet (follow-up): until then
the controller records sending and the CAK's answer through the API.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.calendar import add_months
from wmo_common.events.common import Product
from wmo_finance.cak_meldingen import repository
from wmo_finance.cak_meldingen.errors import (
    CakAntwoordPastNiet,
    CakMeldingNietGevonden,
    CakMeldingNietTeVerzenden,
    CakMeldingNietVerzonden,
    EigenBijdrageProductBestaatAl,
    EigenBijdrageProductNietGevonden,
)
from wmo_finance.cak_meldingen.models import (
    CakMelding,
    EigenBijdragePeriode,
    EigenBijdrageProduct,
)
from wmo_finance.cak_meldingen.perioden import Periode, Zorgfeit, merge, overlaps, per_toewijzing
from wmo_finance.cak_meldingen.schemas import (
    AntwoordCreate,
    CakMeldingRead,
    EigenBijdrageProductCreate,
    EigenBijdrageProductRead,
    VerzendingCreate,
)
from wmo_finance.locks import lock

ABONNEMENTSTARIEF = "abonnementstarief"
BESCHERMD_WONEN = "beschermd-wonen"
GEEN = "geen"
# iEb: the message the municipality sends per soort, and the CAK's retour on it.
BERICHTCODES = {ABONNEMENTSTARIEF: "405", BESCHERMD_WONEN: "407"}
ANTWOORDCODES = {"405": "406", "407": "408"}

TE_VERZENDEN = "te-verzenden"
VERZONDEN = "verzonden"
BEVESTIGD = "bevestigd"
AFGEWEZEN = "afgewezen"

START = "start"
STOP = "stop"
WIJZIGING = "wijziging"
INTREKKING = "intrekking"

# StatusAanlevering 3: the aanbieder withdraws an earlier start or stop.
VERWIJDEREN = "3"

# The processing (AVG art. 30) every read or change of a melding is recorded under.
VERWERKINGSACTIVITEIT = "eigen-bijdrage-cak"


async def record_zorg(
    session: AsyncSession,
    *,
    gemeentecode: str,
    aanbieder_agb: str,
    toewijzingnummer: str,
    client_pseudonym: str,
    product: Product,
    begindatum: date,
    einddatum: date | None,
    status_aanlevering: str,
    today: date,
) -> None:
    """Keep a reported start (no einddatum) or stop, then bring the person's meldingen in line."""
    await lock(session, "cak", client_pseudonym)
    await repository.upsert_zorgperiode(
        session,
        {
            "gemeentecode": gemeentecode,
            "aanbieder_agb": aanbieder_agb,
            "toewijzingnummer": toewijzingnummer,
            "client_pseudonym": client_pseudonym,
            "categorie": product.categorie,
            "code": product.code,
            "begindatum": begindatum,
            "einddatum": einddatum,
            "is_verwijderd": status_aanlevering == VERWIJDEREN,
        },
    )
    await reconcile(session, client_pseudonym, gemeentecode, today)


def soort_van(rules: Sequence[EigenBijdrageProduct], categorie: str, code: str | None) -> str:
    """The eigen bijdrage of a product: its code's rule, else its categorie's, else geen."""
    for rule in rules:
        if rule.categorie == categorie and rule.code is not None and rule.code == code:
            return rule.soort
    for rule in rules:
        if rule.categorie == categorie and rule.code is None:
            return rule.soort
    return GEEN


async def reconcile(
    session: AsyncSession, client_pseudonym: str, gemeentecode: str, today: date
) -> None:
    """Derive the person's contribution periods anew and add the meldingen that follow."""
    rules = await repository.list_product_rules(session)
    feiten: dict[str, list[Zorgfeit]] = defaultdict(list)
    for zorg in await repository.list_zorgperioden(session, client_pseudonym, gemeentecode):
        feiten[soort_van(rules, zorg.categorie, zorg.code)].append(
            Zorgfeit((zorg.aanbieder_agb, zorg.toewijzingnummer), zorg.begindatum, zorg.einddatum)
        )
    for soort in BERICHTCODES:
        periodes = merge(per_toewijzing(feiten[soort]))
        await _reconcile_soort(session, client_pseudonym, gemeentecode, soort, periodes, today)


async def _reconcile_soort(
    session: AsyncSession,
    client_pseudonym: str,
    gemeentecode: str,
    soort: str,
    periodes: Sequence[Periode],
    today: date,
) -> None:
    bestaand = list(await repository.list_perioden(session, client_pseudonym, gemeentecode, soort))
    gebruikt: set[uuid.UUID] = set()
    for periode in periodes:
        match = next(
            (
                e
                for e in bestaand
                if e.id not in gebruikt and overlaps(e.startdatum, e.stopdatum, periode)
            ),
            None,
        )
        if match is None:
            nieuw = EigenBijdragePeriode(
                id=uuid.uuid4(),
                client_pseudonym=client_pseudonym,
                gemeentecode=gemeentecode,
                soort=soort,
                startdatum=periode.start,
                stopdatum=periode.stop,
                is_ingetrokken=False,
            )
            session.add(nieuw)
            await session.flush()
            _add_melding(session, nieuw, START, today)
            continue
        gebruikt.add(match.id)
        if (match.startdatum, match.stopdatum) != (periode.start, periode.stop):
            await _change(session, match, periode, today)
    for vervallen in bestaand:
        if vervallen.id not in gebruikt:
            await _withdraw(session, vervallen, today)
    await session.flush()


async def _change(
    session: AsyncSession, bestaand: EigenBijdragePeriode, periode: Periode, today: date
) -> None:
    alleen_gestopt = bestaand.stopdatum is None and bestaand.startdatum == periode.start
    bestaand.startdatum, bestaand.stopdatum = periode.start, periode.stop
    meldingen = await repository.list_meldingen_van(session, bestaand.id)
    wachtend = next((m for m in meldingen if m.status == TE_VERZENDEN), None)
    bekend = next((m for m in reversed(meldingen) if m.status in (VERZONDEN, BEVESTIGD)), None)
    if bekend is not None and (bekend.startdatum, bekend.stopdatum) == (
        periode.start,
        periode.stop,
    ):
        # Back to what the CAK already knows: what waited need not go out any more.
        if wachtend is not None:
            await repository.delete_melding(session, wachtend)
        return
    if wachtend is not None:
        wachtend.startdatum, wachtend.stopdatum = periode.start, periode.stop
        wachtend.uiterste_verzenddatum = _uiterste(wachtend.aanleiding, wachtend, today)
        return
    _add_melding(session, bestaand, STOP if alleen_gestopt else WIJZIGING, today)


async def _withdraw(session: AsyncSession, periode: EigenBijdragePeriode, today: date) -> None:
    periode.is_ingetrokken = True
    meldingen = await repository.list_meldingen_van(session, periode.id)
    for melding in meldingen:
        if melding.status == TE_VERZENDEN:
            await repository.delete_melding(session, melding)
    if any(m.status != TE_VERZENDEN for m in meldingen):
        _add_melding(session, periode, INTREKKING, today)


def _add_melding(
    session: AsyncSession, periode: EigenBijdragePeriode, aanleiding: str, today: date
) -> None:
    melding = CakMelding(
        id=uuid.uuid4(),
        periode_id=periode.id,
        client_pseudonym=periode.client_pseudonym,
        gemeentecode=periode.gemeentecode,
        berichtcode=BERICHTCODES[periode.soort],
        aanleiding=aanleiding,
        startdatum=periode.startdatum,
        stopdatum=periode.stopdatum,
        status=TE_VERZENDEN,
        retourcodes=[],
    )
    melding.uiterste_verzenddatum = _uiterste(aanleiding, melding, today)
    session.add(melding)


def _uiterste(aanleiding: str, melding: CakMelding, today: date) -> date:
    """Due within a month of the start, of the stop, or of the day a correction was learned."""
    if aanleiding == START:
        return add_months(melding.startdatum, 1)
    if aanleiding == STOP and melding.stopdatum is not None:
        return add_months(melding.stopdatum, 1)
    return add_months(today, 1)


async def create_product_rule(
    session: AsyncSession, data: EigenBijdrageProductCreate, today: date
) -> EigenBijdrageProduct:
    """Record whether a product carries an eigen bijdrage; everyone in that care follows."""
    if await repository.find_product_rule_for(session, data.categorie, data.code) is not None:
        raise EigenBijdrageProductBestaatAl()
    rule = EigenBijdrageProduct(
        id=uuid.uuid4(), categorie=data.categorie, code=data.code, soort=data.soort
    )
    try:
        # Two concurrent requests both pass the check above; the unique constraint decides.
        async with session.begin_nested():
            session.add(rule)
    except IntegrityError:
        raise EigenBijdrageProductBestaatAl() from None
    await _reconcile_product(session, rule, today)
    return rule


async def delete_product_rule(session: AsyncSession, rule_id: uuid.UUID, today: date) -> None:
    rule = await repository.find_product_rule(session, rule_id)
    if rule is None:
        raise EigenBijdrageProductNietGevonden()
    await session.delete(rule)
    await session.flush()
    await _reconcile_product(session, rule, today)


async def _reconcile_product(
    session: AsyncSession, rule: EigenBijdrageProduct, today: date
) -> None:
    for client_pseudonym, gemeentecode in await repository.list_clients_with_product(
        session, rule.categorie, rule.code
    ):
        await lock(session, "cak", client_pseudonym)
        await reconcile(session, client_pseudonym, gemeentecode, today)


async def list_meldingen(
    session: AsyncSession,
    viewer: Principal,
    where: repository.Filter,
    *,
    offset: int,
    limit: int,
) -> tuple[list[CakMeldingRead], int]:
    """The meldingen, earliest due first; every one shown is recorded as read."""
    rows, count = await repository.list_page(session, where, offset=offset, limit=limit)
    for row in rows:
        await _audit(session, viewer, Handeling.LEZEN, row)
    return [to_read(r) for r in rows], count


async def read_melding(
    session: AsyncSession, melding_id: uuid.UUID, viewer: Principal
) -> CakMeldingRead:
    """One melding, recorded as read."""
    melding = await get_melding(session, melding_id)
    await _audit(session, viewer, Handeling.LEZEN, melding)
    return to_read(melding)


def to_read(melding: CakMelding) -> CakMeldingRead:
    return CakMeldingRead.model_validate(melding, from_attributes=True)


async def list_product_rules(
    session: AsyncSession, *, offset: int, limit: int
) -> tuple[list[EigenBijdrageProductRead], int]:
    rules = await repository.list_product_rules(session)
    return [rule_to_read(r) for r in rules[offset : offset + limit]], len(rules)


def rule_to_read(rule: EigenBijdrageProduct) -> EigenBijdrageProductRead:
    return EigenBijdrageProductRead.model_validate(rule, from_attributes=True)


async def get_melding(session: AsyncSession, melding_id: uuid.UUID) -> CakMelding:
    melding = await repository.find_melding(session, melding_id)
    if melding is None:
        raise CakMeldingNietGevonden()
    return melding


async def record_verzending(
    session: AsyncSession, melding_id: uuid.UUID, data: VerzendingCreate, actor: Principal
) -> CakMelding:
    await lock(session, "cak-melding", melding_id)
    melding = await get_melding(session, melding_id)
    if melding.status != TE_VERZENDEN:
        raise CakMeldingNietTeVerzenden(f"De melding heeft status {melding.status}.")
    melding.status = VERZONDEN
    melding.verzonden_op = data.verzonden_op
    await session.flush()
    await _audit(session, actor, Handeling.WIJZIGEN, melding)
    return melding


async def record_antwoord(
    session: AsyncSession, melding_id: uuid.UUID, data: AntwoordCreate, actor: Principal
) -> CakMelding:
    """The CAK's WMO406/408: confirmed, or rejected with its retour codes (then repair)."""
    await lock(session, "cak-melding", melding_id)
    melding = await get_melding(session, melding_id)
    if melding.status != VERZONDEN:
        raise CakMeldingNietVerzonden(f"De melding heeft status {melding.status}.")
    if ANTWOORDCODES[melding.berichtcode] != data.berichtcode:
        raise CakAntwoordPastNiet(
            f"Op deze WMO{melding.berichtcode} hoort een WMO{ANTWOORDCODES[melding.berichtcode]}."
        )
    melding.status = BEVESTIGD if data.is_goedgekeurd else AFGEWEZEN
    melding.antwoord_berichtcode = data.berichtcode
    melding.retourcodes = list(data.retourcodes)
    melding.beantwoord_op = data.beantwoord_op
    await session.flush()
    await _audit(session, actor, Handeling.WIJZIGEN, melding)
    return melding


async def _audit(
    session: AsyncSession, principal: Principal, handeling: Handeling, melding: CakMelding
) -> None:
    await audit.record(
        session,
        principal,
        verwerkingsactiviteit=VERWERKINGSACTIVITEIT,
        handeling=handeling,
        client_pseudonym=melding.client_pseudonym,
        resource=f"cak-melding/{melding.id}",
    )

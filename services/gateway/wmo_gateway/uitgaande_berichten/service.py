"""The messages the gateway writes to aanbieders (301, 319, 325, retours): their outbox feed,
its acknowledgements, and writing the 301 and 319."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from iwmo import (
    Bericht,
    InvalidMessage,
    build_wmo301,
    build_wmo319,
    read_message,
    write_message,
)
from iwmo.models import Omvang, Product, ToegewezenProduct, Wmo301, Wmo319
from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal, scoped_agb
from wmo_common.calendar import add_working_days, today
from wmo_common.db import utcnow
from wmo_common.events.access import VerzoekBeantwoord, VerzoekInOnderzoek
from wmo_common.events.consumer import PermanentError
from wmo_gateway.ggk import outbox as ggk
from wmo_gateway.leesmodellen.toewijzingen import repository as toewijzingen
from wmo_gateway.leesmodellen.toewijzingen.models import Toewijzing
from wmo_gateway.termijnen.regels import RETOUR_WERKDAGEN
from wmo_gateway.uitgaande_berichten import cursor, repository
from wmo_gateway.uitgaande_berichten.clientgegevens import ClientGegevens
from wmo_gateway.uitgaande_berichten.errors import BerichtAlBevestigd, BerichtNietGevonden
from wmo_gateway.uitgaande_berichten.models import BERICHTNUMMER, UitgaandBericht
from wmo_gateway.uitgaande_berichten.schemas import UitgaandBerichtRead

ACTIVITEIT = "iwmo-berichtenverkeer"
# iWmo VerzoekAntwoord (WJ760) of a Wmo319.
AFGEWEZEN = "1"
IN_ONDERZOEK = "2"


@dataclass(frozen=True)
class Pagina:
    """One page of the outbox feed: its rows, how many match in all, and whether more follow."""

    rows: Sequence[UitgaandBericht]
    count: int
    has_more: bool


def to_read(bericht: UitgaandBericht) -> UitgaandBerichtRead:
    return UitgaandBerichtRead.model_validate(bericht, from_attributes=True)


async def list_uitgaande_berichten(
    session: AsyncSession,
    principal: Principal,
    *,
    aanbieder_agb: str | None,
    berichtsoort: str | None,
    retour_verlopen: bool,
    after: str | None,
    limit: int,
) -> Pagina:
    """A page of the outbox feed after the cursor `after`, oldest first; an aanbieder sees only
    its own (the AGB comes from the token, never from the query). Each message read is recorded
    in the audit log."""
    scope = scoped_agb(principal, aanbieder_agb)
    rows, count = await repository.list_after(
        session,
        after=cursor.decode(after) if after else None,
        # One more than asked tells whether a next page exists.
        limit=limit + 1,
        aanbieder_agb=scope,
        berichtsoort=berichtsoort,
        retour_verlopen_op=today() if retour_verlopen else None,
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    for row in rows:
        for pseudonym in row.client_pseudonyms:
            await audit.record(
                session,
                principal,
                verwerkingsactiviteit=ACTIVITEIT,
                handeling=Handeling.LEZEN,
                client_pseudonym=pseudonym,
                resource=f"uitgaand-bericht/{row.id}",
            )
    return Pagina(rows=rows, count=count, has_more=has_more)


async def acknowledge_bericht(
    session: AsyncSession, bericht_id: uuid.UUID, *, aanbieder_agb: str
) -> UitgaandBericht:
    """Record that the aanbieder received its message; once only."""
    # Another aanbieder's message is "not found", not "forbidden": its existence is not theirs.
    bericht = await repository.find_for_aanbieder(session, bericht_id, aanbieder_agb)
    if bericht is None:
        raise BerichtNietGevonden()
    if bericht.acknowledged_at is not None:
        raise BerichtAlBevestigd()
    bericht.acknowledged_at = utcnow()
    return bericht


async def next_identificatie(session: AsyncSession) -> str:
    """A new BerichtIdentificatie for a message the gateway writes: "G" and 11 digits."""
    number = (await session.execute(select(BERICHTNUMMER.next_value()))).scalar_one()
    return f"G{number:011d}"


async def add_uitgaand(
    session: AsyncSession,
    message: Bericht,
    *,
    aanbieder_agb: str,
    bericht_id: uuid.UUID | None = None,
    referentie: str | None = None,
    client_pseudonyms: Sequence[str] = (),
    toewijzingnummers: Sequence[str] = (),
    expects_retour: bool = False,
) -> UitgaandBericht:
    """Put a message in the aanbieder's outbox; `expects_retour` starts the 3-working-day watch."""
    header = message.header
    identificatie = getattr(header, "identificatie_retour", None) or (
        header.bericht_identificatie.identificatie
    )
    uitgaand = UitgaandBericht(
        aanbieder_agb=aanbieder_agb,
        berichtsoort=type(message).BERICHT,
        berichtidentificatie=identificatie,
        xml=write_message(message).decode("utf-8"),
        created_at=utcnow(),
        bericht_id=bericht_id,
        referentie=referentie,
        client_pseudonyms=list(client_pseudonyms),
        toewijzingnummers=list(toewijzingnummers),
        retour_deadline=add_working_days(today(), RETOUR_WERKDAGEN) if expects_retour else None,
    )
    session.add(uitgaand)
    await session.flush()
    # A 301, 319 or 325 also leaves through the GGk (a Di01); the HTTP outbox keeps it too.
    await ggk.enqueue_heenbericht(session, uitgaand, message)
    return uitgaand


def _toegewezen_product(t: Toewijzing, *, changed: bool) -> ToegewezenProduct:
    omvang = (
        Omvang(volume=t.omvang_volume, eenheid=t.omvang_eenheid, frequentie=t.omvang_frequentie)
        if t.omvang_volume is not None and t.omvang_eenheid and t.omvang_frequentie
        else None
    )
    return ToegewezenProduct(
        toewijzing_nummer=t.nummer,
        # TR379 / IV093: the answer to a 315/317 names it, in the first 301 after the honouring.
        referentie_aanbieder=t.referentie_aanbieder if t.referentie_te_melden else None,
        product=Product(categorie=t.product_categorie, code=t.product_code),
        toewijzingsdatum=t.toewijzingsdatum,
        toewijzingstijd=t.toewijzingstijd,
        ingangsdatum=t.ingangsdatum,
        einddatum=t.einddatum,
        # IV099: RedenWijziging only on the assignment this 301 announces a change of.
        reden_wijziging=t.reden_wijziging if changed else None,
        omvang=omvang,
        budget=t.budget_cents,
    )


async def send_wmo301(
    session: AsyncSession, toewijzing: Toewijzing, gegevens: ClientGegevens
) -> UitgaandBericht:
    """The Wmo301 for a new or changed toewijzing: with every assignment of this client at this
    aanbieder that runs today or later, plus the changed one (OP087)."""
    return await _write_wmo301(
        session,
        gemeentecode=toewijzing.gemeentecode,
        aanbieder_agb=toewijzing.aanbieder_agb,
        client_pseudonym=toewijzing.client_pseudonym,
        gegevens=gegevens,
        changed=toewijzing,
    )


async def resend_wmo301(
    session: AsyncSession, client_pseudonym: str, gegevens: ClientGegevens
) -> list[UitgaandBericht]:
    """The client's data changed (a move within the region): every aanbieder with a running
    toewijzing of the client gets the Wmo301 again, one per issuing gemeente, with the current
    assignments unchanged (same Toewijzingsdatum and -tijd, no RedenWijziging: IV013, IV099)."""
    afzenders = {
        (t.gemeentecode, t.aanbieder_agb)
        for t in await toewijzingen.running_of_client(session, client_pseudonym, on=today())
    }
    return [
        await _write_wmo301(
            session,
            gemeentecode=gemeentecode,
            aanbieder_agb=aanbieder_agb,
            client_pseudonym=client_pseudonym,
            gegevens=gegevens,
            changed=None,
        )
        for gemeentecode, aanbieder_agb in sorted(afzenders)
    ]


async def _write_wmo301(
    session: AsyncSession,
    *,
    gemeentecode: str,
    aanbieder_agb: str,
    client_pseudonym: str,
    gegevens: ClientGegevens,
    changed: Toewijzing | None,
) -> UitgaandBericht:
    dagtekening = today()
    current = await toewijzingen.current_of_client(
        session,
        gemeentecode=gemeentecode,
        aanbieder_agb=aanbieder_agb,
        client_pseudonym=client_pseudonym,
        on=dagtekening,
    )
    included = {t.id: t for t in current} | ({changed.id: changed} if changed else {})
    changed_id = changed.id if changed else None
    producten = tuple(
        _toegewezen_product(t, changed=t.id == changed_id)
        for t in sorted(included.values(), key=lambda t: t.nummer)
    )
    te_melden = [t for t in included.values() if t.referentie_te_melden]
    if changed is not None:
        referentie = changed.referentie_aanbieder if changed.referentie_te_melden else None
    else:
        referentie = te_melden[0].referentie_aanbieder if te_melden else None
    # TR379: a referentie this 301 carries is told; a later 301 leaves it out.
    for t in included.values():
        t.referentie_te_melden = False
    identificatie = await next_identificatie(session)
    try:
        message: Wmo301 = build_wmo301(
            gemeente=gemeentecode,
            aanbieder=aanbieder_agb,
            identificatie=identificatie,
            dagtekening=dagtekening,
            client=gegevens.client301(producten),
        )
    except InvalidMessage as exc:
        # The findings name rules and paths, never values: safe to carry to the DLQ.
        raise PermanentError(f"the Wmo301 would be invalid: {exc}") from exc
    return await add_uitgaand(
        session,
        message,
        aanbieder_agb=aanbieder_agb,
        referentie=referentie,
        client_pseudonyms=[client_pseudonym],
        toewijzingnummers=[str(t.nummer) for t in included.values()],
        expects_retour=True,
    )


async def send_wmo319(
    session: AsyncSession, event: VerzoekBeantwoord | VerzoekInOnderzoek
) -> UitgaandBericht | None:
    """The Wmo319 for a verzoek: "afgewezen" (1) for a refused one, "in onderzoek" (2) for one
    access cannot decide yet. Each answer once per reference (a redelivered or repeated answer
    sends nothing new); "in onderzoek" never after a final answer (TR360, TR365)."""
    in_onderzoek = isinstance(event, VerzoekInOnderzoek)
    verzoek_antwoord = IN_ONDERZOEK if in_onderzoek else AFGEWEZEN
    eerdere = {
        _verzoek_antwoord(b)
        for b in await repository.list_by_referentie(
            session,
            aanbieder_agb=event.aanbieder_agb,
            berichtsoort="WMO319",
            referentie=event.bericht_referentie,
        )
    }
    if verzoek_antwoord in eerdere or (in_onderzoek and AFGEWEZEN in eerdere):
        return None
    reden = None
    if isinstance(event, VerzoekBeantwoord):
        if event.reden_afwijzing is None:
            raise PermanentError("a refused verzoek needs reden_afwijzing (CD085)")
        # The event pads the code to two digits; iWmo's RedenAfwijzingVerzoek is one digit.
        reden = str(int(event.reden_afwijzing))
    try:
        message = build_wmo319(
            gemeente=event.gemeentecode,
            aanbieder=event.aanbieder_agb,
            identificatie=await next_identificatie(session),
            dagtekening=today(),
            referentie_aanbieder=event.bericht_referentie,
            verzoek_antwoord=verzoek_antwoord,
            reden_afwijzing_verzoek=reden,
        )
    except InvalidMessage as exc:
        raise PermanentError(f"the Wmo319 would be invalid: {exc}") from exc
    return await add_uitgaand(
        session,
        message,
        aanbieder_agb=event.aanbieder_agb,
        referentie=event.bericht_referentie,
        client_pseudonyms=[event.client_pseudonym],
        expects_retour=True,
    )


async def has_wmo319(session: AsyncSession, *, aanbieder_agb: str, referentie: str) -> bool:
    """Whether a Wmo319 went out for this aanbieder's ReferentieAanbieder."""
    return bool(
        await repository.list_by_referentie(
            session, aanbieder_agb=aanbieder_agb, berichtsoort="WMO319", referentie=referentie
        )
    )


def _verzoek_antwoord(bericht: UitgaandBericht) -> str:
    message = read_message(bericht.xml.encode("utf-8"), expected=Wmo319)
    if not isinstance(message, Wmo319):
        raise PermanentError("a stored WMO319 is no Wmo319")
    return message.antwoord.verzoek_antwoord

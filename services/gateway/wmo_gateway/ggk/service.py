"""The GGk interface's work: answering what the GGk sends (a provider's Di01 or Du01, a Fo01)
and putting what the gateway sends in the GGk outbox.

Receiving: the envelope is checked against the StUF-GGK XSDs (a broken one is refused at once
with a Fo03, IB001); its iWmo bericht goes through `berichten.inbox.receive_and_judge` exactly
as the HTTP inbox's does, with the envelope's `referentienummer` as transport key (the same
envelope twice gives the same answer, TR056 still gives 9056). The call is acknowledged with a
Bv03; the answer travels asynchronously, as the WSDL has it: the iWmo retour as a Du01, or for a
bericht that fails level 1 (codelists/transport) a Fo01, both with crossRefnummer = the Di01's
referentienummer, through the GGk outbox. A functie that names another message than the payload
is (a Di01 "WMO305" holding a 323) is a level-1 failure too: Fo01 IB014, nothing stored.

A Di01 whose bericht has a retour is recorded in `ggk_ontvangst` with its bericht; its Du01 is
queued when the retour exists, whatever the path: at once, on the GGk's retry of the envelope,
or (`enqueue_open_retouren`, each round of the GGk sender) after the bericht was re-processed
following a transient failure; one Du01 per envelope (uq_ggk_zending_antwoord). The database
away while a call is answered gives a Fo03 StUF058 (server): the GGk sends it again.

Sender identity: the mutual-TLS client certificate proves the caller is the GGk (ggk_oins); the
GGk (with VECOZO) authenticated the aanbieder, whose AGB code is the envelope's
`zender/organisatie`, and the bericht's own afzender must be that AGB code (else IB002).
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.auth import Principal, Role
from wmo_common.db import utcnow
from wmo_common.logging import get_logger
from wmo_gateway.berichten import inbox
from wmo_gateway.berichten.errors import (
    AfzenderWijktAf,
    BerichtsoortNietToegestaan,
    OngeldigBericht,
    TransportsleutelHergebruikt,
    VerwerkingMislukt,
)
from wmo_gateway.berichten.models import Bericht, Transportsleutel
from wmo_gateway.ggk import envelop, outbox
from wmo_gateway.ggk.envelop import Envelop, Fout, OngeldigeEnvelop, Systeem
from wmo_gateway.ggk.models import GgkOntvangst, GgkZending
from wmo_gateway.settings import Settings

log = get_logger(__name__)

AGB = re.compile(r"^[0-9]{8}$")
BERICHTSOORT = re.compile(rb"/iwmo/3_2/wmo([0-9]{3})/schema")
IDENTIFICATIE = re.compile(rb"<(?:\w+:)?Identificatie>([^<]{1,12})</")
IWMO_NAMESPACE = re.compile(r"http://www\.istandaarden\.nl/iwmo/3_2/wmo([0-9]{3})/schema")
# What an aanbieder sends a gemeente through the GGk (a bericht under another functie: IB004 or,
# when the functie is one of these, IB014), and of those the ones with an iWmo retour, which
# goes back as a Du01 (the 325 that answers a 323 is a message of its own: it goes as a Di01,
# like the 301 and 319).
FUNCTIES = frozenset({"WMO302", "WMO305", "WMO307", "WMO315", "WMO317", "WMO320", "WMO323"})
MET_RETOUR = frozenset({"WMO305", "WMO307", "WMO315", "WMO317"})

# The transport faults this endpoint gives (codelists/transport/ggk-vecozo-foutcodes-Fo01.csv).
ENVELOP_ONGELDIG = Fout("IB001", "Bericht voldoet niet aan XSD.")
NIET_GEAUTORISEERD = Fout(
    "IB002", "De verzendende organisatie is niet geautoriseerd om gebruik te maken van het GGK."
)
FUNCTIE_ONBEKEND = Fout("IB004", "De functie wordt niet ondersteund.")
TE_GROOT = Fout("IB012", "Payload is groter dan toegestaan (max. 25MB).")
TE_GROOT_ENVELOP = Fout(
    "IB003",
    "Het ontvangen bericht overschrijdt de maximaal toegestane bestandsgrootte van 25MB.",
)
PAYLOAD_ONGELDIG = Fout("IB014", "Payload voldoet niet aan de XSD.")
REFERENTIE_HERGEBRUIKT = Fout("IB016", "Referentienummer is niet uniek.")
# StUF0301's "processing the message failed": try again later (a transient failure).
NIET_VERWERKT = Fout(
    "StUF058", "Het bericht is bewaard maar kon nu niet worden verwerkt.", plek="server"
)


@dataclass(frozen=True)
class Reactie:
    """The HTTP answer to a SOAP call: a Bv03 (200) or a SOAP fault with a Fo03 (500)."""

    status_code: int
    body: bytes


def _suite(organisatie: str) -> Systeem:
    return Systeem(organisatie=organisatie, applicatie=envelop.APPLICATIE)


def _ggk(organisatie: str) -> Systeem:
    return Systeem(organisatie=organisatie, applicatie=envelop.GGK_APPLICATIE)


def _fault(fout: Fout, *, zender: str, ontvanger: str, cross_refnummer: str) -> Reactie:
    fo03 = envelop.write_fout(
        "Fo03",
        fout,
        zender=_suite(zender),
        ontvanger=_ggk(ontvanger),
        cross_refnummer=cross_refnummer,
    )
    return Reactie(500, envelop.soap_fault(fo03, server=fout.plek == "server"))


def _bv03(ontvangen: Envelop) -> Reactie:
    bv03 = envelop.write_bv03(
        zender=_suite(ontvangen.ontvanger.organisatie),
        ontvanger=ontvangen.zender,
        cross_refnummer=ontvangen.referentienummer,
    )
    return Reactie(200, envelop.soap_wrap(bv03))


async def receive(session: AsyncSession, data: bytes, *, settings: Settings) -> Reactie:
    """Answer one SOAP call of the GGk (ggk_Di01, ggk_Du01 or Fo01)."""
    try:
        ontvangen = envelop.read(envelop.soap_unwrap(data))
    except OngeldigeEnvelop as exc:
        log.info("ggk_envelop_refused", extra={"reason": str(exc)[:200]})
        ongeldig = Fout(ENVELOP_ONGELDIG.code, ENVELOP_ONGELDIG.omschrijving, details=str(exc))
        return _fault(ongeldig, zender=settings.oin, ontvanger="GGK", cross_refnummer="onbekend")
    try:
        return await _receive(session, ontvangen, settings)
    except (DBAPIError, OSError) as exc:
        # The database away (before, while or after storing): the GGk sends the envelope again,
        # and whatever was stored is then answered once (the transport key, ggk_ontvangst).
        log.warning("ggk_not_processed", extra={"errorType": type(exc).__name__})
        with contextlib.suppress(DBAPIError, OSError):
            await session.rollback()
        return _fault(
            NIET_VERWERKT,
            zender=ontvangen.ontvanger.organisatie,
            ontvanger=ontvangen.zender.organisatie,
            cross_refnummer=ontvangen.referentienummer,
        )


async def _receive(session: AsyncSession, ontvangen: Envelop, settings: Settings) -> Reactie:
    if ontvangen.berichtcode == "Fo01":
        await _record_antwoord(session, ontvangen)
        await session.commit()
        return _bv03(ontvangen)
    if ontvangen.berichtcode not in ("Di01", "Du01") or ontvangen.bericht is None:
        return _fault(
            FUNCTIE_ONBEKEND,
            zender=ontvangen.ontvanger.organisatie,
            ontvanger=ontvangen.zender.organisatie,
            cross_refnummer=ontvangen.referentienummer,
        )
    try:
        fout = await _judge(session, ontvangen, ontvangen.bericht, settings)
    except TransportsleutelHergebruikt:
        return _fault(
            REFERENTIE_HERGEBRUIKT,
            zender=ontvangen.ontvanger.organisatie,
            ontvanger=ontvangen.zender.organisatie,
            cross_refnummer=ontvangen.referentienummer,
        )
    except VerwerkingMislukt:
        await session.rollback()
        return _fault(
            NIET_VERWERKT,
            zender=ontvangen.ontvanger.organisatie,
            ontvanger=ontvangen.zender.organisatie,
            cross_refnummer=ontvangen.referentienummer,
        )
    if fout is not None:
        await session.rollback()
        log.info("ggk_bericht_refused", extra={"foutcode": fout.code})
        await enqueue_fout(session, ontvangen, fout)
    if ontvangen.berichtcode == "Du01":
        await _record_antwoord(session, ontvangen)
    await session.commit()
    return _bv03(ontvangen)


def berichtsoort(bericht: bytes) -> str | None:
    """The iWmo 3.2 message the payload is (`WMO305`), from its root element's namespace; None
    when that is no iWmo 3.2 message (level 1 then says why)."""
    try:
        for _, element in etree.iterparse(
            io.BytesIO(bericht),
            events=("start",),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
        ):
            found = IWMO_NAMESPACE.fullmatch(etree.QName(element).namespace or "")
            return f"WMO{found.group(1)}" if found else None
    except etree.XMLSyntaxError:
        return None
    return None


async def _judge(
    session: AsyncSession, ontvangen: Envelop, bericht: bytes, settings: Settings
) -> Fout | None:
    """Judge the bericht the envelope carries; a level-1 failure is the Fo01 it gets."""
    agb = ontvangen.zender.organisatie
    if not AGB.match(agb):
        return NIET_GEAUTORISEERD
    functie = ontvangen.functie or ""
    if not functie.startswith("WMO"):
        return FUNCTIE_ONBEKEND
    if len(bericht) > settings.max_bericht_bytes:
        return TE_GROOT
    soort = berichtsoort(bericht)
    if soort is not None and soort != functie:
        if functie not in FUNCTIES:
            return FUNCTIE_ONBEKEND
        # The GGk checks the payload against the XSD of the functie: another message fails it.
        return Fout(
            PAYLOAD_ONGELDIG.code,
            PAYLOAD_ONGELDIG.omschrijving,
            details=f"De functie is {functie}, het bericht is een {soort}.",
        )
    if ontvangen.berichtcode == "Di01" and ontvangen.functie in MET_RETOUR:
        await _record_ontvangst(session, ontvangen)
    try:
        antwoord = await inbox.receive_and_judge(
            session,
            bericht,
            afzender_agb=agb,
            actor=Principal(subject=f"ggk:{agb}", roles=frozenset({Role.PROVIDER}), agb=agb),
            settings=settings,
            transportsleutel=ontvangen.referentienummer,
        )
    except OngeldigBericht as exc:
        return Fout(PAYLOAD_ONGELDIG.code, PAYLOAD_ONGELDIG.omschrijving, details=exc.detail)
    except BerichtsoortNietToegestaan:
        return FUNCTIE_ONBEKEND
    except AfzenderWijktAf:
        return NIET_GEAUTORISEERD
    if antwoord.retour_xml is not None and ontvangen.functie in MET_RETOUR:
        # The ggk_ontvangst row first, as enqueue_open_retouren locks it: no deadlock between
        # the two, and whichever is second finds the Du01 there.
        await _mark_beantwoord(session, ontvangen.zender.organisatie, ontvangen.referentienummer)
        await enqueue_retour(session, ontvangen, antwoord.retour_xml.encode("utf-8"))
    return None


def _functie(bericht: bytes) -> str:
    found = BERICHTSOORT.search(bericht[:2000])
    return f"WMO{found.group(1).decode()}" if found else "WMO"


async def enqueue_retour(session: AsyncSession, ontvangen: Envelop, retour: bytes) -> None:
    """The iWmo retour of a received Di01, as a Du01 that names it in crossRefnummer."""
    identificatie = IDENTIFICATIE.search(retour)
    referentienummer = envelop.new_referentienummer()
    functie = _functie(retour)
    data = envelop.write_bericht(
        "Du01",
        zender=_suite(ontvangen.ontvanger.organisatie),
        ontvanger=ontvangen.zender,
        referentienummer=referentienummer,
        functie=functie,
        bericht=retour,
        referentienummer_bericht=identificatie.group(1).decode() if identificatie else None,
        cross_refnummer=ontvangen.referentienummer,
        cross_refnummer_bericht=ontvangen.referentienummer_bericht,
    )
    await outbox.add(
        session,
        outbox.new_zending(
            "Du01",
            functie,
            ontvangen.zender.organisatie,
            data,
            referentienummer,
            ontvangen.referentienummer,
        ),
    )


async def enqueue_fout(session: AsyncSession, ontvangen: Envelop, fout: Fout) -> None:
    """A transport fault (Fo01) for a received envelope whose bericht failed level 1."""
    referentienummer = envelop.new_referentienummer()
    data = envelop.write_fout(
        "Fo01",
        fout,
        zender=_suite(ontvangen.ontvanger.organisatie),
        ontvanger=ontvangen.zender,
        cross_refnummer=ontvangen.referentienummer,
        referentienummer=referentienummer,
    )
    await outbox.add(
        session,
        outbox.new_zending(
            "Fo01",
            ontvangen.functie,
            ontvangen.zender.organisatie,
            data,
            referentienummer,
            ontvangen.referentienummer,
        ),
    )


async def _record_antwoord(session: AsyncSession, ontvangen: Envelop) -> None:
    """A Du01 or Fo01 that answers a Di01 we sent: recorded on that zending."""
    if ontvangen.cross_refnummer is None:
        return
    await session.execute(
        update(GgkZending)
        .where(
            GgkZending.referentienummer == ontvangen.cross_refnummer,
            GgkZending.berichtcode == "Di01",
        )
        .values(
            antwoord_berichtcode=ontvangen.berichtcode,
            antwoord_functie=ontvangen.functie,
            antwoord_foutcode=ontvangen.foutcode,
            antwoord_at=utcnow(),
        )
    )


async def _record_ontvangst(session: AsyncSession, ontvangen: Envelop) -> None:
    """Who sent this Di01 to whom: stored with its bericht, for the Du01 whatever path the
    retour takes. The same envelope again changes nothing."""
    statement = (
        insert(GgkOntvangst)
        .values(
            referentienummer=ontvangen.referentienummer,
            referentienummer_bericht=ontvangen.referentienummer_bericht,
            functie=ontvangen.functie,
            zender_organisatie=ontvangen.zender.organisatie,
            zender_applicatie=ontvangen.zender.applicatie,
            ontvanger_organisatie=ontvangen.ontvanger.organisatie,
            ontvanger_applicatie=ontvangen.ontvanger.applicatie,
            created_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["zender_organisatie", "referentienummer"])
    )
    await session.execute(statement)


async def _mark_beantwoord(session: AsyncSession, zender: str, referentienummer: str) -> None:
    await session.execute(
        update(GgkOntvangst)
        .where(
            GgkOntvangst.zender_organisatie == zender,
            GgkOntvangst.referentienummer == referentienummer,
            GgkOntvangst.beantwoord_at.is_(None),
        )
        .values(beantwoord_at=utcnow())
    )


async def enqueue_open_retouren(
    sessionmaker: async_sessionmaker[AsyncSession], limit: int = 50
) -> int:
    """The Du01 of every Di01 whose bericht has its retour now but no Du01 yet: one that was
    judged later than it arrived (re-processed after a transient failure, or the database away
    between judging and answering). The GGk sender calls this before each round; the unique
    answer per envelope (uq_ggk_zending_antwoord) keeps it to one Du01 whatever the path."""
    async with sessionmaker() as session:
        query = (
            select(GgkOntvangst, Bericht.retour_xml)
            .join(
                Transportsleutel,
                (Transportsleutel.aanbieder_agb == GgkOntvangst.zender_organisatie)
                & (Transportsleutel.sleutel == GgkOntvangst.referentienummer),
            )
            .join(Bericht, Bericht.id == Transportsleutel.bericht_id)
            .where(GgkOntvangst.beantwoord_at.is_(None), Bericht.retour_xml.is_not(None))
            .order_by(GgkOntvangst.created_at)
            .limit(limit)
            .with_for_update(of=GgkOntvangst, skip_locked=True)
        )
        rows = (await session.execute(query)).all()
        for ontvangst, retour_xml in rows:
            ontvangen = Envelop(
                berichtcode="Di01",
                zender=Systeem(ontvangst.zender_organisatie, ontvangst.zender_applicatie),
                ontvanger=Systeem(ontvangst.ontvanger_organisatie, ontvangst.ontvanger_applicatie),
                referentienummer=ontvangst.referentienummer,
                cross_refnummer=None,
                functie=ontvangst.functie,
                referentienummer_bericht=ontvangst.referentienummer_bericht,
                bericht=None,
            )
            await enqueue_retour(session, ontvangen, str(retour_xml).encode("utf-8"))
            ontvangst.beantwoord_at = utcnow()
        await session.commit()
    if rows:
        log.info("ggk_retouren_queued_late", extra={"count": len(rows)})
    return len(rows)

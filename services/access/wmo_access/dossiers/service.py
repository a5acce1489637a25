"""Reading a client's dossier: one audited read of every step of the client's process."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from urllib.parse import urlencode

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.aanvragen import repository as aanvragen_repository
from wmo_access.aanvragen import service as aanvragen
from wmo_access.beschikkingen import service as beschikkingen
from wmo_access.beschikkingen.models import Beschikking, Indicatie
from wmo_access.clienten import service as clienten
from wmo_access.dossiers import repository
from wmo_access.dossiers.schemas import (
    Dossierlijst,
    DossierRead,
    DossierToewijzing,
    Termijn,
    Termijnsoort,
)
from wmo_access.meldingen import repository as meldingen_repository
from wmo_access.meldingen import service as meldingen
from wmo_access.ondersteuningsplannen import repository as plannen_repository
from wmo_access.ondersteuningsplannen import service as plannen
from wmo_access.onderzoeken import repository as onderzoeken_repository
from wmo_access.onderzoeken import service as onderzoeken
from wmo_access.taken import service as taken
from wmo_access.toewijzingen import repository as toewijzingen_repository
from wmo_access.toewijzingen import service as toewijzingen
from wmo_access.verzoeken import repository as verzoeken_repository
from wmo_access.verzoeken import service as verzoeken
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.calendar import today
from wmo_common.lists import Periode, Sortering

SORTEERVELDEN_BESCHIKKINGEN = tuple(repository.SORTEERVELDEN_BESCHIKKINGEN)

_ALLES = Periode(None, None)
_NIEUWSTE_EERST = {
    "meldingen": "-meldingsdatum",
    "onderzoeken": "-startdatum",
    "ondersteuningsplannen": "-vastgesteldOp",
    "aanvragen": "-aanvraagdatum",
    "beschikkingen": "-createdAt",
    "verzoeken": "-ontvangenOp",
}


def _sortering(lijst: str) -> list[Sortering]:
    veld = _NIEUWSTE_EERST[lijst]
    return [Sortering(veld.removeprefix("-"), aflopend=veld.startswith("-"))]


def _href(lijst: str, client_id: uuid.UUID, **extra: str) -> str:
    query = {"clientId": str(client_id)} | extra
    if lijst in _NIEUWSTE_EERST:
        query["sort"] = _NIEUWSTE_EERST[lijst]
    return f"/api/v1/{lijst}?{urlencode(query)}"


async def list_beschikkingen(
    session: AsyncSession,
    *,
    client_id: uuid.UUID | None,
    status: str | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
    actor: Principal,
) -> tuple[list[tuple[Beschikking, list[Indicatie]]], int]:
    """A page of beschikkingen with their indicaties; each is a read of its client's file."""
    rows, count = await repository.list_beschikkingen(
        session,
        client_id=client_id,
        status=status,
        periode=periode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    indicaties = await repository.indicaties_of(session, [b.id for b, _ in rows])
    for beschikking, pseudonym in rows:
        await verwerking.record(
            session, actor, Handeling.LEZEN, pseudonym, f"beschikkingen/{beschikking.id}"
        )
    return [(b, indicaties[b.id]) for b, _ in rows], count


async def _termijnen(session: AsyncSession, client_id: uuid.UUID, peildatum: date) -> list[Termijn]:
    """The legal clocks still running: onderzoek, beschikking and the answer to a verzoek."""
    lopend: list[tuple[Termijnsoort, uuid.UUID, str, date, date]] = [
        ("onderzoek", m.id, f"meldingen/{m.id}", m.meldingsdatum, m.termijn_date)
        for m in await repository.meldingen_zonder_afgerond_onderzoek(session, client_id)
    ]
    lopend += [
        ("beschikking", a.id, f"aanvragen/{a.id}", a.aanvraagdatum, a.termijn_date)
        for a in await repository.aanvragen_zonder_beschikking(session, client_id)
    ]
    lopend += [
        ("verzoek", v.id, f"verzoeken/{v.id}", v.ontvangen_date, v.deadline_date)
        for v in await repository.verzoeken_in_behandeling(session, client_id)
    ]
    return [
        Termijn(
            soort=soort,
            id=item_id,
            href=f"/api/v1/{pad}",
            ingangsdatum=ingang,
            uiterlijk=uiterlijk,
            resterende_dagen=(uiterlijk - peildatum).days,
            overschreden=uiterlijk < peildatum,
        )
        for soort, item_id, pad, ingang, uiterlijk in sorted(lopend, key=lambda t: (t[4], t[1]))
    ]


async def get_dossier(
    session: AsyncSession, client_id: uuid.UUID, *, page_size: int, actor: Principal
) -> DossierRead:
    """Every step of a client's process, each list its newest `page_size` items with the total
    and a link to the rest. The whole read is one entry in the audit log."""
    client = await clienten.load_client(session, client_id)

    meldingen_rows, meldingen_count = await meldingen_repository.list_meldingen(
        session,
        gemeentecode=None,
        client_id=client.id,
        overschreden_op=None,
        periode=_ALLES,
        sortering=_sortering("meldingen"),
        offset=0,
        limit=page_size,
    )
    onderzoeken_rows, onderzoeken_count = await onderzoeken_repository.list_onderzoeken(
        session,
        client_id=client.id,
        status=None,
        periode=_ALLES,
        sortering=_sortering("onderzoeken"),
        offset=0,
        limit=page_size,
    )
    plannen_rows, plannen_count = await plannen_repository.list_ondersteuningsplannen(
        session,
        client_id=client.id,
        periode=_ALLES,
        sortering=_sortering("ondersteuningsplannen"),
        offset=0,
        limit=page_size,
    )
    resultaten = await plannen_repository.resultaten_of(session, [p.id for p, _ in plannen_rows])
    aanvragen_rows, aanvragen_count = await aanvragen_repository.list_aanvragen(
        session,
        gemeentecode=None,
        client_id=client.id,
        overschreden_op=None,
        periode=_ALLES,
        sortering=_sortering("aanvragen"),
        offset=0,
        limit=page_size,
    )
    beschikkingen_rows, beschikkingen_count = await repository.list_beschikkingen(
        session,
        client_id=client.id,
        status=None,
        periode=_ALLES,
        sortering=_sortering("beschikkingen"),
        offset=0,
        limit=page_size,
    )
    indicaties = await repository.indicaties_of(session, [b.id for b, _ in beschikkingen_rows])
    toewijzingen_rows, toewijzingen_count = await toewijzingen_repository.list_toewijzingen(
        session, client_id=client.id, agb=None, offset=0, limit=page_size
    )
    namen = await repository.aanbieder_namen(session, {t.aanbieder_agb for t in toewijzingen_rows})
    verzoeken_rows, verzoeken_count = await verzoeken_repository.list_verzoeken(
        session,
        gemeentecode=None,
        aanbieder_agb=None,
        client_id=client.id,
        status=None,
        periode=_ALLES,
        sortering=_sortering("verzoeken"),
        offset=0,
        limit=page_size,
    )
    taken_rows, taken_count = await repository.open_taken(session, client.id, limit=page_size)
    peildatum = today()

    await verwerking.record(
        session, actor, Handeling.LEZEN, client.pseudonym, f"clienten/{client.id}/dossier"
    )
    return DossierRead(
        client=clienten.to_read(client),
        peildatum=peildatum,
        meldingen=Dossierlijst(
            results=[meldingen.to_read(m, afgerond) for m, afgerond in meldingen_rows],
            count=meldingen_count,
            href=_href("meldingen", client.id),
        ),
        onderzoeken=Dossierlijst(
            results=[onderzoeken.to_read(o) for o, _ in onderzoeken_rows],
            count=onderzoeken_count,
            href=_href("onderzoeken", client.id),
        ),
        ondersteuningsplannen=Dossierlijst(
            results=[plannen.to_read(p, resultaten[p.id]) for p, _ in plannen_rows],
            count=plannen_count,
            href=_href("ondersteuningsplannen", client.id),
        ),
        aanvragen=Dossierlijst(
            results=[aanvragen.to_read(a, beschikt) for a, beschikt in aanvragen_rows],
            count=aanvragen_count,
            href=_href("aanvragen", client.id),
        ),
        beschikkingen=Dossierlijst(
            results=[beschikkingen.to_read(b, indicaties[b.id]) for b, _ in beschikkingen_rows],
            count=beschikkingen_count,
            href=_href("beschikkingen", client.id),
        ),
        toewijzingen=Dossierlijst(
            results=[
                DossierToewijzing(
                    **toewijzingen.to_read(t).model_dump(),
                    aanbieder_naam=namen.get(t.aanbieder_agb),
                )
                for t in toewijzingen_rows
            ],
            count=toewijzingen_count,
            href=_href("toewijzingen", client.id),
        ),
        verzoeken=Dossierlijst(
            results=[verzoeken.to_read(v) for v, _ in verzoeken_rows],
            count=verzoeken_count,
            href=_href("verzoeken", client.id, status="alle"),
        ),
        # The work queue has no client filter: the dossier's page of open taken is the list.
        open_taken=Dossierlijst(
            results=[taken.to_read(t) for t in taken_rows], count=taken_count, href=None
        ),
        termijnen=await _termijnen(session, client.id, peildatum),
    )

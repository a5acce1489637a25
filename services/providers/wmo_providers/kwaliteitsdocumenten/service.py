from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events import outbox
from wmo_common.events.providers import KwaliteitsdocumentVerloopt
from wmo_common.scheduling import recorded_run
from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.kwaliteitsdocumenten import repository, signalering
from wmo_providers.kwaliteitsdocumenten.models import Kwaliteitsdocument
from wmo_providers.kwaliteitsdocumenten.schemas import (
    SOORTEN,
    KwaliteitsdocumentCreate,
    KwaliteitsdocumentRead,
    Kwaliteitsstatuut,
    Soort,
    Tekortkoming,
    Verloopmelding,
)


async def add_kwaliteitsdocument(
    session: AsyncSession, aanbieder: Aanbieder, data: KwaliteitsdocumentCreate, today: date
) -> Kwaliteitsdocument:
    statuut = data.kwaliteitsstatuut
    document = Kwaliteitsdocument(
        aanbieder_id=aanbieder.id,
        soort=data.soort,
        naam=data.naam,
        afgiftedatum=data.afgiftedatum,
        vervaldatum=data.vervaldatum,
        bewijs_referentie=data.bewijs_referentie,
        is_big_geregistreerd=statuut.is_big_geregistreerd if statuut else None,
        personeelsmix=statuut.personeelsmix if statuut else None,
        gemiddelde_jaren_ervaring=statuut.gemiddelde_jaren_ervaring if statuut else None,
    )
    session.add(document)
    await session.flush()
    await signalering.lift_when_renewed(session, aanbieder, document, today)
    return document


def to_read(document: Kwaliteitsdocument, agb: str) -> KwaliteitsdocumentRead:
    statuut = None
    if document.personeelsmix is not None:
        statuut = Kwaliteitsstatuut(
            is_big_geregistreerd=bool(document.is_big_geregistreerd),
            personeelsmix=document.personeelsmix,
            gemiddelde_jaren_ervaring=document.gemiddelde_jaren_ervaring or 0,
        )
    return KwaliteitsdocumentRead(
        id=document.id,
        agb=agb,
        soort=_soort(document.soort),
        naam=document.naam,
        afgiftedatum=document.afgiftedatum,
        vervaldatum=document.vervaldatum,
        bewijs_referentie=document.bewijs_referentie,
        kwaliteitsstatuut=statuut,
        created_at=document.created_at,
    )


def _soort(value: str) -> Soort:
    return next(s for s in SOORTEN if s == value)


async def list_tekortkomingen(
    session: AsyncSession, peildatum: date, agb: str | None = None
) -> list[Tekortkoming]:
    """Per aanbieder the required soorten with no valid document on `peildatum`: missing when
    none was ever issued, expired when every one issued has passed its vervaldatum."""
    issued: dict[str, tuple[Aanbieder, list[Kwaliteitsdocument]]] = {}
    for aanbieder, document in await repository.issued_by(session, peildatum, agb):
        _, documents = issued.setdefault(aanbieder.agb, (aanbieder, []))
        if document is not None:
            documents.append(document)
    result = []
    for aanbieder, documents in issued.values():
        ontbrekend: list[Soort] = []
        verlopen: list[Soort] = []
        for soort in SOORTEN:
            of_soort = [d for d in documents if d.soort == soort]
            if not of_soort:
                ontbrekend.append(soort)
            elif all(d.vervaldatum is not None and d.vervaldatum < peildatum for d in of_soort):
                verlopen.append(soort)
        if ontbrekend or verlopen:
            result.append(
                Tekortkoming(
                    agb=aanbieder.agb, naam=aanbieder.naam, ontbrekend=ontbrekend, verlopen=verlopen
                )
            )
    return result


async def _announce_expiring(
    session: AsyncSession, peildatum: date, drempels: Sequence[int]
) -> list[Verloopmelding]:
    """Announce documents nearing their vervaldatum, once per document and threshold.

    A document inside several thresholds not yet reported (the check did not run for a while)
    gets one event, for the nearest; all those thresholds count as reported.
    """
    if not drempels:
        return []
    gemeld = []
    horizon = peildatum + timedelta(days=max(drempels))
    for document, agb in await repository.expiring(session, peildatum, horizon):
        if document.vervaldatum is None:
            continue
        dagen = (document.vervaldatum - peildatum).days
        crossed = [d for d in drempels if dagen <= d]
        if not await repository.claim_meldingen(session, document.id, crossed):
            continue
        await outbox.add(
            session,
            KwaliteitsdocumentVerloopt(
                aanbieder_id=document.aanbieder_id,
                kwaliteitsdocument_id=document.id,
                agb=agb,
                soort=document.soort,
                vervaldatum=document.vervaldatum,
                dagen_resterend=dagen,
            ),
        )
        gemeld.append(
            Verloopmelding(
                kwaliteitsdocument_id=document.id,
                agb=agb,
                soort=_soort(document.soort),
                vervaldatum=document.vervaldatum,
                dagen_resterend=dagen,
            )
        )
    return gemeld


async def check_expiry(
    session: AsyncSession, peildatum: date, drempels: Sequence[int]
) -> list[Verloopmelding]:
    """Announce expiring documents as one recorded run of the `kwaliteitsdocumenten` check."""
    async with recorded_run(session, "kwaliteitsdocumenten", peildatum):
        gemeld = await _announce_expiring(session, peildatum, drempels)
        verlopen = {t.agb: t.verlopen for t in await list_tekortkomingen(session, peildatum)}
        await signalering.flag_expired(session, verlopen, peildatum)
        return gemeld

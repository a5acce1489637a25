"""Overgangsdossiers: a client's case under the transition rules, routed by the decision table
in `regels`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.clienten import service as clienten
from wmo_access.overgangsdossiers import repository
from wmo_access.overgangsdossiers.errors import (
    EinddatumBuitenOvergangsregeling,
    GeenKeuzeInRoute,
    OvergangsdossierNietGevonden,
    UitkomstAlGekozen,
)
from wmo_access.overgangsdossiers.models import Overgangsdossier
from wmo_access.overgangsdossiers.regels import (
    Moment,
    Regel,
    Situatie,
    Uitkomst,
    einddatumgrenzen,
    regel,
)
from wmo_access.overgangsdossiers.schemas import (
    OvergangsdossierCreate,
    OvergangsdossierRead,
    UitkomstKeuze,
)
from wmo_access.taken import opvolging
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.lists import Periode, Sortering

SORTEERVELDEN = tuple(repository.SORTEERVELDEN)


def _regel(dossier: Overgangsdossier) -> Regel:
    return regel(Situatie(dossier.situatie), Moment(dossier.moment), is_pgb=dossier.is_pgb)


def to_read(dossier: Overgangsdossier) -> OvergangsdossierRead:
    gekozen = _regel(dossier)
    grenzen = (
        None
        if dossier.ingangsdatum is None
        else einddatumgrenzen(gekozen, dossier.overgangsdatum, dossier.ingangsdatum)
    )
    return OvergangsdossierRead(
        id=dossier.id,
        client_id=dossier.client_id,
        gemeentecode=dossier.gemeentecode,
        gebied=dossier.gebied,
        situatie=Situatie(dossier.situatie),
        moment=Moment(dossier.moment),
        overgangsdatum=dossier.overgangsdatum,
        ingangsdatum=dossier.ingangsdatum,
        einddatum=dossier.einddatum,
        huidige_aanbieder_agb=dossier.huidige_aanbieder_agb,
        is_pgb=dossier.is_pgb,
        route=gekozen.route,
        toelichting=gekozen.toelichting,
        voorkeur_einddatum=grenzen.voorkeur if grenzen else None,
        uiterlijke_einddatum=grenzen.uiterlijk if grenzen else None,
        mogelijke_uitkomsten=list(gekozen.uitkomsten),
        uitkomst=None if dossier.uitkomst is None else Uitkomst(dossier.uitkomst),
        status="afgerond" if dossier.status == "afgerond" else "open",
        created_at=dossier.created_at,
    )


async def create_dossier(
    session: AsyncSession, data: OvergangsdossierCreate, *, actor: Principal
) -> Overgangsdossier:
    """Record the situation and moment and apply the matching rule of the decision table."""
    client = await clienten.load_client(session, data.client_id)
    gekozen = regel(data.situatie, data.moment, is_pgb=data.is_pgb)
    if data.ingangsdatum is not None and data.einddatum is not None:
        grenzen = einddatumgrenzen(gekozen, data.overgangsdatum, data.ingangsdatum)
        if grenzen is not None and data.einddatum > grenzen.uiterlijk:
            raise EinddatumBuitenOvergangsregeling(
                "Onder de overgangsregeling loopt deze herindicatie uiterlijk tot en met "
                f"{grenzen.uiterlijk.isoformat()} (bij voorkeur tot "
                f"{grenzen.voorkeur.isoformat()})."
            )
    dossier = Overgangsdossier(
        client_id=client.id,
        gemeentecode=client.gemeentecode,
        gebied=client.gebied,
        situatie=data.situatie.value,
        moment=data.moment.value,
        overgangsdatum=data.overgangsdatum,
        ingangsdatum=data.ingangsdatum,
        einddatum=data.einddatum,
        huidige_aanbieder_agb=data.huidige_aanbieder_agb,
        is_pgb=data.is_pgb,
        route=gekozen.route.value,
        # A route that leaves a choice stays open until the outcome is recorded.
        status="open" if gekozen.uitkomsten else "afgerond",
    )
    session.add(dossier)
    await session.flush()
    await verwerking.record(
        session, actor, Handeling.AANMAKEN, client.pseudonym, f"overgangsdossiers/{dossier.id}"
    )
    return dossier


async def choose_uitkomst(
    session: AsyncSession, dossier_id: uuid.UUID, data: UitkomstKeuze, *, actor: Principal
) -> Overgangsdossier:
    """Record how an open case ends; the same choice again changes nothing."""
    dossier = await repository.find(session, dossier_id, for_update=True)
    if dossier is None:
        raise OvergangsdossierNietGevonden()
    if data.uitkomst not in _regel(dossier).uitkomsten:
        raise GeenKeuzeInRoute(f"Route {dossier.route} laat geen uitkomst {data.uitkomst} toe.")
    if dossier.uitkomst is not None:
        if dossier.uitkomst == data.uitkomst.value:
            return dossier
        raise UitkomstAlGekozen(f"Gekozen is al: {dossier.uitkomst}.")
    dossier.uitkomst = data.uitkomst.value
    dossier.status = "afgerond"
    await session.flush()
    client = await clienten.load_client(session, dossier.client_id)
    await opvolging.add_overgang(session, dossier, client)
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"overgangsdossiers/{dossier.id}"
    )
    return dossier


async def get_dossier(
    session: AsyncSession, dossier_id: uuid.UUID, *, actor: Principal
) -> Overgangsdossier:
    dossier = await repository.find(session, dossier_id)
    if dossier is None:
        raise OvergangsdossierNietGevonden()
    client = await clienten.load_client(session, dossier.client_id)
    await verwerking.record(
        session, actor, Handeling.LEZEN, client.pseudonym, f"overgangsdossiers/{dossier.id}"
    )
    return dossier


async def list_dossiers(
    session: AsyncSession,
    *,
    gemeentecode: str | None,
    gebied: str | None,
    status: str | None,
    client_id: uuid.UUID | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
    actor: Principal,
) -> tuple[list[Overgangsdossier], int]:
    rows, count = await repository.list_dossiers(
        session,
        gemeentecode=gemeentecode,
        gebied=gebied,
        status=status,
        client_id=client_id,
        periode=periode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    for dossier, pseudonym in rows:
        await verwerking.record(
            session, actor, Handeling.LEZEN, pseudonym, f"overgangsdossiers/{dossier.id}"
        )
    return [d for d, _ in rows], count

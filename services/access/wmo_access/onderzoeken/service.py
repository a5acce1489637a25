from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.clienten import service as clienten
from wmo_access.clienten.models import Client
from wmo_access.meldingen.errors import MeldingNietGevonden
from wmo_access.meldingen.models import Melding
from wmo_access.onderzoeken import repository
from wmo_access.onderzoeken.errors import (
    OnderzoekAfgerond,
    OnderzoekBestaatAl,
    OnderzoekNietGevonden,
    PersoonlijkPlanTeLaat,
)
from wmo_access.onderzoeken.models import Onderzoek
from wmo_access.onderzoeken.schemas import (
    OnderzoekAfronding,
    OnderzoekCreate,
    OnderzoekRead,
    PersoonlijkPlanCreate,
)
from wmo_access.termijnen import PERSOONLIJK_PLAN_TERMIJN
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.lists import Periode, Sortering
from wmo_common.problems import BadRequest, InvalidParam

SORTEERVELDEN = tuple(repository.SORTEERVELDEN)


def to_read(onderzoek: Onderzoek) -> OnderzoekRead:
    return OnderzoekRead(
        id=onderzoek.id,
        melding_id=onderzoek.melding_id,
        startdatum=onderzoek.startdatum,
        persoonlijk_plan=onderzoek.persoonlijk_plan,
        persoonlijk_plan_ontvangen_op=onderzoek.persoonlijk_plan_ontvangen_date,
        eigen_netwerk=onderzoek.eigen_netwerk,
        algemene_voorzieningen=onderzoek.algemene_voorzieningen,
        conclusie=onderzoek.conclusie,
        afgerond_op=onderzoek.afgerond_date,
    )


async def create_onderzoek(
    session: AsyncSession, data: OnderzoekCreate, *, actor: Principal
) -> Onderzoek:
    melding = await session.get(Melding, data.melding_id)
    if melding is None:
        raise MeldingNietGevonden()
    if data.startdatum < melding.meldingsdatum:
        raise BadRequest(
            invalid_params=[
                InvalidParam(
                    name="startdatum",
                    code="voor-meldingsdatum",
                    reason="een onderzoek begint niet vóór de melding",
                )
            ]
        )
    onderzoek = Onderzoek(melding_id=melding.id, startdatum=data.startdatum)
    try:
        async with session.begin_nested():
            session.add(onderzoek)
    except IntegrityError:
        raise OnderzoekBestaatAl() from None
    client = await clienten.load_client(session, melding.client_id)
    await verwerking.record(
        session, actor, Handeling.AANMAKEN, client.pseudonym, f"onderzoeken/{onderzoek.id}"
    )
    return onderzoek


async def _load(
    session: AsyncSession, onderzoek_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Onderzoek, Melding, Client]:
    query = (
        select(Onderzoek, Melding, Client)
        .join(Melding, Melding.id == Onderzoek.melding_id)
        .join(Client, Client.id == Melding.client_id)
        .where(Onderzoek.id == onderzoek_id)
    )
    if for_update:
        query = query.with_for_update(of=Onderzoek)
    row = (await session.execute(query)).one_or_none()
    if row is None:
        raise OnderzoekNietGevonden()
    return row[0], row[1], row[2]


async def get_onderzoek(
    session: AsyncSession, onderzoek_id: uuid.UUID, *, actor: Principal
) -> Onderzoek:
    onderzoek, _, client = await _load(session, onderzoek_id)
    await verwerking.record(
        session, actor, Handeling.LEZEN, client.pseudonym, f"onderzoeken/{onderzoek.id}"
    )
    return onderzoek


async def list_onderzoeken(
    session: AsyncSession,
    *,
    client_id: uuid.UUID | None,
    status: Literal["lopend", "afgerond"] | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
    actor: Principal,
) -> tuple[list[Onderzoek], int]:
    """A page of onderzoeken; each listed onderzoek is a read of its client's file."""
    rows, count = await repository.list_onderzoeken(
        session,
        client_id=client_id,
        status=status,
        periode=periode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    for onderzoek, pseudonym in rows:
        await verwerking.record(
            session, actor, Handeling.LEZEN, pseudonym, f"onderzoeken/{onderzoek.id}"
        )
    return [o for o, _ in rows], count


async def attach_persoonlijk_plan(
    session: AsyncSession, onderzoek_id: uuid.UUID, data: PersoonlijkPlanCreate, *, actor: Principal
) -> Onderzoek:
    """Attach the client's persoonlijk plan; the law gives seven days after the melding."""
    onderzoek, melding, client = await _load(session, onderzoek_id, for_update=True)
    if onderzoek.afgerond_date is not None:
        raise OnderzoekAfgerond()
    uiterlijk = melding.meldingsdatum + PERSOONLIJK_PLAN_TERMIJN
    if data.ontvangen_op > uiterlijk:
        raise PersoonlijkPlanTeLaat(
            f"De melding is van {melding.meldingsdatum.isoformat()}; een persoonlijk plan kon "
            f"tot en met {uiterlijk.isoformat()} worden ingediend."
        )
    onderzoek.persoonlijk_plan = data.inhoud
    onderzoek.persoonlijk_plan_ontvangen_date = data.ontvangen_op
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"onderzoeken/{onderzoek.id}"
    )
    return onderzoek


async def finish_onderzoek(
    session: AsyncSession, onderzoek_id: uuid.UUID, data: OnderzoekAfronding, *, actor: Principal
) -> Onderzoek:
    """Close the kitchen-table talk with what the own network and general provisions offer."""
    onderzoek, _, client = await _load(session, onderzoek_id, for_update=True)
    if onderzoek.afgerond_date is not None:
        raise OnderzoekAfgerond()
    if data.afgerond_op < onderzoek.startdatum:
        raise BadRequest(
            invalid_params=[
                InvalidParam(
                    name="afgerondOp",
                    code="voor-startdatum",
                    reason="een onderzoek wordt niet vóór de start afgerond",
                )
            ]
        )
    onderzoek.eigen_netwerk = data.eigen_netwerk
    onderzoek.algemene_voorzieningen = data.algemene_voorzieningen
    onderzoek.conclusie = data.conclusie
    onderzoek.afgerond_date = data.afgerond_op
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"onderzoeken/{onderzoek.id}"
    )
    return onderzoek

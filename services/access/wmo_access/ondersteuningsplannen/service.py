from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.beschikkingen import repository as beschikkingen
from wmo_access.clienten import service as clienten
from wmo_access.meldingen.models import Melding
from wmo_access.ondersteuningsplannen import repository
from wmo_access.ondersteuningsplannen.errors import (
    OndersteuningsplanNietGevonden,
    ResultaatAlGeevalueerd,
    ResultaatNietGevonden,
)
from wmo_access.ondersteuningsplannen.models import Ondersteuningsplan, Resultaat
from wmo_access.ondersteuningsplannen.schemas import (
    OndersteuningsplanCreate,
    OndersteuningsplanRead,
    ResultaatEvaluatie,
    ResultaatRead,
)
from wmo_access.onderzoeken.errors import OnderzoekNietAfgerond, OnderzoekNietGevonden
from wmo_access.onderzoeken.models import Onderzoek
from wmo_access.taken import opvolging
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.events import outbox
from wmo_common.events.access import ResultaatGeevalueerd
from wmo_common.lists import Periode, Sortering

SORTEERVELDEN = tuple(repository.SORTEERVELDEN)


def to_read(plan: Ondersteuningsplan, resultaten: list[Resultaat]) -> OndersteuningsplanRead:
    return OndersteuningsplanRead(
        id=plan.id,
        onderzoek_id=plan.onderzoek_id,
        client_id=plan.client_id,
        vastgesteld_op=plan.vastgesteld_date,
        evaluatiemomenten=list(plan.evaluatiemomenten),
        resultaten=[
            ResultaatRead(
                id=r.id,
                omschrijving=r.omschrijving,
                meetcriterium=r.meetcriterium,
                streefdatum=r.streefdatum,
                behaald=r.is_behaald,
                geevalueerd_op=r.geevalueerd_date,
            )
            for r in resultaten
        ],
    )


async def create_ondersteuningsplan(
    session: AsyncSession, data: OndersteuningsplanCreate, *, actor: Principal
) -> tuple[Ondersteuningsplan, list[Resultaat]]:
    """Record the plan that follows a finished onderzoek, with its SMART resultaten."""
    onderzoek = await session.get(Onderzoek, data.onderzoek_id)
    if onderzoek is None:
        raise OnderzoekNietGevonden()
    if onderzoek.afgerond_date is None:
        raise OnderzoekNietAfgerond()
    melding = await session.get(Melding, onderzoek.melding_id)
    if melding is None:
        raise OnderzoekNietGevonden()
    client = await clienten.load_client(session, melding.client_id)
    plan = Ondersteuningsplan(
        onderzoek_id=onderzoek.id,
        client_id=client.id,
        vastgesteld_date=data.vastgesteld_op,
        evaluatiemomenten=sorted(set(data.evaluatiemomenten)),
    )
    session.add(plan)
    await session.flush()
    resultaten = [
        Resultaat(
            ondersteuningsplan_id=plan.id,
            omschrijving=r.omschrijving,
            meetcriterium=r.meetcriterium,
            streefdatum=r.streefdatum,
        )
        for r in data.resultaten
    ]
    session.add_all(resultaten)
    await session.flush()
    await opvolging.add_evaluaties(session, plan, client)
    await verwerking.record(
        session, actor, Handeling.AANMAKEN, client.pseudonym, f"ondersteuningsplannen/{plan.id}"
    )
    return plan, resultaten


async def _resultaten(session: AsyncSession, plan_id: uuid.UUID) -> list[Resultaat]:
    return (await repository.resultaten_of(session, [plan_id]))[plan_id]


async def get_ondersteuningsplan(
    session: AsyncSession, plan_id: uuid.UUID, *, actor: Principal
) -> tuple[Ondersteuningsplan, list[Resultaat]]:
    plan = await session.get(Ondersteuningsplan, plan_id)
    if plan is None:
        raise OndersteuningsplanNietGevonden()
    client = await clienten.load_client(session, plan.client_id)
    await verwerking.record(
        session, actor, Handeling.LEZEN, client.pseudonym, f"ondersteuningsplannen/{plan.id}"
    )
    return plan, await _resultaten(session, plan.id)


async def list_ondersteuningsplannen(
    session: AsyncSession,
    *,
    client_id: uuid.UUID | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
    actor: Principal,
) -> tuple[list[tuple[Ondersteuningsplan, list[Resultaat]]], int]:
    """A page of plans with their resultaten; each listed plan is a read of its client's file."""
    rows, count = await repository.list_ondersteuningsplannen(
        session,
        client_id=client_id,
        periode=periode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    resultaten = await repository.resultaten_of(session, [plan.id for plan, _ in rows])
    for plan, pseudonym in rows:
        await verwerking.record(
            session, actor, Handeling.LEZEN, pseudonym, f"ondersteuningsplannen/{plan.id}"
        )
    return [(plan, resultaten[plan.id]) for plan, _ in rows], count


async def evaluate_resultaat(
    session: AsyncSession,
    plan_id: uuid.UUID,
    resultaat_id: uuid.UUID,
    data: ResultaatEvaluatie,
    *,
    actor: Principal,
) -> tuple[Ondersteuningsplan, list[Resultaat]]:
    """Record whether a SMART result was met and announce it (outputgericht pays on it)."""
    plan = await session.get(Ondersteuningsplan, plan_id)
    if plan is None:
        raise OndersteuningsplanNietGevonden()
    resultaat = await session.get(Resultaat, resultaat_id, with_for_update=True)
    if resultaat is None or resultaat.ondersteuningsplan_id != plan.id:
        raise ResultaatNietGevonden()
    if resultaat.geevalueerd_date is not None:
        raise ResultaatAlGeevalueerd()
    resultaat.is_behaald = data.behaald
    resultaat.geevalueerd_date = data.geevalueerd_op
    client = await clienten.load_client(session, plan.client_id)
    # Finance releases (or keeps back) the result share of these toewijzingen' verplichtingen.
    toewijzingen = await beschikkingen.toewijzingen_for_plan(session, plan.id)
    aanbieders = {t.aanbieder_agb for t in toewijzingen}
    segmenten = {t.segment_id for t in toewijzingen}
    await outbox.add(
        session,
        ResultaatGeevalueerd(
            resultaat_id=resultaat.id,
            ondersteuningsplan_id=plan.id,
            client_pseudonym=client.pseudonym,
            toewijzing_id=toewijzingen[0].id if len(toewijzingen) == 1 else None,
            aanbieder_agb=next(iter(aanbieders)) if len(aanbieders) == 1 else None,
            segment_id=next(iter(segmenten)) if len(segmenten) == 1 else None,
            toewijzing_ids=[t.id for t in toewijzingen],
            behaald=data.behaald,
            geevalueerd_op=data.geevalueerd_op,
        ),
    )
    if not data.behaald:
        await opvolging.ask_uitleg(
            session,
            plan,
            resultaat,
            client,
            next(iter(aanbieders)) if len(aanbieders) == 1 else None,
        )
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"ondersteuningsplannen/{plan.id}"
    )
    return plan, await _resultaten(session, plan.id)

"""Work that follows from decisions becomes a taak with an owner and a deadline: the evaluation
moments of an ondersteuningsplan, an aanbieder's explanation of a result not met, and the
toewijzing or pgb-beschikking an overgangsdossier's outcome requires. A taak is closed with who
closed it, when, and what was done.

Each taak is created once however often its decision is replayed (unique per plan and moment,
per resultaat, per dossier)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.clienten import service as clienten
from wmo_access.clienten.models import Client
from wmo_access.ondersteuningsplannen.models import Ondersteuningsplan, Resultaat
from wmo_access.overgangsdossiers.models import Overgangsdossier
from wmo_access.taken import repository
from wmo_access.taken.errors import TaakAlAfgerond, TaakNietGevonden
from wmo_access.taken.models import Taak
from wmo_access.taken.schemas import TaakAfronding
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.db import utcnow

UITLEG_TERMIJN_DAGEN = 14
"""Days an aanbieder gets to explain why a result was not met."""

OVERGANG_SOORTEN = {
    "coalitie-neemt-over": (
        "overgang-toewijzing",
        "De coalitie neemt de zorg over: wijs de indicatie toe aan de coalitie.",
    ),
    "pgb-via-toegang": (
        "overgang-pgb",
        "De cliënt kiest een pgb: neem een beschikking met leveringsvorm pgb.",
    ),
}
"""Outcomes of an overgangsdossier that leave work for toegang: the taak soort and what to do."""


def _values(client: Client, soort: str, deadline: date, **extra: Any) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "soort": soort,
        "client_id": client.id,
        "gemeentecode": client.gemeentecode,
        "gebied": client.gebied,
        "deadline_date": deadline,
        "is_afgehandeld": False,
        **extra,
    }


async def add_evaluaties(session: AsyncSession, plan: Ondersteuningsplan, client: Client) -> None:
    """One taak per evaluation moment of the plan, due on the moment."""
    for moment in plan.evaluatiemomenten:
        await repository.add_once(
            session,
            _values(
                client,
                "evaluatie",
                moment,
                ondersteuningsplan_id=plan.id,
                omschrijving="Evaluatiemoment van het ondersteuningsplan: bespreek de resultaten "
                "met cliënt en aanbieder.",
            ),
        )


async def ask_uitleg(
    session: AsyncSession,
    plan: Ondersteuningsplan,
    resultaat: Resultaat,
    client: Client,
    aanbieder_agb: str | None,
) -> None:
    """A result evaluated as not met asks its aanbieder (when there is one) why."""
    assert resultaat.geevalueerd_date is not None  # noqa: S101 - called after the evaluation
    await repository.add_once(
        session,
        _values(
            client,
            "uitleg-resultaat",
            resultaat.geevalueerd_date + timedelta(days=UITLEG_TERMIJN_DAGEN),
            ondersteuningsplan_id=plan.id,
            resultaat_id=resultaat.id,
            aanbieder_agb=aanbieder_agb,
            omschrijving=f"Resultaat niet behaald: {resultaat.omschrijving} (gemeten aan: "
            f"{resultaat.meetcriterium}; streefdatum {resultaat.streefdatum.isoformat()}). "
            "Vraag de aanbieder te onderbouwen waarom het doel niet is behaald."[:1000],
        ),
    )


async def add_overgang(session: AsyncSession, dossier: Overgangsdossier, client: Client) -> None:
    """The toewijzing or beschikking the dossier's outcome requires, due on the overgangsdatum;
    other outcomes leave no work here."""
    if dossier.uitkomst not in OVERGANG_SOORTEN:
        return
    soort, omschrijving = OVERGANG_SOORTEN[dossier.uitkomst]
    await repository.add_once(
        session,
        _values(
            client,
            soort,
            dossier.overgangsdatum,
            overgangsdossier_id=dossier.id,
            aanbieder_agb=None,
            omschrijving=omschrijving,
        ),
    )


async def complete_taak(
    session: AsyncSession, taak_id: uuid.UUID, data: TaakAfronding, actor: Principal
) -> Taak:
    """Close an open taak, recording who closed it, when and what was done."""
    taak = await repository.find(session, taak_id)
    if taak is None:
        raise TaakNietGevonden()
    if taak.is_afgehandeld:
        door = f" door {taak.afgerond_door}" if taak.afgerond_door else ""
        raise TaakAlAfgerond(f"De taak is al afgerond{door}.")
    taak.is_afgehandeld = True
    taak.afgerond_at = utcnow()
    taak.afgerond_door = actor.subject
    taak.afrondingstoelichting = data.toelichting
    await session.flush()
    client = await clienten.load_client(session, taak.client_id)
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"taken/{taak.id}"
    )
    return taak

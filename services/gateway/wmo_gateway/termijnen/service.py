"""The deadline overview: retours the aanbieders owe us, answers we owe them, and what is late."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common import calendar
from wmo_common.auth import Principal, scoped_agb
from wmo_common.lists import Sortering
from wmo_gateway.berichten.models import Bericht
from wmo_gateway.termijnen import repository
from wmo_gateway.termijnen.schemas import OpenstaandAntwoord, Termijnstand


@dataclass(frozen=True)
class Achterstand:
    """Per aanbieder: how many retouren and how many of our answers are past their term."""

    verlopen_retouren: dict[str, int]
    verlopen_antwoorden: dict[str, int]


def to_openstaand_antwoord(bericht: Bericht, today: date) -> OpenstaandAntwoord:
    return OpenstaandAntwoord(
        bericht_id=bericht.id,
        berichtsoort=bericht.berichtsoort,
        berichtidentificatie=bericht.berichtidentificatie,
        aanbieder_agb=bericht.aanbieder_agb,
        referenties=bericht.referenties,
        received_at=bericht.received_at,
        antwoord_deadline=bericht.antwoord_deadline,
        is_verlopen=bericht.antwoord_deadline is not None and bericht.antwoord_deadline < today,
    )


async def list_termijnstanden(
    session: AsyncSession, principal: Principal, aanbieder_agb: str | None
) -> list[Termijnstand]:
    """Per aanbieder the caller may see: open and overdue retouren and answers."""
    scope = scoped_agb(principal, aanbieder_agb)
    today = calendar.today()
    retouren = await repository.retouren_per_aanbieder(session, today, scope)
    antwoorden = await repository.antwoorden_per_aanbieder(session, today, scope)
    return [
        Termijnstand(
            aanbieder_agb=agb,
            openstaande_retouren=retouren.get(agb, (0, 0))[0],
            verlopen_retouren=retouren.get(agb, (0, 0))[1],
            openstaande_antwoorden=antwoorden.get(agb, (0, 0))[0],
            verlopen_antwoorden=antwoorden.get(agb, (0, 0))[1],
        )
        for agb in sorted(retouren.keys() | antwoorden.keys())
    ]


async def list_openstaande_antwoorden(
    session: AsyncSession,
    principal: Principal,
    aanbieder_agb: str | None,
    *,
    berichtsoort: str | None,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
) -> tuple[list[OpenstaandAntwoord], int]:
    """The received berichten the caller may see that still wait for our answer."""
    rows, count = await repository.openstaande_antwoorden(
        session,
        aanbieder_agb=scoped_agb(principal, aanbieder_agb),
        berichtsoort=berichtsoort,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    today = calendar.today()
    return [to_openstaand_antwoord(r, today) for r in rows], count


async def compute_achterstand(session: AsyncSession, today: date) -> Achterstand:
    """For every aanbieder: how many retouren and answers are overdue on `today`."""
    retouren = await repository.retouren_per_aanbieder(session, today, None)
    antwoorden = await repository.antwoorden_per_aanbieder(session, today, None)
    return Achterstand(
        verlopen_retouren={agb: overdue for agb, (_, overdue) in retouren.items()},
        verlopen_antwoorden={agb: overdue for agb, (_, overdue) in antwoorden.items()},
    )

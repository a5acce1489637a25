from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events import outbox
from wmo_common.events.providers import AanbiederGeregistreerd
from wmo_providers.aanbieders import repository
from wmo_providers.aanbieders.errors import AanbiederBestaatAl, AanbiederNietGevonden
from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.aanbieders.schemas import AanbiederCreate


async def register_aanbieder(session: AsyncSession, data: AanbiederCreate) -> Aanbieder:
    """Register an aanbieder and announce it (`aanbieder-geregistreerd`) in the same transaction."""
    if await repository.find_by_agb(session, data.agb) is not None:
        raise AanbiederBestaatAl(f"AGB-code {data.agb} is al geregistreerd.")
    aanbieder = Aanbieder(
        agb=data.agb, kvk_nummer=data.kvk_nummer, naam=data.naam, gebieden=data.gebieden
    )
    session.add(aanbieder)
    await session.flush()
    await outbox.add(
        session,
        AanbiederGeregistreerd(
            aanbieder_id=aanbieder.id,
            agb=aanbieder.agb,
            kvk_nummer=aanbieder.kvk_nummer,
            naam=aanbieder.naam,
            gebieden=aanbieder.gebieden,
        ),
    )
    return aanbieder


async def get_aanbieder(session: AsyncSession, agb: str) -> Aanbieder:
    aanbieder = await repository.find_by_agb(session, agb)
    if aanbieder is None:
        raise AanbiederNietGevonden()
    return aanbieder

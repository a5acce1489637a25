"""What every toewijzing event shares: the Wmo301 content, the stamp that names a version of
the line, and closing a toewijzing."""

from __future__ import annotations

import uuid
from datetime import date, time

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from wmo_access.beschikkingen.models import Beschikking
from wmo_access.clienten import service as clienten
from wmo_access.clienten.models import Client
from wmo_access.toewijzingen import repository
from wmo_access.toewijzingen.errors import ToewijzingNietGevonden
from wmo_access.toewijzingen.models import Toewijzing
from wmo_common.calendar import now_local
from wmo_common.concurrency import VersieVerouderd
from wmo_common.events import outbox
from wmo_common.events.access import ToewijzingBeeindigd
from wmo_common.events.common import Omvang, Product


def omvang_of(toewijzing: Toewijzing) -> Omvang | None:
    if toewijzing.omvang_volume is None:
        return None
    return Omvang(
        volume=toewijzing.omvang_volume,
        eenheid=toewijzing.omvang_eenheid or "",
        frequentie=toewijzing.omvang_frequentie or "",
    )


def product_of(toewijzing: Toewijzing) -> Product:
    return Product(categorie=toewijzing.product_categorie, code=toewijzing.product_code)


def stamp(toewijzing: Toewijzing) -> None:
    """A new version of the Wmo301 line: Toewijzingsdatum and -tijd name it (IV013)."""
    toewijzing.toewijzingsdatum, toewijzing.toewijzingstijd = new_stamp()


def new_stamp() -> tuple[date, time]:
    """The Toewijzingsdatum and -tijd of a version made now."""
    moment = now_local()
    return moment.date(), moment.time().replace(microsecond=0)


def content(
    toewijzing: Toewijzing, beschikking: Beschikking, client: Client, field_key_gateway: str | None
) -> dict[str, object]:
    """The Wmo301 content every toewijzing event carries."""
    return {
        "toewijzing_id": toewijzing.id,
        "toewijzingnummer": toewijzing.toewijzingnummer,
        "beschikking_id": beschikking.id,
        "beschikkingnummer": beschikking.beschikkingnummer,
        "client_pseudonym": client.pseudonym,
        "client_gegevens": clienten.gateway_gegevens(client, field_key_gateway),
        "gemeentecode": toewijzing.gemeentecode,
        "aanbieder_agb": toewijzing.aanbieder_agb,
        "product": product_of(toewijzing),
        "ingangsdatum": toewijzing.ingangsdatum,
        "einddatum": toewijzing.einddatum,
        "omvang": omvang_of(toewijzing),
        "budget_cents": toewijzing.budget_cents,
        "toewijzingsdatum": toewijzing.toewijzingsdatum,
        "toewijzingstijd": toewijzing.toewijzingstijd,
        "segment_id": toewijzing.segment_id,
        "gebied": toewijzing.gebied,
        "verzoek_id": toewijzing.verzoek_id,
    }


async def load(
    session: AsyncSession, toewijzing_id: uuid.UUID
) -> tuple[Toewijzing, Beschikking, Client]:
    toewijzing = await repository.find(session, toewijzing_id)
    if toewijzing is None:
        raise ToewijzingNietGevonden()
    beschikking = await session.get(Beschikking, toewijzing.beschikking_id)
    if beschikking is None:
        raise ToewijzingNietGevonden()
    return toewijzing, beschikking, await clienten.load_client(session, toewijzing.client_id)


async def close(
    session: AsyncSession,
    toewijzing: Toewijzing,
    beschikking: Beschikking,
    client: Client,
    einddatum: date,
    reden: str,
    field_key_gateway: str | None,
) -> None:
    toewijzing.status = "beeindigd"
    toewijzing.einddatum = einddatum
    toewijzing.reden_wijziging = reden
    stamp(toewijzing)
    await flush_versioned(session)
    await outbox.add(
        session,
        ToewijzingBeeindigd.model_validate(
            content(toewijzing, beschikking, client, field_key_gateway) | {"reden_wijziging": reden}
        ),
    )


async def flush_versioned(session: AsyncSession) -> None:
    try:
        await session.flush()
    except StaleDataError:
        raise VersieVerouderd() from None

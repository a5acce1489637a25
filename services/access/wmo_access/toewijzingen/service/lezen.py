"""Reading toewijzingen: a provider reads only its own, and every read is recorded."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.beschikkingen.schemas import OmvangSchema, ProductSchema
from wmo_access.clienten import service as clienten
from wmo_access.toewijzingen import repository
from wmo_access.toewijzingen.errors import ToewijzingNietGevonden
from wmo_access.toewijzingen.models import Toewijzing
from wmo_access.toewijzingen.schemas import ToewijzingRead
from wmo_access.toewijzingen.service.wmo301 import omvang_of
from wmo_common.audit import Handeling
from wmo_common.auth import Principal, scoped_agb
from wmo_common.lists import Periode, Sortering

SORTEERVELDEN = tuple(repository.SORTEERVELDEN)


def to_read(toewijzing: Toewijzing) -> ToewijzingRead:
    omvang = omvang_of(toewijzing)
    return ToewijzingRead(
        id=toewijzing.id,
        toewijzingnummer=toewijzing.toewijzingnummer,
        indicatie_id=toewijzing.indicatie_id,
        beschikking_id=toewijzing.beschikking_id,
        client_id=toewijzing.client_id,
        verzoek_id=toewijzing.verzoek_id,
        gemeentecode=toewijzing.gemeentecode,
        gebied=toewijzing.gebied,
        segment_id=toewijzing.segment_id,
        aanbieder_agb=toewijzing.aanbieder_agb,
        product=ProductSchema(categorie=toewijzing.product_categorie, code=toewijzing.product_code),
        ingangsdatum=toewijzing.ingangsdatum,
        einddatum=toewijzing.einddatum,
        omvang=None if omvang is None else OmvangSchema.model_validate(omvang.model_dump()),
        budget_cents=toewijzing.budget_cents,
        toewijzingsdatum=toewijzing.toewijzingsdatum,
        reden_wijziging=toewijzing.reden_wijziging,
        status=toewijzing.status,
        leveringsstatus=toewijzing.leveringsstatus,
        zorg_begindatum=toewijzing.zorg_begindatum,
        zorg_einddatum=toewijzing.zorg_einddatum,
        reden_beeindiging=toewijzing.reden_beeindiging,
    )


async def get_toewijzing(
    session: AsyncSession, toewijzing_id: uuid.UUID, *, actor: Principal
) -> Toewijzing:
    """Read a toewijzing; a provider reads only its own, and another's is "not found" as an
    unknown id is: its existence is not the provider's to learn."""
    gelezen = await repository.find_gelezen(session, toewijzing_id)
    if gelezen is None:
        raise ToewijzingNietGevonden()
    toewijzing, pseudonym = gelezen
    if actor.is_provider_only and actor.agb != toewijzing.aanbieder_agb:
        raise ToewijzingNietGevonden()
    await verwerking.record(
        session, actor, Handeling.LEZEN, pseudonym, f"toewijzingen/{toewijzing.id}"
    )
    return toewijzing


async def list_toewijzingen(
    session: AsyncSession,
    *,
    client_id: uuid.UUID | None,
    agb: str | None,
    segment_id: uuid.UUID | None,
    gemeentecode: str | None,
    status: str | None,
    periode: Periode,
    sortering: Sequence[Sortering],
    offset: int,
    limit: int,
    actor: Principal,
) -> tuple[list[Toewijzing], int]:
    rows, count = await repository.list_toewijzingen(
        session,
        client_id=client_id,
        agb=scoped_agb(actor, agb),
        segment_id=segment_id,
        gemeentecode=gemeentecode,
        status=status,
        periode=periode,
        sortering=sortering,
        offset=offset,
        limit=limit,
    )
    pseudonyms = await clienten.pseudonyms_of(session, {t.client_id for t in rows})
    for toewijzing in rows:
        await verwerking.record(
            session,
            actor,
            Handeling.LEZEN,
            pseudonyms[toewijzing.client_id],
            f"toewijzingen/{toewijzing.id}",
        )
    return rows, count

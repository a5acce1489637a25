"""Changing an active toewijzing in place (OP380, OP299) and ending or withdrawing it."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.beschikkingen import repository as beschikkingen
from wmo_access.beschikkingen.errors import IndicatieNietGevonden
from wmo_access.beschikkingen.models import Indicatie
from wmo_access.beschikkingen.service import product_of as indicatie_product
from wmo_access.toewijzingen import repository
from wmo_access.toewijzingen.errors import (
    BuitenIndicatie,
    EinddatumVoorIngangsdatum,
    GeenWijziging,
    IndicatieAlToegewezen,
    NieuweToewijzingNodig,
    ToewijzingAlBeeindigd,
    VerkeerdeRedenWijziging,
    VerlengingNaEinddatum,
)
from wmo_access.toewijzingen.models import Toewijzing
from wmo_access.toewijzingen.schemas import ToewijzingBeeindiging, ToewijzingWijziging
from wmo_access.toewijzingen.service.regels import assigned_indicatie, check_no_pgb, check_within
from wmo_access.toewijzingen.service.wmo301 import (
    close,
    content,
    flush_versioned,
    load,
    omvang_of,
    product_of,
    stamp,
)
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.calendar import today
from wmo_common.concurrency import ensure_version
from wmo_common.events import outbox
from wmo_common.events.access import ToewijzingGewijzigd
from wmo_common.events.common import Omvang

VERLENGING = "04"
VERWIJDERD = "13"


async def change_toewijzing(
    session: AsyncSession,
    toewijzing_id: uuid.UUID,
    data: ToewijzingWijziging,
    *,
    versie: int,
    field_key_gateway: str | None,
    actor: Principal,
    verzoek_id: uuid.UUID | None = None,
    referentie_aanbieder: str | None = None,
) -> Toewijzing:
    """Change an active toewijzing in place, keeping its number (OP380, OP299). A change that
    honours a 317 names that verzoek and its referentie in the event."""
    toewijzing, beschikking, client = await load(session, toewijzing_id)
    ensure_version(versie, toewijzing.versie)
    if toewijzing.status != "actief":
        raise ToewijzingAlBeeindigd()
    indicatie: Indicatie | None = None
    if data.indicatie_id is not None and data.indicatie_id != toewijzing.indicatie_id:
        indicatie, beschikking = await assigned_indicatie(session, data.indicatie_id, client.id)
        if indicatie_product(indicatie) != product_of(toewijzing):
            raise BuitenIndicatie("De nieuwe indicatie is voor een ander product.")
        if await repository.active_for_indicatie(session, indicatie.id):
            raise IndicatieAlToegewezen()
    else:
        found = await beschikkingen.find_indicatie(session, toewijzing.indicatie_id)
        if found is None:
            raise IndicatieNietGevonden()
        indicatie = found[0]
    einddatum = data.einddatum if data.einddatum is not None else toewijzing.einddatum
    omvang = (
        Omvang.model_validate(data.omvang.model_dump()) if data.omvang else omvang_of(toewijzing)
    )
    budget = data.budget_cents if data.budget_cents is not None else toewijzing.budget_cents
    langer = toewijzing.einddatum is not None and (
        einddatum is None or einddatum > toewijzing.einddatum
    )
    anders = omvang != omvang_of(toewijzing) or budget != toewijzing.budget_cents
    if not anders and einddatum == toewijzing.einddatum and indicatie.id == toewijzing.indicatie_id:
        raise GeenWijziging()
    if einddatum is not None and einddatum < toewijzing.ingangsdatum:
        raise EinddatumVoorIngangsdatum()
    if anders and toewijzing.omvang_frequentie not in (None, "6"):
        raise NieuweToewijzingNodig()
    if (omvang is None) != (toewijzing.omvang_volume is None):
        raise NieuweToewijzingNodig(
            "Van omvang naar budget (of terug) vraagt een nieuwe toewijzing."
        )
    if langer:
        if toewijzing.einddatum is not None and toewijzing.einddatum < today():
            raise VerlengingNaEinddatum()
        if not anders and data.reden_wijziging != VERLENGING:
            raise VerkeerdeRedenWijziging(
                "Een verlenging met dezelfde omvang krijgt reden wijziging 04."
            )
        await check_no_pgb(
            session, client.id, product_of(toewijzing), toewijzing.einddatum or today(), einddatum
        )
    check_within(indicatie, toewijzing.ingangsdatum, einddatum)
    toewijzing.indicatie_id = indicatie.id
    toewijzing.beschikking_id = beschikking.id
    toewijzing.einddatum = einddatum
    toewijzing.omvang_volume = omvang.volume if omvang else None
    toewijzing.omvang_eenheid = omvang.eenheid if omvang else None
    toewijzing.omvang_frequentie = omvang.frequentie if omvang else None
    toewijzing.budget_cents = budget
    toewijzing.reden_wijziging = data.reden_wijziging
    stamp(toewijzing)
    await flush_versioned(session)
    await outbox.add(
        session,
        ToewijzingGewijzigd.model_validate(
            content(toewijzing, beschikking, client, field_key_gateway)
            | {"reden_wijziging": data.reden_wijziging}
            | (
                {"verzoek_id": verzoek_id, "referentie_aanbieder": referentie_aanbieder}
                if verzoek_id is not None
                else {}
            )
        ),
    )
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"toewijzingen/{toewijzing.id}"
    )
    return toewijzing


async def end_toewijzing(
    session: AsyncSession,
    toewijzing_id: uuid.UUID,
    data: ToewijzingBeeindiging,
    *,
    versie: int,
    field_key_gateway: str | None,
    actor: Principal,
) -> Toewijzing:
    """End a toewijzing early, or withdraw it (reden 13: einddatum = ingangsdatum)."""
    toewijzing, beschikking, client = await load(session, toewijzing_id)
    ensure_version(versie, toewijzing.versie)
    if toewijzing.status != "actief":
        raise ToewijzingAlBeeindigd()
    if data.einddatum < toewijzing.ingangsdatum:
        raise EinddatumVoorIngangsdatum(
            f"De toewijzing gaat in op {toewijzing.ingangsdatum.isoformat()}."
        )
    if toewijzing.einddatum is not None and data.einddatum > toewijzing.einddatum:
        raise VerkeerdeRedenWijziging(
            "Beëindigen verkort een toewijzing; verlengen is een wijziging met reden 04."
        )
    if data.reden_wijziging == VERWIJDERD and data.einddatum != toewijzing.ingangsdatum:
        raise VerkeerdeRedenWijziging(
            "Reden 13 (verwijderd) trekt de toewijzing in: einddatum gelijk aan de ingangsdatum."
        )
    await close(
        session,
        toewijzing,
        beschikking,
        client,
        data.einddatum,
        data.reden_wijziging,
        field_key_gateway,
    )
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"toewijzingen/{toewijzing.id}"
    )
    return toewijzing

"""Assigning an indicatie of an afgegeven beschikking to a contracted aanbieder (Wmo301)."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.beschikkingen.schemas import INTENSITEITEN
from wmo_access.beschikkingen.service import product_of
from wmo_access.clienten import service as clienten
from wmo_access.toewijzingen import repository
from wmo_access.toewijzingen.errors import (
    ContactgegevensOntbreken,
    EinddatumVoorIngangsdatum,
    IndicatieAlToegewezen,
)
from wmo_access.toewijzingen.models import Toewijzing
from wmo_access.toewijzingen.schemas import ToewijzingCreate
from wmo_access.toewijzingen.service.regels import (
    assigned_indicatie,
    check_aanbieder,
    check_no_pgb,
    check_within,
)
from wmo_access.toewijzingen.service.wmo301 import content, stamp
from wmo_access.waarschuwingen import service as waarschuwingen
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.events import outbox
from wmo_common.events.access import ToewijzingAfgegeven


async def create_toewijzing(
    session: AsyncSession,
    data: ToewijzingCreate,
    *,
    field_key_gateway: str | None,
    actor: Principal,
    verzoek_id: uuid.UUID | None = None,
    referentie_aanbieder: str | None = None,
) -> Toewijzing:
    """Assign an indicatie of an afgegeven beschikking to a contracted aanbieder."""
    indicatie, beschikking = await assigned_indicatie(session, data.indicatie_id)
    client = await clienten.load_client(session, beschikking.client_id)
    if not client.has_contact:
        # The gateway could not build a valid Wmo301 (TR061): refuse now, not in its DLQ.
        raise ContactgegevensOntbreken(
            "Leg eerst een adres of telefoonnummer vast via de contactgegevens van de cliënt."
        )
    ingangsdatum = data.ingangsdatum or indicatie.ingangsdatum
    einddatum = data.einddatum or indicatie.einddatum
    if einddatum is not None and einddatum < ingangsdatum:
        raise EinddatumVoorIngangsdatum()
    check_within(indicatie, ingangsdatum, einddatum)
    product = product_of(indicatie)
    await check_no_pgb(session, client.id, product, ingangsdatum, einddatum)
    if await repository.active_for_indicatie(session, indicatie.id):
        raise IndicatieAlToegewezen()
    await check_aanbieder(
        session,
        agb=data.aanbieder_agb,
        product=product,
        gebied=client.gebied,
        segment_id=indicatie.segment_id,
        on=ingangsdatum,
        # Stored by name since intensiteiten are checked; an older row may hold its number.
        intensiteit=INTENSITEITEN.get(indicatie.intensiteit or ""),
    )
    toewijzing = Toewijzing(
        toewijzingnummer=await repository.next_toewijzingnummer(session),
        indicatie_id=indicatie.id,
        beschikking_id=beschikking.id,
        client_id=client.id,
        verzoek_id=verzoek_id,
        gemeentecode=client.gemeentecode,
        gebied=client.gebied,
        segment_id=indicatie.segment_id,
        aanbieder_agb=data.aanbieder_agb,
        product_categorie=indicatie.product_categorie,
        product_code=indicatie.product_code,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        omvang_volume=indicatie.omvang_volume,
        omvang_eenheid=indicatie.omvang_eenheid,
        omvang_frequentie=indicatie.omvang_frequentie,
        budget_cents=indicatie.budget_cents,
    )
    stamp(toewijzing)
    try:
        # Two requests racing for one indicatie both pass the check above; the partial unique
        # index lets one win.
        async with session.begin_nested():
            session.add(toewijzing)
    except IntegrityError:
        raise IndicatieAlToegewezen() from None
    await waarschuwingen.record(
        session, toewijzing.id, toewijzing.aanbieder_agb, indicatie.segment_id
    )
    await outbox.add(
        session,
        ToewijzingAfgegeven.model_validate(
            content(toewijzing, beschikking, client, field_key_gateway)
            | {"referentie_aanbieder": referentie_aanbieder}
        ),
    )
    await verwerking.record(
        session, actor, Handeling.AANMAKEN, client.pseudonym, f"toewijzingen/{toewijzing.id}"
    )
    return toewijzing

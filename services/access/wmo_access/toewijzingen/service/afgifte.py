"""Assigning an indicatie of an afgegeven beschikking to a contracted aanbieder (Wmo301)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.beschikkingen.errors import IndicatieNietGevonden
from wmo_access.beschikkingen.schemas import INTENSITEITEN
from wmo_access.beschikkingen.service import product_of
from wmo_access.clienten.errors import ClientNietGevonden
from wmo_access.toewijzingen import afgiftefeiten, repository
from wmo_access.toewijzingen.errors import (
    ContactgegevensOntbreken,
    EinddatumVoorIngangsdatum,
    IndicatieAlToegewezen,
    ToewijzingOverlaptPgb,
)
from wmo_access.toewijzingen.models import ACTIEVE_TOEWIJZING, Toewijzing
from wmo_access.toewijzingen.schemas import ToewijzingCreate
from wmo_access.toewijzingen.service.regels import (
    check_aanbieder,
    check_assignable,
    check_within,
)
from wmo_access.toewijzingen.service.wmo301 import content, new_stamp
from wmo_access.waarschuwingen import service as waarschuwingen
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.db import constraint_of
from wmo_common.events import outbox
from wmo_common.events.access import ToewijzingAfgegeven


@dataclass(frozen=True)
class Afgifte:
    """A new toewijzing and the warnings it carries (open, non-blocking signaleringen)."""

    toewijzing: Toewijzing
    waarschuwingen: list[str]


async def create_toewijzing(
    session: AsyncSession,
    data: ToewijzingCreate,
    *,
    field_key_gateway: str | None,
    actor: Principal,
    verzoek_id: uuid.UUID | None = None,
    referentie_aanbieder: str | None = None,
) -> Afgifte:
    """Assign an indicatie of an afgegeven beschikking to a contracted aanbieder, with the
    warnings recorded on it. Every fact the rules need is read in one statement; the rules
    then refuse in the order they always did."""
    feiten = await afgiftefeiten.find_afgiftefeiten(
        session, data.indicatie_id, data.aanbieder_agb, data.ingangsdatum, data.einddatum
    )
    if feiten is None:
        raise IndicatieNietGevonden()
    indicatie, beschikking, client = feiten.indicatie, feiten.beschikking, feiten.client
    check_assignable(indicatie, beschikking)
    if client is None:
        raise ClientNietGevonden()
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
    if feiten.pgb_overlapt:
        raise ToewijzingOverlaptPgb()
    if feiten.al_toegewezen:
        raise IndicatieAlToegewezen()
    check_aanbieder(
        feiten,
        agb=data.aanbieder_agb,
        product=product,
        gebied=client.gebied,
        on=ingangsdatum,
        # Stored by name since intensiteiten are checked; an older row may hold its number.
        intensiteit=INTENSITEITEN.get(indicatie.intensiteit or ""),
    )
    toewijzingsdatum, toewijzingstijd = new_stamp()
    toewijzing = await repository.add_toewijzing(
        session,
        {
            "indicatie_id": indicatie.id,
            "beschikking_id": beschikking.id,
            "client_id": client.id,
            "verzoek_id": verzoek_id,
            "gemeentecode": client.gemeentecode,
            "gebied": client.gebied,
            "segment_id": indicatie.segment_id,
            "aanbieder_agb": data.aanbieder_agb,
            "product_categorie": indicatie.product_categorie,
            "product_code": indicatie.product_code,
            "ingangsdatum": ingangsdatum,
            "einddatum": einddatum,
            "omvang_volume": indicatie.omvang_volume,
            "omvang_eenheid": indicatie.omvang_eenheid,
            "omvang_frequentie": indicatie.omvang_frequentie,
            "budget_cents": indicatie.budget_cents,
            "toewijzingsdatum": toewijzingsdatum,
            "toewijzingstijd": toewijzingstijd,
            "toewijzingnummer": feiten.toewijzingnummer,
        },
    )
    reasons = waarschuwingen.record(
        session, toewijzing.id, toewijzing.aanbieder_agb, feiten.signaleringen
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
    return Afgifte(toewijzing, reasons)


async def commit_afgifte(session: AsyncSession) -> None:
    """Commit a session that made a toewijzing (written at the commit, with its event and audit
    record): if another request assigned the indicatie after the facts were read, the partial
    unique index refuses the second, and so does this."""
    try:
        await session.commit()
    except IntegrityError as error:
        if constraint_of(error) == ACTIEVE_TOEWIJZING:
            raise IndicatieAlToegewezen() from error
        raise

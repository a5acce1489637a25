"""What every granted or refused verzoek shares: the beschikking that records the decision,
the toewijzingen, and the answer to the aanbieder."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.beschikkingen import service as beschikkingen
from wmo_access.beschikkingen.models import Indicatie
from wmo_access.beschikkingen.schemas import IndicatieCreate, OmvangSchema, ProductSchema
from wmo_access.clienten import service as clienten
from wmo_access.clienten.models import Client
from wmo_access.leesmodellen.contracten import repository as contracten
from wmo_access.leesmodellen.contracten.models import Segment
from wmo_access.taken import service as taken
from wmo_access.toewijzingen import service as toewijzing_service
from wmo_access.toewijzingen.errors import GeenActiefContract
from wmo_access.toewijzingen.schemas import ToewijzingCreate
from wmo_access.verzoeken.errors import SegmentOnduidelijk
from wmo_access.verzoeken.models import Verzoek
from wmo_common.auth import Principal
from wmo_common.calendar import today
from wmo_common.db import utcnow
from wmo_common.events import outbox
from wmo_common.events.access import VerzoekBeantwoord, VerzoekInOnderzoek
from wmo_common.events.gateway import GevraagdProduct


async def chosen_segment(
    session: AsyncSession,
    verzoek: Verzoek,
    client: Client,
    producten: list[GevraagdProduct],
    segment_id: uuid.UUID | None,
) -> Segment:
    """The segment the consultant named, or the one the aanbieder's contracts for every asked
    product have in common."""
    if segment_id is not None:
        segment = await contracten.find_segment(session, segment_id)
        if segment is None:
            raise SegmentOnduidelijk("Van dit segment is geen verwervingsstrategie bekend.")
        return segment
    gemeenschappelijk: set[uuid.UUID] | None = None
    for gevraagd in producten:
        contracts = await contracten.active_contracts(
            session,
            agb=verzoek.aanbieder_agb,
            product=gevraagd.product,
            gebied=client.gebied,
            on=gevraagd.ingangsdatum,
        )
        ids = {c.segment_id for c in contracts if c.segment_id is not None}
        gemeenschappelijk = ids if gemeenschappelijk is None else gemeenschappelijk & ids
    if not gemeenschappelijk:
        raise GeenActiefContract(
            f"Aanbieder {verzoek.aanbieder_agb} heeft geen actief contract voor het gevraagde; "
            "wijs het verzoek af met reden 3 (geen contract)."
        )
    if len(gemeenschappelijk) > 1:
        raise SegmentOnduidelijk()
    segment = await contracten.find_segment(session, gemeenschappelijk.pop())
    if segment is None:
        raise SegmentOnduidelijk("Van het segment van het contract is geen strategie bekend.")
    return segment


async def assign(
    session: AsyncSession,
    verzoek: Verzoek,
    client: Client,
    segment: Segment,
    producten: list[GevraagdProduct],
    field_key_gateway: str | None,
    actor: Principal,
    *,
    vervangt: dict[int, uuid.UUID] | None = None,
) -> tuple[list[Indicatie], list[str]]:
    """A beschikking that records the decision, then a toewijzing per product carrying the
    verzoek's referentie (IV093), with every check a consultant's toewijzing gets. `vervangt`
    maps a product's position to the indicatie it replaces; those are not newly assigned."""
    indicaties = [
        IndicatieCreate(
            segment_id=segment.id,
            product=ProductSchema.model_validate(p.product.model_dump()),
            omvang=None if p.omvang is None else OmvangSchema.model_validate(p.omvang.model_dump()),
            budget_cents=p.budget_cents,
            ingangsdatum=p.ingangsdatum,
            einddatum=p.einddatum,
            leveringsvorm="zin",
        )
        for p in producten
    ]
    beschikking, rows = await beschikkingen.add_beschikking(
        session, client=client, aanvraag_id=None, vervangt_id=None, indicaties=indicaties
    )
    for index, indicatie_id in (vervangt or {}).items():
        rows[index].vervangt_indicatie_id = indicatie_id
    await beschikkingen.publish_afgifte(session, beschikking, rows, client, today())
    verzoek.segment_id = segment.id
    nummers = []
    for index, indicatie in enumerate(rows):
        if vervangt and index in vervangt:
            continue
        afgifte = await toewijzing_service.create_toewijzing(
            session,
            ToewijzingCreate(indicatie_id=indicatie.id, aanbieder_agb=verzoek.aanbieder_agb),
            field_key_gateway=field_key_gateway,
            actor=actor,
            verzoek_id=verzoek.id,
            referentie_aanbieder=verzoek.referentie,
        )
        nummers.append(afgifte.toewijzing.toewijzingnummer)
    return rows, nummers


async def answer(
    session: AsyncSession,
    verzoek: Verzoek,
    client: Client,
    nummers: list[str],
    field_key_gateway: str | None,
    actor: Principal,
    *,
    reden: str | None = None,
) -> None:
    """Record the decision and publish the answer: the gateway sends a 319 for a refusal; a
    grant's 301s follow from the toewijzing events."""
    verzoek.status = "afgewezen" if reden is not None else "toegekend"
    verzoek.reden_afwijzing = reden
    verzoek.toewijzingnummers = nummers
    verzoek.beslist_door = actor.subject
    verzoek.beslist_at = utcnow()
    await taken.close_verzoek(session, verzoek.id)
    await outbox.add(
        session,
        VerzoekBeantwoord(
            verzoek_id=verzoek.id,
            soort="toewijzing" if verzoek.soort == "toewijzing" else "wijziging",
            bericht_referentie=verzoek.referentie,
            client_pseudonym=client.pseudonym,
            client_gegevens=clienten.gateway_gegevens(client, field_key_gateway),
            gemeentecode=verzoek.gemeentecode,
            aanbieder_agb=verzoek.aanbieder_agb,
            toegekend=reden is None,
            reden_afwijzing=reden,
            toewijzingnummers=nummers,
        ),
    )


async def announce_onderzoek(session: AsyncSession, verzoek: Verzoek, client: Client) -> None:
    """The verzoek is "in onderzoek": the gateway tells the aanbieder with a Wmo319 (answer 2);
    the verzoek stays open for the final decision."""
    await outbox.add(
        session,
        VerzoekInOnderzoek(
            verzoek_id=verzoek.id,
            soort="toewijzing" if verzoek.soort == "toewijzing" else "wijziging",
            bericht_referentie=verzoek.referentie,
            client_pseudonym=client.pseudonym,
            gemeentecode=verzoek.gemeentecode,
            aanbieder_agb=verzoek.aanbieder_agb,
            deadline=verzoek.deadline_date,
        ),
    )


def gevraagde_producten(verzoek: Verzoek) -> list[GevraagdProduct]:
    return [GevraagdProduct.model_validate(p) for p in verzoek.producten]

"""Granting a Wmo317: the aanbieder's complete desired situation (OP308, OP348)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.beschikkingen.schemas import OmvangSchema
from wmo_access.clienten.models import Client
from wmo_access.leesmodellen.contracten.models import Segment
from wmo_access.toewijzingen import repository as toewijzingen
from wmo_access.toewijzingen import service as toewijzing_service
from wmo_access.toewijzingen.models import Toewijzing
from wmo_access.toewijzingen.schemas import ToewijzingWijziging
from wmo_access.verzoeken.errors import SegmentOnduidelijk, VerzoekPastNiet
from wmo_access.verzoeken.models import Verzoek
from wmo_access.verzoeken.schemas import VerzoekBeslissing
from wmo_access.verzoeken.service.antwoord import assign, chosen_segment, gevraagde_producten
from wmo_common.auth import Principal
from wmo_common.events.gateway import GevraagdProduct

VERLENGING = "04"


# RedenWijziging 12: a change the aanbieder asked for (a granted 317).
GEINITIEERD_DOOR_AANBIEDER = "12"


async def grant_wijziging(
    session: AsyncSession,
    verzoek: Verzoek,
    client: Client,
    data: VerzoekBeslissing,
    field_key_gateway: str | None,
    actor: Principal,
) -> list[str]:
    """Grant a 317 as the complete desired situation (OP308, OP348): each te-wijzigen product
    moves its toewijzing (same number) onto a new indicatie with the asked omvang and end; each
    nieuw product is assigned afresh. The changes keep the toewijzing rules: a different omvang
    per week needs a new toewijzing (OP257) and is refused; refuse the verzoek with reden 1."""
    producten = gevraagde_producten(verzoek)
    te_wijzigen: dict[int, Toewijzing] = {}
    besluit: list[GevraagdProduct] = []
    for gevraagd in producten:
        if gevraagd.soort == "ongewijzigd":
            await _own_toewijzing(session, verzoek, client, gevraagd)
        elif gevraagd.soort == "te-wijzigen":
            toewijzing = await _own_toewijzing(session, verzoek, client, gevraagd)
            te_wijzigen[len(besluit)] = toewijzing
            besluit.append(_as_indicated(gevraagd, toewijzing))
        else:
            besluit.append(gevraagd)
    if not besluit:
        raise VerzoekPastNiet("Het verzoek vraagt geen wijziging en geen nieuw product.")
    segment = await _wijziging_segment(
        session, verzoek, client, besluit, list(te_wijzigen.values()), data.segment_id
    )
    rows, nummers = await assign(
        session,
        verzoek,
        client,
        segment,
        besluit,
        field_key_gateway,
        actor,
        vervangt={i: t.indicatie_id for i, t in te_wijzigen.items()},
    )
    for index, toewijzing in te_wijzigen.items():
        gevraagd = besluit[index]
        omvang = None if gevraagd.omvang is None else gevraagd.omvang.model_dump()
        zelfde = gevraagd.omvang == toewijzing_service.omvang_of(toewijzing) and (
            gevraagd.budget_cents == toewijzing.budget_cents
        )
        langer = toewijzing.einddatum is not None and (
            gevraagd.einddatum is None or gevraagd.einddatum > toewijzing.einddatum
        )
        await toewijzing_service.change_toewijzing(
            session,
            toewijzing.id,
            ToewijzingWijziging(
                reden_wijziging=VERLENGING if zelfde and langer else GEINITIEERD_DOOR_AANBIEDER,
                einddatum=gevraagd.einddatum,
                omvang=None if omvang is None else OmvangSchema.model_validate(omvang),
                budget_cents=gevraagd.budget_cents,
                indicatie_id=rows[index].id,
            ),
            versie=toewijzing.versie,
            field_key_gateway=field_key_gateway,
            actor=actor,
            verzoek_id=verzoek.id,
            referentie_aanbieder=verzoek.referentie,
        )
        nummers.append(toewijzing.toewijzingnummer)
    return nummers


async def _own_toewijzing(
    session: AsyncSession, verzoek: Verzoek, client: Client, gevraagd: GevraagdProduct
) -> Toewijzing:
    """The active toewijzing a 317 line names: this aanbieder's, this client's, this product."""
    nummer = gevraagd.toewijzingnummer
    toewijzing = None if nummer is None else await toewijzingen.find_by_nummer(session, nummer)
    if (
        toewijzing is None
        or toewijzing.aanbieder_agb != verzoek.aanbieder_agb
        or toewijzing.client_id != client.id
    ):
        raise VerzoekPastNiet(
            f"Toewijzing {nummer or '(geen nummer)'} is niet aan deze aanbieder voor deze "
            "cliënt afgegeven."
        )
    if toewijzing.status != "actief":
        raise VerzoekPastNiet(f"Toewijzing {nummer} is al beëindigd.")
    if (toewijzing.product_categorie, toewijzing.product_code) != (
        gevraagd.product.categorie,
        gevraagd.product.code,
    ):
        raise VerzoekPastNiet(f"Toewijzing {nummer} is voor een ander product.")
    return toewijzing


def _as_indicated(gevraagd: GevraagdProduct, toewijzing: Toewijzing) -> GevraagdProduct:
    """The new indicatie of a changed toewijzing: from its own start (the number and start stay),
    with the asked omvang or budget, or the current one when the 317 leaves it out."""
    update: dict[str, object] = {"ingangsdatum": toewijzing.ingangsdatum}
    if gevraagd.omvang is None and gevraagd.budget_cents is None:
        update["omvang"] = toewijzing_service.omvang_of(toewijzing)
        update["budget_cents"] = toewijzing.budget_cents
    return gevraagd.model_copy(update=update)


async def _wijziging_segment(
    session: AsyncSession,
    verzoek: Verzoek,
    client: Client,
    besluit: list[GevraagdProduct],
    bestaand: list[Toewijzing],
    segment_id: uuid.UUID | None,
) -> Segment:
    """A changed toewijzing stays in its segment; new products follow it, or the contracts."""
    segment_ids = {t.segment_id for t in bestaand}
    if segment_id is not None and segment_ids - {segment_id}:
        raise SegmentOnduidelijk("Een gewijzigde toewijzing blijft in haar eigen segment.")
    if len(segment_ids) > 1:
        raise SegmentOnduidelijk("De te wijzigen toewijzingen liggen in verschillende segmenten.")
    if segment_ids:
        segment_id = segment_ids.pop()
    return await chosen_segment(session, verzoek, client, besluit, segment_id)

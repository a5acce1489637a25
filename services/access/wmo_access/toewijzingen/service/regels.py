"""The rules a toewijzing keeps: an afgegeven, granted indicatie in natura, within its period, no
pgb for the same product, and an aanbieder with an active contract, no blocking signalering and a
place."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.beschikkingen import repository as beschikkingen
from wmo_access.beschikkingen.errors import (
    BeschikkingNietAfgegeven,
    IndicatieAfgewezen,
    IndicatieNietGevonden,
    IntensiteitNietGecontracteerd,
)
from wmo_access.beschikkingen.models import Beschikking, Indicatie
from wmo_access.leesmodellen.aanbieders.repository import plaatsen_in
from wmo_access.toewijzingen import afgiftefeiten
from wmo_access.toewijzingen.afgiftefeiten import Afgiftefeiten
from wmo_access.toewijzingen.errors import (
    AanbiederAanmeldstop,
    AanbiederGesignaleerd,
    BuitenIndicatie,
    GeenActiefContract,
    GeenCapaciteit,
    ToewijzingOverlaptPgb,
)
from wmo_common.events.common import Product


async def assigned_indicatie(
    session: AsyncSession, indicatie_id: uuid.UUID, client_id: uuid.UUID | None = None
) -> tuple[Indicatie, Beschikking]:
    found = await beschikkingen.find_indicatie(session, indicatie_id)
    if found is None or (client_id is not None and found[1].client_id != client_id):
        raise IndicatieNietGevonden()
    check_assignable(*found)
    return found


def check_assignable(indicatie: Indicatie, beschikking: Beschikking) -> None:
    """A granted indicatie in natura of an afgegeven (and not replaced) beschikking."""
    if beschikking.status != "afgegeven":
        raise BeschikkingNietAfgegeven(
            "Alleen een indicatie uit een afgegeven (en niet vervangen) beschikking wordt "
            "toegewezen."
        )
    if indicatie.besluit == "afgewezen":
        raise IndicatieAfgewezen(
            "Deze indicatie is in de beschikking afgewezen en wordt niet toegewezen."
        )
    if indicatie.leveringsvorm == "pgb":
        raise ToewijzingOverlaptPgb("Deze indicatie wordt als pgb verstrekt, niet in natura.")


def check_within(indicatie: Indicatie, ingangsdatum: date, einddatum: date | None) -> None:
    if ingangsdatum < indicatie.ingangsdatum:
        raise BuitenIndicatie(
            f"De indicatie gaat in op {indicatie.ingangsdatum.isoformat()}; de toewijzing "
            "begint niet eerder."
        )
    if indicatie.einddatum is not None and (einddatum is None or einddatum > indicatie.einddatum):
        raise BuitenIndicatie(
            f"De indicatie loopt tot en met {indicatie.einddatum.isoformat()}; een langere "
            "toewijzing vraagt een herindicatie."
        )


def check_aanbieder(
    feiten: Afgiftefeiten,
    *,
    agb: str,
    product: Product,
    gebied: str | None,
    on: date,
    intensiteit: str | None = None,
) -> None:
    """Only an aanbieder with a matching active contract (one that lists the product, with or
    without tarieven, at the indicatie's intensiteit), not blocked, and with a free place."""
    contracts = [c for c in feiten.contracten if c.product_entry(product, gebied) is not None]
    if not contracts:
        raise GeenActiefContract(
            f"Aanbieder {agb} heeft op {on.isoformat()} geen actief contract in dit segment voor "
            f"product {product.categorie}/{product.code or '-'} in gebied {gebied or '(geen)'}."
        )
    if not any(c.offers(product, gebied, intensiteit) for c in contracts):
        raise IntensiteitNietGecontracteerd(
            f"Het contract van aanbieder {agb} biedt product {product.categorie}/"
            f"{product.code or '-'} niet in intensiteit {intensiteit or '(geen)'}."
        )
    if any(s.is_blokkerend for s in feiten.signaleringen):
        raise AanbiederGesignaleerd(
            f"Aanbieder {agb} heeft een open signalering die toewijzen blokkeert."
        )
    # An aanmeldstop (art. 3.6) refuses a new client from its ingangsdatum: a toewijzing that
    # starts within it, or one made while it holds.
    stop = feiten.aanmeldstop
    if stop is not None:
        raise AanbiederAanmeldstop(
            f"Aanbieder {agb} neemt vanaf {stop.ingangsdatum.isoformat()}"
            f"{f' tot en met {stop.einddatum.isoformat()}' if stop.einddatum else ''} geen nieuwe "
            f"cliënten aan voor product {product.categorie}/{product.code or '-'} in gebied "
            f"{gebied or '(geen)'}: {stop.reden}"
        )
    plaatsen = None if feiten.capaciteit is None else plaatsen_in(feiten.capaciteit, product)
    if plaatsen is not None and feiten.bezet >= plaatsen:
        raise GeenCapaciteit(f"Aanbieder {agb} heeft {plaatsen} plaats(en) en die zijn bezet.")


async def check_no_pgb(
    session: AsyncSession, client_id: uuid.UUID, product: Product, van: date, tot: date | None
) -> None:
    if await afgiftefeiten.pgb_overlapping(session, client_id, product, van, tot):
        raise ToewijzingOverlaptPgb()

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from wmo_access import verwerking
from wmo_access.aanvragen.errors import AanvraagNietGevonden
from wmo_access.aanvragen.models import Aanvraag
from wmo_access.beschikkingen import repository
from wmo_access.beschikkingen.errors import (
    BeschikkingAlAfgegeven,
    BeschikkingNietAfgegeven,
    BeschikkingNietGevonden,
    IntensiteitNietGecontracteerd,
    SegmentregelsGeschonden,
)
from wmo_access.beschikkingen.models import Beschikking, Indicatie
from wmo_access.beschikkingen.schemas import (
    INTENSITEITEN,
    BeschikkingCreate,
    BeschikkingRead,
    IndicatieCreate,
    IndicatieRead,
    OmvangSchema,
    ProductSchema,
)
from wmo_access.clienten import service as clienten
from wmo_access.clienten.models import Client
from wmo_access.leesmodellen.contracten import repository as contracten
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.calendar import today
from wmo_common.concurrency import VersieVerouderd, ensure_version
from wmo_common.db import utcnow
from wmo_common.events import outbox
from wmo_common.events.access import BeschikkingAfgegeven, Indicatieregel
from wmo_common.events.common import Omvang, Product
from wmo_common.problems import InvalidParam


def indicatie_read(indicatie: Indicatie) -> IndicatieRead:
    omvang = (
        None
        if indicatie.omvang_volume is None
        else OmvangSchema.model_validate(
            {
                "volume": indicatie.omvang_volume,
                "eenheid": indicatie.omvang_eenheid,
                "frequentie": indicatie.omvang_frequentie,
            }
        )
    )
    return IndicatieRead(
        id=indicatie.id,
        segment_id=indicatie.segment_id,
        product=ProductSchema(categorie=indicatie.product_categorie, code=indicatie.product_code),
        intensiteit=indicatie.intensiteit,
        omvang=omvang,
        budget_cents=indicatie.budget_cents,
        ingangsdatum=indicatie.ingangsdatum,
        einddatum=indicatie.einddatum,
        leveringsvorm=indicatie.leveringsvorm,
        besluit=indicatie.besluit,
        grond=indicatie.grond,
    )


def to_read(beschikking: Beschikking, indicaties: Sequence[Indicatie]) -> BeschikkingRead:
    return BeschikkingRead(
        id=beschikking.id,
        beschikkingnummer=beschikking.beschikkingnummer,
        aanvraag_id=beschikking.aanvraag_id,
        client_id=beschikking.client_id,
        gemeentecode=beschikking.gemeentecode,
        status=beschikking.status,
        afgiftedatum=beschikking.afgifte_date,
        vervangt_id=beschikking.vervangt_id,
        indicaties=[indicatie_read(i) for i in indicaties],
    )


def product_of(indicatie: Indicatie) -> Product:
    return Product(categorie=indicatie.product_categorie, code=indicatie.product_code)


def omvang_of(indicatie: Indicatie) -> Omvang | None:
    if indicatie.omvang_volume is None:
        return None
    return Omvang(
        volume=indicatie.omvang_volume,
        eenheid=indicatie.omvang_eenheid or "",
        frequentie=indicatie.omvang_frequentie or "",
    )


async def check_segment_rules(session: AsyncSession, indicaties: Sequence[IndicatieCreate]) -> None:
    """Every granted indicatie within its segment's rules (maximum length); all findings at
    once. A refused one has no period to check."""
    findings = []
    for index, indicatie in enumerate(indicaties):
        if indicatie.besluit == "afgewezen":
            continue
        segment = await contracten.find_segment(session, indicatie.segment_id)
        if segment is None:
            findings.append(
                InvalidParam(
                    name=f"indicaties.{index}.segmentId",
                    code="segment-onbekend",
                    reason="van dit segment is geen verwervingsstrategie gepubliceerd",
                )
            )
            continue
        uiterlijk = segment.einde_bereik(indicatie.ingangsdatum)
        if uiterlijk is None:
            continue
        if indicatie.einddatum is None or indicatie.einddatum > uiterlijk:
            findings.append(
                InvalidParam(
                    name=f"indicaties.{index}.einddatum",
                    code="na-segmentmaximum",
                    reason=(
                        f"in segment {segment.naam} duurt een indicatie ten hoogste "
                        f"{segment.max_indicatie_maanden} maanden: uiterlijk tot en met "
                        f"{uiterlijk.isoformat()}"
                    ),
                )
            )
    if findings:
        raise SegmentregelsGeschonden(
            f"{len(findings)} indicatie(s) passen niet in hun segment.", invalid_params=findings
        )


async def check_intensiteiten(
    session: AsyncSession, indicaties: Sequence[IndicatieCreate], gebied: str | None
) -> None:
    """An indicatie in natura asks an intensiteit that a contract of its segment offers for the
    product in the client's gebied, when the contracts there differentiate by intensiteit (a
    product with an intensiteit has a tarief). All findings at once."""
    findings = []
    for index, indicatie in enumerate(indicaties):
        if indicatie.leveringsvorm != "zin" or indicatie.besluit == "afgewezen":
            continue
        product = Product(categorie=indicatie.product.categorie, code=indicatie.product.code)
        contracts = [
            c
            for c in await contracten.segment_contracts(
                session,
                segment_id=indicatie.segment_id,
                product=product,
                on=indicatie.ingangsdatum,
            )
            if c.product_entry(product, gebied) is not None
        ]
        if contracts and not any(
            c.offers(product, gebied, indicatie.intensiteit) for c in contracts
        ):
            geboden = sorted(
                {
                    i
                    for c in contracts
                    for i in (c.product_entry(product, gebied) or {}).get("intensiteiten", [])
                }
            )
            findings.append(
                InvalidParam(
                    name=f"indicaties.{index}.intensiteit",
                    code="intensiteit-niet-gecontracteerd",
                    reason=(
                        f"product {product.categorie}/{product.code or '-'} is gecontracteerd "
                        f"in intensiteit {', '.join(geboden)}"
                    ),
                )
            )
    if findings:
        raise IntensiteitNietGecontracteerd(
            f"{len(findings)} indicatie(s) vragen een intensiteit die geen contract biedt.",
            invalid_params=findings,
        )


def _indicatie(beschikking_id: uuid.UUID, data: IndicatieCreate) -> Indicatie:
    return Indicatie(
        beschikking_id=beschikking_id,
        segment_id=data.segment_id,
        product_categorie=data.product.categorie,
        product_code=data.product.code,
        intensiteit=data.intensiteit,
        omvang_volume=data.omvang.volume if data.omvang else None,
        omvang_eenheid=data.omvang.eenheid if data.omvang else None,
        omvang_frequentie=data.omvang.frequentie if data.omvang else None,
        budget_cents=data.budget_cents,
        ingangsdatum=data.ingangsdatum,
        einddatum=data.einddatum,
        leveringsvorm=data.leveringsvorm,
        besluit=data.besluit,
        grond=data.grond.strip() if data.grond is not None else None,
    )


async def add_beschikking(
    session: AsyncSession,
    *,
    client: Client,
    aanvraag_id: uuid.UUID | None,
    vervangt_id: uuid.UUID | None,
    indicaties: Sequence[IndicatieCreate],
) -> tuple[Beschikking, list[Indicatie]]:
    """A concept beschikking with its indicaties, checked against the segment rules and the
    intensiteiten its contracts offer."""
    await check_segment_rules(session, indicaties)
    await check_intensiteiten(session, indicaties, client.gebied)
    if vervangt_id is not None:
        vorige = await repository.find(session, vervangt_id)
        if vorige is None or vorige.client_id != client.id:
            raise BeschikkingNietGevonden("De te vervangen beschikking bestaat niet.")
        if vorige.status != "afgegeven":
            raise BeschikkingNietAfgegeven("Alleen een afgegeven beschikking wordt vervangen.")
    nummer = await repository.next_beschikkingnummer(session)
    beschikking = Beschikking(
        beschikkingnummer=f"{today().year}{nummer:08d}",
        aanvraag_id=aanvraag_id,
        client_id=client.id,
        gemeentecode=client.gemeentecode,
        vervangt_id=vervangt_id,
    )
    session.add(beschikking)
    await session.flush()
    rows = [_indicatie(beschikking.id, i) for i in indicaties]
    session.add_all(rows)
    await session.flush()
    return beschikking, rows


async def create_beschikking(
    session: AsyncSession, data: BeschikkingCreate, *, actor: Principal
) -> tuple[Beschikking, list[Indicatie]]:
    aanvraag = await session.get(Aanvraag, data.aanvraag_id)
    if aanvraag is None:
        raise AanvraagNietGevonden()
    client = await clienten.load_client(session, aanvraag.client_id)
    beschikking, indicaties = await add_beschikking(
        session,
        client=client,
        aanvraag_id=aanvraag.id,
        vervangt_id=data.vervangt_id,
        indicaties=data.indicaties,
    )
    await verwerking.record(
        session, actor, Handeling.AANMAKEN, client.pseudonym, f"beschikkingen/{beschikking.id}"
    )
    return beschikking, indicaties


async def _load(
    session: AsyncSession, beschikking_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Beschikking, Client]:
    beschikking = await repository.find(session, beschikking_id, for_update=for_update)
    if beschikking is None:
        raise BeschikkingNietGevonden()
    return beschikking, await clienten.load_client(session, beschikking.client_id)


async def get_beschikking(
    session: AsyncSession, beschikking_id: uuid.UUID, *, actor: Principal
) -> tuple[Beschikking, list[Indicatie]]:
    beschikking, client = await _load(session, beschikking_id)
    await verwerking.record(
        session, actor, Handeling.LEZEN, client.pseudonym, f"beschikkingen/{beschikking.id}"
    )
    return beschikking, await repository.indicaties_of(session, beschikking.id)


async def update_beschikking(
    session: AsyncSession,
    beschikking_id: uuid.UUID,
    indicaties: Sequence[IndicatieCreate],
    *,
    versie: int,
    actor: Principal,
) -> tuple[Beschikking, list[Indicatie]]:
    """Replace the indicaties of a concept; an afgegeven beschikking is never edited."""
    beschikking, client = await _load(session, beschikking_id)
    ensure_version(versie, beschikking.versie)
    if beschikking.status != "concept":
        raise BeschikkingAlAfgegeven()
    await check_segment_rules(session, indicaties)
    await check_intensiteiten(session, indicaties, client.gebied)
    await repository.delete_indicaties(session, beschikking.id)
    rows = [_indicatie(beschikking.id, i) for i in indicaties]
    session.add_all(rows)
    # Touching the row bumps its version: the update succeeds only on the version read.
    beschikking.updated_at = utcnow()
    await _flush_versioned(session, beschikking)
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"beschikkingen/{beschikking.id}"
    )
    return beschikking, rows


async def issue_beschikking(
    session: AsyncSession,
    beschikking_id: uuid.UUID,
    afgiftedatum: date | None,
    *,
    versie: int,
    actor: Principal,
) -> tuple[Beschikking, list[Indicatie]]:
    """Issue a concept: it takes effect, replaces the one it names, and is announced."""
    beschikking, client = await _load(session, beschikking_id, for_update=True)
    ensure_version(versie, beschikking.versie)
    if beschikking.status != "concept":
        raise BeschikkingAlAfgegeven("Deze beschikking is al afgegeven.")
    indicaties = await repository.indicaties_of(session, beschikking.id)
    await check_segment_rules(session, [indicatie_read(i) for i in indicaties])
    await publish_afgifte(session, beschikking, indicaties, client, afgiftedatum or today())
    await _flush_versioned(session, beschikking)
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"beschikkingen/{beschikking.id}"
    )
    return beschikking, indicaties


async def publish_afgifte(
    session: AsyncSession,
    beschikking: Beschikking,
    indicaties: Sequence[Indicatie],
    client: Client,
    afgiftedatum: date,
) -> None:
    """Mark the beschikking afgegeven (its predecessor vervangen) and queue the event. The event
    carries the granted indicaties only: a refused one books nothing and is assigned to no one,
    so no consumer ever sees it."""
    if beschikking.vervangt_id is not None:
        vorige = await repository.find(session, beschikking.vervangt_id, for_update=True)
        if vorige is None or vorige.status != "afgegeven":
            raise BeschikkingNietAfgegeven("De te vervangen beschikking is niet meer van kracht.")
        vorige.status = "vervangen"
    beschikking.status = "afgegeven"
    beschikking.afgifte_date = afgiftedatum
    toegekend = [i for i in indicaties if i.besluit == "toegekend"]
    segmenten = {i.segment_id for i in toegekend}
    await outbox.add(
        session,
        BeschikkingAfgegeven(
            beschikking_id=beschikking.id,
            client_pseudonym=client.pseudonym,
            gemeentecode=beschikking.gemeentecode,
            segment_id=next(iter(segmenten)) if len(segmenten) == 1 else None,
            afgegeven_op=afgiftedatum,
            indicaties=[
                Indicatieregel(
                    indicatie_id=i.id,
                    product=product_of(i),
                    intensiteit=INTENSITEITEN.get(i.intensiteit or ""),
                    ingangsdatum=i.ingangsdatum,
                    einddatum=i.einddatum,
                    omvang=omvang_of(i),
                    budget_cents=i.budget_cents,
                )
                for i in toegekend
            ],
        ),
    )


async def _flush_versioned(session: AsyncSession, beschikking: Beschikking) -> None:
    try:
        await session.flush()
    except StaleDataError:
        raise VersieVerouderd() from None

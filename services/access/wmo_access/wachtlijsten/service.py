"""Aanmeldingen, plaatsing and refusal, and the waiting list measured against the segment's norm:
the term asked for, else the acceptatieplicht of the segment's strategy, else its Treeknorm as
providers publishes it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.beschikkingen.schemas import ProductSchema
from wmo_access.clienten import service as clienten
from wmo_access.leesmodellen.aanbieders import repository as aanbieders
from wmo_access.leesmodellen.contracten import repository as contracten
from wmo_access.toewijzingen.service.regels import assigned_indicatie
from wmo_access.wachtlijsten import repository
from wmo_access.wachtlijsten.errors import AanmeldingAfgehandeld, AanmeldingNietGevonden
from wmo_access.wachtlijsten.models import Aanmelding
from wmo_access.wachtlijsten.schemas import AanmeldingCreate, AanmeldingRead, Wachtende
from wmo_common.audit import Handeling
from wmo_common.auth import Principal


async def create_aanmelding(
    session: AsyncSession, data: AanmeldingCreate, today: date, actor: Principal
) -> Aanmelding:
    indicatie, beschikking = await assigned_indicatie(session, data.indicatie_id)
    client = await clienten.load_client(session, beschikking.client_id)
    aanmelding = Aanmelding(
        indicatie_id=indicatie.id,
        client_id=client.id,
        segment_id=indicatie.segment_id,
        aanbieder_agb=data.aanbieder_agb,
        product_categorie=indicatie.product_categorie,
        product_code=indicatie.product_code,
        gebied=client.gebied,
        aanmelddatum=data.aanmelddatum or today,
    )
    session.add(aanmelding)
    await session.flush()
    await verwerking.record(
        session, actor, Handeling.AANMAKEN, client.pseudonym, f"aanmeldingen/{aanmelding.id}"
    )
    return aanmelding


async def place(
    session: AsyncSession, aanmelding_id: uuid.UUID, plaatsingsdatum: date
) -> Aanmelding:
    aanmelding = await _open(session, aanmelding_id)
    aanmelding.status = "geplaatst"
    aanmelding.plaatsingsdatum = plaatsingsdatum
    await session.flush()
    return aanmelding


async def refuse(session: AsyncSession, aanmelding_id: uuid.UUID, reden: str) -> Aanmelding:
    aanmelding = await _open(session, aanmelding_id)
    aanmelding.status = "geweigerd"
    aanmelding.weigeringsreden = reden
    await session.flush()
    return aanmelding


async def _open(session: AsyncSession, aanmelding_id: uuid.UUID) -> Aanmelding:
    aanmelding = await repository.find(session, aanmelding_id)
    if aanmelding is None:
        raise AanmeldingNietGevonden()
    if aanmelding.status != "wachtend":
        raise AanmeldingAfgehandeld()
    return aanmelding


async def wachtlijst(
    session: AsyncSession,
    *,
    product_categorie: str | None,
    product_code: str | None,
    gebied: str | None,
    peildatum: date,
    norm_dagen: int | None,
    alleen_overschreden: bool,
) -> list[Wachtende]:
    """The waiting aanmeldingen, longest waiting first; each against `norm_dagen` when given,
    else the acceptatieplicht of its segment's strategy, else the Treeknorm of its aanbieder
    in that segment."""
    result = []
    for a in await repository.waiting(
        session, product_categorie=product_categorie, product_code=product_code, gebied=gebied
    ):
        norm = norm_dagen
        if norm is None:
            segment = await contracten.find_segment(session, a.segment_id)
            norm = segment.acceptatieplicht_dagen(a.aanmelddatum) if segment else None
        if norm is None:
            prestatie = await aanbieders.find_prestatie(session, a.aanbieder_agb, a.segment_id)
            norm = prestatie.treeknorm_dagen if prestatie else None
        dagen = (peildatum - a.aanmelddatum).days
        overschreden = norm is not None and dagen > norm
        if alleen_overschreden and not overschreden:
            continue
        result.append(
            Wachtende(
                **to_read(a).model_dump(),
                dagen_wachtend=dagen,
                norm_dagen=norm,
                is_overschreden=overschreden,
            )
        )
    return result


def to_read(a: Aanmelding) -> AanmeldingRead:
    return AanmeldingRead(
        id=a.id,
        indicatie_id=a.indicatie_id,
        client_id=a.client_id,
        segment_id=a.segment_id,
        aanbieder_agb=a.aanbieder_agb,
        product=ProductSchema(categorie=a.product_categorie, code=a.product_code),
        gebied=a.gebied,
        aanmelddatum=a.aanmelddatum,
        status=_status(a.status),
        plaatsingsdatum=a.plaatsingsdatum,
        weigeringsreden=a.weigeringsreden,
    )


Status = Literal["wachtend", "geplaatst", "geweigerd"]
STATUSSEN: tuple[Status, ...] = ("wachtend", "geplaatst", "geweigerd")


def _status(value: str) -> Status:
    return next(s for s in STATUSSEN if s == value)

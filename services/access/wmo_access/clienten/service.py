from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.clienten import repository
from wmo_access.clienten.errors import ClientBestaatAl, ClientNietGevonden
from wmo_access.clienten.models import Client
from wmo_access.clienten.schemas import ClientCreate
from wmo_access.toewijzingen.repository import holds_toewijzing
from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.privacy import FieldCipher, pseudonymise

VERWERKINGSACTIVITEIT = "clientregistratie"


async def register_client(
    session: AsyncSession, data: ClientCreate, *, pseudonym_key: str, actor: Principal
) -> Client:
    """Register a client under BSN and pseudonym; its audit record rides the same transaction."""
    if await repository.find_by_bsn(session, data.bsn) is not None:
        raise ClientBestaatAl()
    client = Client(
        bsn=data.bsn,
        pseudonym=pseudonymise(data.bsn, pseudonym_key),
        voornamen=data.voornamen,
        achternaam=data.achternaam,
        geboortedatum=data.geboortedatum,
        geslacht=data.geslacht,
        gemeentecode=data.gemeentecode,
        gebied=data.gebied,
    )
    try:
        # A concurrent registration of the same BSN passes the check above; the unique
        # constraint catches it. `from None`: the database message would carry the BSN.
        async with session.begin_nested():
            session.add(client)
    except IntegrityError:
        raise ClientBestaatAl() from None
    await _record(session, actor, Handeling.AANMAKEN, client.pseudonym, f"clienten/{client.id}")
    return client


async def get_client(session: AsyncSession, client_id: uuid.UUID, *, actor: Principal) -> Client:
    """Read one client; the read is recorded (caller commits). A provider sees only clients it
    holds a toewijzing for, and learns nothing about others (the same 404)."""
    client = await repository.find_by_id(session, client_id)
    if client is None:
        raise ClientNietGevonden()
    if actor.is_provider_only and (
        actor.agb is None or not await holds_toewijzing(session, client.id, actor.agb)
    ):
        raise ClientNietGevonden()
    await _record(session, actor, Handeling.LEZEN, client.pseudonym, f"clienten/{client.id}")
    return client


async def load_client(session: AsyncSession, client_id: uuid.UUID) -> Client:
    """The client a process step refers to; the step records its own processing."""
    client = await repository.find_by_id(session, client_id)
    if client is None:
        raise ClientNietGevonden()
    return client


async def find_by_pseudonym(session: AsyncSession, pseudonym: str) -> Client | None:
    return await repository.find_by_pseudonym(session, pseudonym)


def gateway_gegevens(client: Client, field_key_gateway: str | None) -> str:
    """The personal data a Wmo301/319 needs, sealed so that only the gateway can open it."""
    if field_key_gateway is None:
        raise RuntimeError("FIELD_KEY_GATEWAY is needed to publish toewijzingen")
    return FieldCipher(field_key_gateway, "gateway").encrypt(
        {
            "bsn": client.bsn,
            "geboortedatum": client.geboortedatum.isoformat(),
            "geslacht": client.geslacht,
            "voornamen": client.voornamen,
            "achternaam": client.achternaam,
        }
    )


async def search_clienten(
    session: AsyncSession, bsn: str, *, pseudonym_key: str, actor: Principal
) -> list[Client]:
    """Find clients by BSN. The search is recorded even without a hit: it concerns that person."""
    client = await repository.find_by_bsn(session, bsn)
    await _record(
        session, actor, Handeling.ZOEKEN, pseudonymise(bsn, pseudonym_key), "clienten/_zoek"
    )
    return [client] if client is not None else []


async def _record(
    session: AsyncSession, actor: Principal, handeling: Handeling, pseudonym: str, resource: str
) -> None:
    await audit.record(
        session,
        actor,
        verwerkingsactiviteit=VERWERKINGSACTIVITEIT,
        handeling=handeling,
        client_pseudonym=pseudonym,
        resource=resource,
    )

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from wmo_access import verwerking
from wmo_access.clienten import repository
from wmo_access.clienten.errors import ClientBestaatAl, ClientNietGevonden
from wmo_access.clienten.models import Client
from wmo_access.clienten.schemas import AdresSchema, ClientCreate, ClientRead, Contactgegevens
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.calendar import add_months, today
from wmo_common.concurrency import VersieVerouderd, ensure_version
from wmo_common.privacy import FieldCipher, pseudonymise


def adres_of(client: Client) -> AdresSchema | None:
    if client.postcode is None or client.huisnummer is None:
        return None
    return AdresSchema(
        soort=client.adres_soort or "01",
        straatnaam=client.straatnaam,
        huisnummer=client.huisnummer,
        huisletter=client.huisletter,
        huisnummertoevoeging=client.huisnummertoevoeging,
        postcode=client.postcode,
        plaatsnaam=client.plaatsnaam,
        landcode=client.landcode or "NL",
    )


def to_read(client: Client) -> ClientRead:
    return ClientRead(
        id=client.id,
        bsn=client.bsn,
        voornamen=client.voornamen,
        achternaam=client.achternaam,
        voorvoegsel=client.voorvoegsel,
        voorletters=client.voorletters,
        geboortedatum=client.geboortedatum,
        geslacht=client.geslacht,
        gemeentecode=client.gemeentecode,
        gebied=client.gebied,
        adres=adres_of(client),
        telefoon=client.telefoon,
        emailadres=client.emailadres,
        created_at=client.created_at,
    )


def _set_contact(client: Client, data: Contactgegevens) -> None:
    set_adres(client, data.adres)
    client.telefoon = data.telefoon
    client.emailadres = data.emailadres


def set_adres(client: Client, adres: AdresSchema | None) -> None:
    client.adres_soort = adres.soort if adres else None
    client.straatnaam = adres.straatnaam if adres else None
    client.huisnummer = adres.huisnummer if adres else None
    client.huisletter = adres.huisletter if adres else None
    client.huisnummertoevoeging = adres.huisnummertoevoeging if adres else None
    client.postcode = adres.postcode if adres else None
    client.plaatsnaam = adres.plaatsnaam if adres else None
    client.landcode = adres.landcode if adres else None


async def register_client(
    session: AsyncSession, data: ClientCreate, *, pseudonym_key: str, actor: Principal
) -> Client:
    """Register a client under BSN and pseudonym; its audit record rides the same transaction.
    A BSN already registered is refused, and that lookup is recorded as a search: it tells the
    caller that this person is a Wmo client (the caller commits the record before answering)."""
    pseudonym = pseudonymise(data.bsn, pseudonym_key)
    if await repository.find_by_bsn(session, data.bsn) is not None:
        await _record(session, actor, Handeling.ZOEKEN, pseudonym, "clienten")
        raise ClientBestaatAl()
    client = Client(
        bsn=data.bsn,
        pseudonym=pseudonym,
        voornamen=data.voornamen,
        achternaam=data.achternaam,
        voorvoegsel=data.voorvoegsel,
        voorletters=data.voorletters,
        geboortedatum=data.geboortedatum,
        geslacht=data.geslacht,
        gemeentecode=data.gemeentecode,
        gebied=data.gebied,
    )
    _set_contact(client, data)
    try:
        # A concurrent registration of the same BSN passes the check above; the unique
        # constraint catches it. `from None`: the database message would carry the BSN.
        async with session.begin_nested():
            session.add(client)
    except IntegrityError:
        await _record(session, actor, Handeling.ZOEKEN, pseudonym, "clienten")
        raise ClientBestaatAl() from None
    await _record(session, actor, Handeling.AANMAKEN, client.pseudonym, f"clienten/{client.id}")
    return client


async def get_client(
    session: AsyncSession, client_id: uuid.UUID, *, actor: Principal, inzage_maanden: int
) -> Client:
    """Read one client; the read is recorded (caller commits). A provider sees only clients it
    holds a toewijzing for that has not ended or ended less than `inzage_maanden` ago (late
    declaraties), and learns nothing about others (the same 404)."""
    client = await repository.find_by_id(session, client_id)
    if client is None:
        raise ClientNietGevonden()
    if actor.is_provider_only and (
        actor.agb is None
        or not await repository.is_client_of(
            session, client.id, actor.agb, ended_since=add_months(today(), -inzage_maanden)
        )
    ):
        raise ClientNietGevonden()
    await _record(session, actor, Handeling.LEZEN, client.pseudonym, f"clienten/{client.id}")
    return client


async def change_contactgegevens(
    session: AsyncSession,
    client_id: uuid.UUID,
    data: Contactgegevens,
    *,
    versie: int,
    actor: Principal,
) -> Client:
    """Replace the client's address and contact details, on the version the caller read."""
    client = await repository.find_by_id(session, client_id)
    if client is None:
        raise ClientNietGevonden()
    ensure_version(versie, client.versie)
    _set_contact(client, data)
    try:
        await session.flush()
    except StaleDataError:
        raise VersieVerouderd() from None
    await _record(session, actor, Handeling.WIJZIGEN, client.pseudonym, f"clienten/{client.id}")
    return client


async def load_client(session: AsyncSession, client_id: uuid.UUID) -> Client:
    """The client a process step refers to; the step records its own processing."""
    client = await repository.find_by_id(session, client_id)
    if client is None:
        raise ClientNietGevonden()
    return client


async def find_by_pseudonym(session: AsyncSession, pseudonym: str) -> Client | None:
    return await repository.find_by_pseudonym(session, pseudonym)


async def pseudonyms_of(session: AsyncSession, client_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The pseudonym of each client, for recording a read of many clients at once."""
    return await repository.pseudonyms_of(session, client_ids)


def gateway_gegevens(client: Client, field_key_gateway: str | None) -> str:
    """The personal data a Wmo301/319 needs, sealed so that only the gateway can open it; the
    keys are those `wmo_gateway.uitgaande_berichten.clientgegevens` reads. Unknown parts are left
    out rather than sent empty, and the e-mail address stays here: a Wmo301 does not need it."""
    if field_key_gateway is None:
        raise RuntimeError("FIELD_KEY_GATEWAY is needed to publish toewijzingen")
    gegevens: dict[str, object] = {
        "bsn": client.bsn,
        "geboortedatum": client.geboortedatum.isoformat(),
        "geslacht": client.geslacht,
        "voornamen": client.voornamen,
        "achternaam": client.achternaam,
    }
    if client.voorvoegsel is not None:
        gegevens["voorvoegsel"] = client.voorvoegsel
    if client.voorletters is not None:
        gegevens["voorletters"] = client.voorletters
    adres = adres_of(client)
    if adres is not None:
        gegevens["adres"] = adres.model_dump(mode="json", by_alias=False)
    if client.telefoon is not None:
        gegevens["telefoon"] = client.telefoon
    return FieldCipher(field_key_gateway, "gateway").encrypt(gegevens)


async def search_clienten(
    session: AsyncSession, bsn: str, *, pseudonym_key: str, actor: Principal
) -> list[Client]:
    """Find clients by BSN. The search is recorded even without a hit: it concerns that person."""
    client = await repository.find_by_bsn(session, bsn)
    await _record(
        session, actor, Handeling.ZOEKEN, pseudonymise(bsn, pseudonym_key), "clienten/_zoek"
    )
    return [client] if client is not None else []


async def record_change(session: AsyncSession, actor: Principal, client: Client) -> None:
    """Record a change of the client's registration (caller commits)."""
    await _record(session, actor, Handeling.WIJZIGEN, client.pseudonym, f"clienten/{client.id}")


async def _record(
    session: AsyncSession, actor: Principal, handeling: Handeling, pseudonym: str, resource: str
) -> None:
    await verwerking.record(
        session,
        actor,
        handeling,
        pseudonym,
        resource,
        verwerkingsactiviteit=verwerking.CLIENTREGISTRATIE,
    )

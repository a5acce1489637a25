from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events import outbox
from wmo_common.events.providers import AanbiederGeregistreerd, AanbiederGewijzigd, Capaciteit
from wmo_common.lists import Sortering
from wmo_providers.aanbieders import repository
from wmo_providers.aanbieders.errors import AanbiederBestaatAl, AanbiederNietGevonden
from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.aanbieders.schemas import (
    AanbiederCreate,
    AanbiederRead,
    AanbiederUpdate,
    Adres,
    CapaciteitItem,
    Contactpersoon,
    Contractdeelname,
    Partner,
)
from wmo_providers.leesmodellen.contracten import repository as contracten
from wmo_providers.leesmodellen.contracten.models import Contract


def _capaciteit_rows(items: Sequence[CapaciteitItem]) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json", by_alias=True) for item in items]


def _event_fields(aanbieder: Aanbieder) -> dict[str, Any]:
    return {
        "aanbieder_id": aanbieder.id,
        "agb": aanbieder.agb,
        "kvk_nummer": aanbieder.kvk_nummer,
        "naam": aanbieder.naam,
        "gebieden": aanbieder.gebieden,
        "capaciteit": [Capaciteit.model_validate(c) for c in aanbieder.capaciteit],
    }


def _set_adres(aanbieder: Aanbieder, adres: Adres | None) -> None:
    aanbieder.straat = adres.straat if adres else None
    aanbieder.huisnummer = adres.huisnummer if adres else None
    aanbieder.postcode = adres.postcode if adres else None
    aanbieder.plaats = adres.plaats if adres else None


async def register_aanbieder(session: AsyncSession, data: AanbiederCreate) -> Aanbieder:
    """Register an aanbieder and announce it (`aanbieder-geregistreerd`) in the same transaction."""
    if await repository.find_by_agb(session, data.agb) is not None:
        raise AanbiederBestaatAl(f"AGB-code {data.agb} is al geregistreerd.")
    aanbieder = Aanbieder(
        agb=data.agb,
        kvk_nummer=data.kvk_nummer,
        naam=data.naam,
        gebieden=data.gebieden,
        capaciteit=_capaciteit_rows(data.capaciteit),
        contactpersonen=[c.model_dump(mode="json", by_alias=True) for c in data.contactpersonen],
    )
    _set_adres(aanbieder, data.adres)
    session.add(aanbieder)
    await session.flush()
    await outbox.add(session, AanbiederGeregistreerd(**_event_fields(aanbieder)))
    return aanbieder


async def update_aanbieder(session: AsyncSession, agb: str, data: AanbiederUpdate) -> Aanbieder:
    """Change the fields sent and announce the new state (`aanbieder-gewijzigd`)."""
    aanbieder = await get_aanbieder(session, agb)
    sent = data.model_fields_set
    if "kvk_nummer" in sent:
        aanbieder.kvk_nummer = data.kvk_nummer
    if "naam" in sent and data.naam is not None:
        aanbieder.naam = data.naam
    if "gebieden" in sent:
        aanbieder.gebieden = data.gebieden or []
    if "adres" in sent:
        _set_adres(aanbieder, data.adres)
    if "capaciteit" in sent:
        aanbieder.capaciteit = _capaciteit_rows(data.capaciteit or [])
    if "contactpersonen" in sent:
        aanbieder.contactpersonen = [
            c.model_dump(mode="json", by_alias=True) for c in data.contactpersonen or []
        ]
    await session.flush()
    await outbox.add(session, AanbiederGewijzigd(**_event_fields(aanbieder)))
    return aanbieder


async def get_aanbieder(session: AsyncSession, agb: str) -> Aanbieder:
    aanbieder = await repository.find_by_agb(session, agb)
    if aanbieder is None:
        raise AanbiederNietGevonden(f"AGB-code {agb} is niet geregistreerd.")
    return aanbieder


async def list_aanbieders(
    session: AsyncSession,
    *,
    offset: int,
    limit: int,
    agb: str | None,
    sortering: Sequence[Sortering],
    today: date,
) -> tuple[list[AanbiederRead], int]:
    """A page of aanbieders (only `agb` when given), as the API shows them."""
    rows, count = await repository.list_page(
        session, offset=offset, limit=limit, agb=agb, sortering=sortering
    )
    return await read_aanbieders(session, rows, today), count


async def read_aanbieder(session: AsyncSession, aanbieder: Aanbieder, today: date) -> AanbiederRead:
    return (await read_aanbieders(session, [aanbieder], today))[0]


async def read_aanbieders(
    session: AsyncSession, aanbieders: Sequence[Aanbieder], today: date
) -> list[AanbiederRead]:
    """The aanbieders as the API shows them, with the contracts they take part in."""
    contracts = await contracten.contracts_of(session, [a.agb for a in aanbieders])
    return [_read(a, contracts, today) for a in aanbieders]


def _read(aanbieder: Aanbieder, contracts: Sequence[Contract], today: date) -> AanbiederRead:
    deelnames = []
    for contract in contracts:
        own = next((p for p in contract.partijen if p.aanbieder_agb == aanbieder.agb), None)
        if own is None:
            continue
        deelnames.append(
            Contractdeelname(
                contract_id=contract.id,
                contractnummer=contract.contractnummer,
                segment_id=contract.segment_id,
                rol=own.rol,
                gebieden=contract.gebieden,
                ingangsdatum=contract.ingangsdatum,
                einddatum=contract.einddatum,
                is_actief=_is_actief(contract, today),
                partners=[
                    Partner(agb=p.aanbieder_agb, rol=p.rol)
                    for p in sorted(contract.partijen, key=lambda p: p.aanbieder_agb)
                    if p.aanbieder_agb != aanbieder.agb
                ],
            )
        )
    adres = None
    if aanbieder.straat and aanbieder.huisnummer and aanbieder.postcode and aanbieder.plaats:
        adres = Adres(
            straat=aanbieder.straat,
            huisnummer=aanbieder.huisnummer,
            postcode=aanbieder.postcode,
            plaats=aanbieder.plaats,
        )
    return AanbiederRead(
        id=aanbieder.id,
        agb=aanbieder.agb,
        kvk_nummer=aanbieder.kvk_nummer,
        naam=aanbieder.naam,
        gebieden=aanbieder.gebieden,
        adres=adres,
        capaciteit=[CapaciteitItem.model_validate(c) for c in aanbieder.capaciteit],
        contactpersonen=[Contactpersoon.model_validate(c) for c in aanbieder.contactpersonen],
        contracten=deelnames,
        created_at=aanbieder.created_at,
        updated_at=aanbieder.updated_at,
    )


def _is_actief(contract: Contract, today: date) -> bool:
    if contract.bijgewerkt_at is None or contract.beeindigd_date is not None:
        return False
    return contract.einddatum is None or contract.einddatum >= today

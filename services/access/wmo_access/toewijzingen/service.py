"""Toewijzingen: assigning an indicatie to a contracted aanbieder, changing and ending it. Each
step queues the event with the full Wmo301 content for the gateway."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from wmo_access import verwerking
from wmo_access.aanbieders import service as aanbieders
from wmo_access.beschikkingen import repository as beschikkingen
from wmo_access.beschikkingen.errors import BeschikkingNietAfgegeven, IndicatieNietGevonden
from wmo_access.beschikkingen.models import Beschikking, Indicatie
from wmo_access.beschikkingen.schemas import OmvangSchema, ProductSchema
from wmo_access.beschikkingen.service import product_of
from wmo_access.clienten import service as clienten
from wmo_access.clienten.models import Client
from wmo_access.contracten import repository as contracten
from wmo_access.dependencies import VersieVerouderd, check_versie
from wmo_access.kalender import nu_lokaal, vandaag
from wmo_access.toewijzingen import repository
from wmo_access.toewijzingen.errors import (
    AanbiederGesignaleerd,
    BuitenIndicatie,
    ContactgegevensOntbreken,
    EinddatumVoorIngangsdatum,
    GeenActiefContract,
    GeenCapaciteit,
    GeenWijziging,
    IndicatieAlToegewezen,
    NieuweToewijzingNodig,
    ToewijzingAlBeeindigd,
    ToewijzingNietGevonden,
    ToewijzingOverlaptPgb,
    VerkeerdeRedenWijziging,
    VerlengingNaEinddatum,
)
from wmo_access.toewijzingen.models import Toewijzing
from wmo_access.toewijzingen.schemas import (
    ToewijzingBeeindiging,
    ToewijzingCreate,
    ToewijzingRead,
    ToewijzingWijziging,
)
from wmo_common.audit import Handeling
from wmo_common.auth import Principal, ensure_own_agb
from wmo_common.events import outbox
from wmo_common.events.access import ToewijzingAfgegeven, ToewijzingBeeindigd, ToewijzingGewijzigd
from wmo_common.events.common import Omvang, Product
from wmo_common.events.consumer import PermanentError
from wmo_common.events.gateway import ZorgGestart, ZorgGestopt

VERLENGING = "04"
VERWIJDERD = "13"
GEINITIEERD_DOOR_AANBIEDER = "12"
# StatusAanlevering 3: the provider withdraws an earlier start or stop.
VERWIJDEREN = "3"
# RedenBeeindiging 20: care paused (e.g. a hospital stay), not ended.
TIJDELIJK_GESTOPT = "20"
# RedenBeeindiging -> RedenWijziging, after the iWmo table reden-wijziging-naar-reden-beeindiging.
REDEN_BIJ_BEEINDIGING = {"02": "02", "31": "07", "38": "09", "39": "06"}


class OnbekendeToewijzing(PermanentError):
    """An inbound message names a toewijzing we never gave to that aanbieder for that client."""


def to_read(toewijzing: Toewijzing) -> ToewijzingRead:
    omvang = omvang_of(toewijzing)
    return ToewijzingRead(
        id=toewijzing.id,
        toewijzingnummer=toewijzing.toewijzingnummer,
        indicatie_id=toewijzing.indicatie_id,
        beschikking_id=toewijzing.beschikking_id,
        client_id=toewijzing.client_id,
        verzoek_id=toewijzing.verzoek_id,
        gemeentecode=toewijzing.gemeentecode,
        gebied=toewijzing.gebied,
        segment_id=toewijzing.segment_id,
        aanbieder_agb=toewijzing.aanbieder_agb,
        product=ProductSchema(categorie=toewijzing.product_categorie, code=toewijzing.product_code),
        ingangsdatum=toewijzing.ingangsdatum,
        einddatum=toewijzing.einddatum,
        omvang=None if omvang is None else OmvangSchema.model_validate(omvang.model_dump()),
        budget_cents=toewijzing.budget_cents,
        toewijzingsdatum=toewijzing.toewijzingsdatum,
        reden_wijziging=toewijzing.reden_wijziging,
        status=toewijzing.status,
        leveringsstatus=toewijzing.leveringsstatus,
        zorg_begindatum=toewijzing.zorg_begindatum,
        zorg_einddatum=toewijzing.zorg_einddatum,
    )


def omvang_of(toewijzing: Toewijzing) -> Omvang | None:
    if toewijzing.omvang_volume is None:
        return None
    return Omvang(
        volume=toewijzing.omvang_volume,
        eenheid=toewijzing.omvang_eenheid or "",
        frequentie=toewijzing.omvang_frequentie or "",
    )


def _product(toewijzing: Toewijzing) -> Product:
    return Product(categorie=toewijzing.product_categorie, code=toewijzing.product_code)


async def _assigned_indicatie(
    session: AsyncSession, indicatie_id: uuid.UUID, client_id: uuid.UUID | None = None
) -> tuple[Indicatie, Beschikking]:
    found = await beschikkingen.find_indicatie(session, indicatie_id)
    if found is None or (client_id is not None and found[1].client_id != client_id):
        raise IndicatieNietGevonden()
    indicatie, beschikking = found
    if beschikking.status != "afgegeven":
        raise BeschikkingNietAfgegeven(
            "Alleen een indicatie uit een afgegeven (en niet vervangen) beschikking wordt "
            "toegewezen."
        )
    if indicatie.leveringsvorm == "pgb":
        raise ToewijzingOverlaptPgb("Deze indicatie wordt als pgb verstrekt, niet in natura.")
    return indicatie, beschikking


def _check_within(indicatie: Indicatie, ingangsdatum: date, einddatum: date | None) -> None:
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


async def _check_aanbieder(
    session: AsyncSession,
    *,
    agb: str,
    product: Product,
    gebied: str | None,
    segment_id: uuid.UUID,
    on: date,
) -> None:
    """Only an aanbieder with a matching active contract, not blocked, and with a free place."""
    if not await contracten.active_contracts(
        session, agb=agb, product=product, gebied=gebied, on=on, segment_id=segment_id
    ):
        raise GeenActiefContract(
            f"Aanbieder {agb} heeft op {on.isoformat()} geen actief contract in dit segment voor "
            f"product {product.categorie}/{product.code or '-'} in gebied {gebied or '(geen)'}."
        )
    if await aanbieders.is_blocked(session, agb, segment_id):
        raise AanbiederGesignaleerd(
            f"Aanbieder {agb} heeft een open signalering die toewijzen blokkeert."
        )
    plaatsen = await aanbieders.plaatsen(session, agb, product)
    if plaatsen is not None and await repository.count_bezet(session, agb, product, on) >= plaatsen:
        raise GeenCapaciteit(f"Aanbieder {agb} heeft {plaatsen} plaats(en) en die zijn bezet.")


async def _check_no_pgb(
    session: AsyncSession, client_id: uuid.UUID, product: Product, van: date, tot: date | None
) -> None:
    if await repository.pgb_overlapping(session, client_id, product, van, tot):
        raise ToewijzingOverlaptPgb()


def _stamp(toewijzing: Toewijzing) -> None:
    """A new version of the Wmo301 line: Toewijzingsdatum and -tijd name it (IV013)."""
    moment = nu_lokaal()
    toewijzing.toewijzingsdatum = moment.date()
    toewijzing.toewijzingstijd = moment.time().replace(microsecond=0)


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
    indicatie, beschikking = await _assigned_indicatie(session, data.indicatie_id)
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
    _check_within(indicatie, ingangsdatum, einddatum)
    product = product_of(indicatie)
    await _check_no_pgb(session, client.id, product, ingangsdatum, einddatum)
    if await repository.active_for_indicatie(session, indicatie.id):
        raise IndicatieAlToegewezen()
    await _check_aanbieder(
        session,
        agb=data.aanbieder_agb,
        product=product,
        gebied=client.gebied,
        segment_id=indicatie.segment_id,
        on=ingangsdatum,
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
    _stamp(toewijzing)
    try:
        # Two requests racing for one indicatie both pass the check above; the partial unique
        # index lets one win.
        async with session.begin_nested():
            session.add(toewijzing)
    except IntegrityError:
        raise IndicatieAlToegewezen() from None
    await outbox.add(
        session,
        ToewijzingAfgegeven.model_validate(
            _content(toewijzing, beschikking, client, field_key_gateway)
            | {"referentie_aanbieder": referentie_aanbieder}
        ),
    )
    await verwerking.record(
        session, actor, Handeling.AANMAKEN, client.pseudonym, f"toewijzingen/{toewijzing.id}"
    )
    return toewijzing


def _content(
    toewijzing: Toewijzing, beschikking: Beschikking, client: Client, field_key_gateway: str | None
) -> dict[str, object]:
    """The Wmo301 content every toewijzing event carries."""
    return {
        "toewijzing_id": toewijzing.id,
        "toewijzingnummer": toewijzing.toewijzingnummer,
        "beschikking_id": beschikking.id,
        "beschikkingnummer": beschikking.beschikkingnummer,
        "client_pseudonym": client.pseudonym,
        "client_gegevens": clienten.gateway_gegevens(client, field_key_gateway),
        "gemeentecode": toewijzing.gemeentecode,
        "aanbieder_agb": toewijzing.aanbieder_agb,
        "product": _product(toewijzing),
        "ingangsdatum": toewijzing.ingangsdatum,
        "einddatum": toewijzing.einddatum,
        "omvang": omvang_of(toewijzing),
        "budget_cents": toewijzing.budget_cents,
        "toewijzingsdatum": toewijzing.toewijzingsdatum,
        "toewijzingstijd": toewijzing.toewijzingstijd,
        "segment_id": toewijzing.segment_id,
        "gebied": toewijzing.gebied,
        "verzoek_id": toewijzing.verzoek_id,
    }


async def _load(
    session: AsyncSession, toewijzing_id: uuid.UUID
) -> tuple[Toewijzing, Beschikking, Client]:
    toewijzing = await repository.find(session, toewijzing_id)
    if toewijzing is None:
        raise ToewijzingNietGevonden()
    beschikking = await session.get(Beschikking, toewijzing.beschikking_id)
    if beschikking is None:
        raise ToewijzingNietGevonden()
    return toewijzing, beschikking, await clienten.load_client(session, toewijzing.client_id)


async def get_toewijzing(
    session: AsyncSession, toewijzing_id: uuid.UUID, *, actor: Principal
) -> Toewijzing:
    """Read a toewijzing; a provider reads only its own."""
    toewijzing = await repository.find(session, toewijzing_id)
    if toewijzing is None:
        raise ToewijzingNietGevonden()
    ensure_own_agb(actor, toewijzing.aanbieder_agb)
    client = await clienten.load_client(session, toewijzing.client_id)
    await verwerking.record(
        session, actor, Handeling.LEZEN, client.pseudonym, f"toewijzingen/{toewijzing.id}"
    )
    return toewijzing


async def list_toewijzingen(
    session: AsyncSession,
    *,
    client_id: uuid.UUID | None,
    agb: str | None,
    offset: int,
    limit: int,
    actor: Principal,
) -> tuple[list[Toewijzing], int]:
    if actor.is_provider_only:
        agb = actor.agb
    rows, count = await repository.list_toewijzingen(
        session, client_id=client_id, agb=agb, offset=offset, limit=limit
    )
    for toewijzing in rows:
        client = await clienten.load_client(session, toewijzing.client_id)
        await verwerking.record(
            session, actor, Handeling.LEZEN, client.pseudonym, f"toewijzingen/{toewijzing.id}"
        )
    return rows, count


async def change_toewijzing(
    session: AsyncSession,
    toewijzing_id: uuid.UUID,
    data: ToewijzingWijziging,
    *,
    versie: int,
    field_key_gateway: str | None,
    actor: Principal,
    verzoek_id: uuid.UUID | None = None,
    referentie_aanbieder: str | None = None,
) -> Toewijzing:
    """Change an active toewijzing in place, keeping its number (OP380, OP299). A change that
    honours a 317 names that verzoek and its referentie in the event."""
    toewijzing, beschikking, client = await _load(session, toewijzing_id)
    check_versie(versie, toewijzing.versie)
    if toewijzing.status != "actief":
        raise ToewijzingAlBeeindigd()
    indicatie: Indicatie | None = None
    if data.indicatie_id is not None and data.indicatie_id != toewijzing.indicatie_id:
        indicatie, beschikking = await _assigned_indicatie(session, data.indicatie_id, client.id)
        if product_of(indicatie) != _product(toewijzing):
            raise BuitenIndicatie("De nieuwe indicatie is voor een ander product.")
        if await repository.active_for_indicatie(session, indicatie.id):
            raise IndicatieAlToegewezen()
    else:
        found = await beschikkingen.find_indicatie(session, toewijzing.indicatie_id)
        if found is None:
            raise IndicatieNietGevonden()
        indicatie = found[0]
    einddatum = data.einddatum if data.einddatum is not None else toewijzing.einddatum
    omvang = (
        Omvang.model_validate(data.omvang.model_dump()) if data.omvang else omvang_of(toewijzing)
    )
    budget = data.budget_cents if data.budget_cents is not None else toewijzing.budget_cents
    langer = toewijzing.einddatum is not None and (
        einddatum is None or einddatum > toewijzing.einddatum
    )
    anders = omvang != omvang_of(toewijzing) or budget != toewijzing.budget_cents
    if not anders and einddatum == toewijzing.einddatum and indicatie.id == toewijzing.indicatie_id:
        raise GeenWijziging()
    if einddatum is not None and einddatum < toewijzing.ingangsdatum:
        raise EinddatumVoorIngangsdatum()
    if anders and toewijzing.omvang_frequentie not in (None, "6"):
        raise NieuweToewijzingNodig()
    if (omvang is None) != (toewijzing.omvang_volume is None):
        raise NieuweToewijzingNodig(
            "Van omvang naar budget (of terug) vraagt een nieuwe toewijzing."
        )
    if langer:
        if toewijzing.einddatum is not None and toewijzing.einddatum < vandaag():
            raise VerlengingNaEinddatum()
        if not anders and data.reden_wijziging != VERLENGING:
            raise VerkeerdeRedenWijziging(
                "Een verlenging met dezelfde omvang krijgt reden wijziging 04."
            )
        await _check_no_pgb(
            session, client.id, _product(toewijzing), toewijzing.einddatum or vandaag(), einddatum
        )
    _check_within(indicatie, toewijzing.ingangsdatum, einddatum)
    toewijzing.indicatie_id = indicatie.id
    toewijzing.beschikking_id = beschikking.id
    toewijzing.einddatum = einddatum
    toewijzing.omvang_volume = omvang.volume if omvang else None
    toewijzing.omvang_eenheid = omvang.eenheid if omvang else None
    toewijzing.omvang_frequentie = omvang.frequentie if omvang else None
    toewijzing.budget_cents = budget
    toewijzing.reden_wijziging = data.reden_wijziging
    _stamp(toewijzing)
    await _flush_versioned(session)
    await outbox.add(
        session,
        ToewijzingGewijzigd.model_validate(
            _content(toewijzing, beschikking, client, field_key_gateway)
            | {"reden_wijziging": data.reden_wijziging}
            | (
                {"verzoek_id": verzoek_id, "referentie_aanbieder": referentie_aanbieder}
                if verzoek_id is not None
                else {}
            )
        ),
    )
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"toewijzingen/{toewijzing.id}"
    )
    return toewijzing


async def end_toewijzing(
    session: AsyncSession,
    toewijzing_id: uuid.UUID,
    data: ToewijzingBeeindiging,
    *,
    versie: int,
    field_key_gateway: str | None,
    actor: Principal,
) -> Toewijzing:
    """End a toewijzing early, or withdraw it (reden 13: einddatum = ingangsdatum)."""
    toewijzing, beschikking, client = await _load(session, toewijzing_id)
    check_versie(versie, toewijzing.versie)
    if toewijzing.status != "actief":
        raise ToewijzingAlBeeindigd()
    if data.einddatum < toewijzing.ingangsdatum:
        raise EinddatumVoorIngangsdatum(
            f"De toewijzing gaat in op {toewijzing.ingangsdatum.isoformat()}."
        )
    if toewijzing.einddatum is not None and data.einddatum > toewijzing.einddatum:
        raise VerkeerdeRedenWijziging(
            "Beëindigen verkort een toewijzing; verlengen is een wijziging met reden 04."
        )
    if data.reden_wijziging == VERWIJDERD and data.einddatum != toewijzing.ingangsdatum:
        raise VerkeerdeRedenWijziging(
            "Reden 13 (verwijderd) trekt de toewijzing in: einddatum gelijk aan de ingangsdatum."
        )
    await _close(
        session,
        toewijzing,
        beschikking,
        client,
        data.einddatum,
        data.reden_wijziging,
        field_key_gateway,
    )
    await verwerking.record(
        session, actor, Handeling.WIJZIGEN, client.pseudonym, f"toewijzingen/{toewijzing.id}"
    )
    return toewijzing


async def _close(
    session: AsyncSession,
    toewijzing: Toewijzing,
    beschikking: Beschikking,
    client: Client,
    einddatum: date,
    reden: str,
    field_key_gateway: str | None,
) -> None:
    toewijzing.status = "beeindigd"
    toewijzing.einddatum = einddatum
    toewijzing.reden_wijziging = reden
    _stamp(toewijzing)
    await _flush_versioned(session)
    await outbox.add(
        session,
        ToewijzingBeeindigd.model_validate(
            _content(toewijzing, beschikking, client, field_key_gateway)
            | {"reden_wijziging": reden}
        ),
    )


async def _flush_versioned(session: AsyncSession) -> None:
    try:
        await session.flush()
    except StaleDataError:
        raise VersieVerouderd() from None


async def _delivered(
    session: AsyncSession, toewijzingnummer: str, agb: str, pseudonym: str
) -> Toewijzing:
    toewijzing = await repository.find_by_nummer(session, toewijzingnummer, for_update=True)
    if toewijzing is None or toewijzing.aanbieder_agb != agb:
        raise OnbekendeToewijzing(
            "Het bericht noemt een toewijzingnummer dat niet aan deze aanbieder is toegewezen."
        )
    client = await clienten.load_client(session, toewijzing.client_id)
    if client.pseudonym != pseudonym:
        raise OnbekendeToewijzing("Het bericht noemt een andere cliënt dan de toewijzing.")
    return toewijzing


async def record_zorg_gestart(session: AsyncSession, event: ZorgGestart) -> None:
    """Wmo305: delivery started. Order-free: a stop that arrived first is not undone."""
    toewijzing = await _delivered(
        session, event.toewijzingnummer, event.aanbieder_agb, event.client_pseudonym
    )
    if event.status_aanlevering == VERWIJDEREN:
        if (
            toewijzing.leveringsstatus == "gestart"
            and toewijzing.zorg_begindatum == event.begindatum
        ):
            toewijzing.leveringsstatus = "niet-gestart"
            toewijzing.zorg_begindatum = None
    else:
        toewijzing.zorg_begindatum = event.begindatum
        if toewijzing.leveringsstatus == "niet-gestart":
            toewijzing.leveringsstatus = "gestart"
    await session.flush()


async def record_zorg_gestopt(
    session: AsyncSession, event: ZorgGestopt, *, field_key_gateway: str | None
) -> None:
    """Wmo307: delivery stopped. A definitive stop also ends the toewijzing per that date; a
    temporary one (reden 20, e.g. a hospital stay) leaves it running."""
    toewijzing = await _delivered(
        session, event.toewijzingnummer, event.aanbieder_agb, event.client_pseudonym
    )
    if event.status_aanlevering == VERWIJDEREN:
        if toewijzing.leveringsstatus == "gestopt" and toewijzing.zorg_einddatum == event.einddatum:
            toewijzing.leveringsstatus = "gestart"
            toewijzing.zorg_einddatum = None
        await session.flush()
        return
    toewijzing.leveringsstatus = "gestopt"
    toewijzing.zorg_begindatum = toewijzing.zorg_begindatum or event.begindatum
    toewijzing.zorg_einddatum = event.einddatum
    definitief = event.reden_beeindiging != TIJDELIJK_GESTOPT
    if definitief and toewijzing.status == "actief":
        einde = max(toewijzing.ingangsdatum, event.einddatum)
        if toewijzing.einddatum is not None:
            einde = min(einde, toewijzing.einddatum)
        beschikking = await session.get(Beschikking, toewijzing.beschikking_id)
        if beschikking is None:
            raise OnbekendeToewijzing("De beschikking van deze toewijzing ontbreekt.")
        client = await clienten.load_client(session, toewijzing.client_id)
        reden = REDEN_BIJ_BEEINDIGING.get(event.reden_beeindiging or "", GEINITIEERD_DOOR_AANBIEDER)
        await _close(session, toewijzing, beschikking, client, einde, reden, field_key_gateway)
    await session.flush()

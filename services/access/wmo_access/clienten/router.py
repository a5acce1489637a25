from __future__ import annotations

from fastapi import Request, Response, status

from wmo_access.clienten import service, verhuizing
from wmo_access.clienten.errors import ClientBestaatAl
from wmo_access.clienten.schemas import (
    ClientBatch,
    ClientBatchRead,
    ClientBatchUitkomst,
    ClientCreate,
    ClientRead,
    ClientZoek,
    Contactgegevens,
    Verhuizing,
)
from wmo_access.dependencies import (
    VERSIE_RESPONSES,
    AccessSettings,
    ClientId,
    IfMatch,
    set_etag,
)
from wmo_access.rollen import MagClientInzien, MagToegangLezen, MagToegangWijzigen
from wmo_common.db import DbSession
from wmo_common.logging import get_logger
from wmo_common.openapi import with_etag
from wmo_common.pagination import Page
from wmo_common.problems import problem_detail
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/clienten", tags=["clienten"])
log = get_logger(__name__)


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=ClientRead, responses=with_etag(201)
)
async def register_client(
    body: ClientCreate,
    session: DbSession,
    settings: AccessSettings,
    principal: MagToegangWijzigen,
    response: Response,
) -> ClientRead:
    """Registreer een cliënt op BSN; de registratie wordt in het verwerkingenlogboek vastgelegd,
    en ook een weigering omdat het BSN al bekend is (409): die zoekt de persoon op."""
    try:
        client = await service.register_client(
            session, body, pseudonym_key=settings.pseudonym_key, actor=principal
        )
    except ClientBestaatAl:
        # Finding the BSN was processing of that person's data: its record stays.
        await session.commit()
        raise
    await session.commit()
    # The id only: a BSN, name or birth date never goes into a log line.
    log.info("client_registered", extra={"client_id": str(client.id)})
    response.headers["Location"] = f"/api/v1/clienten/{client.id}"
    set_etag(response, client.versie)
    return service.to_read(client)


@router.post("/_batch", response_model=ClientBatchRead)
async def register_clienten(
    body: ClientBatch,
    session: DbSession,
    settings: AccessSettings,
    principal: MagToegangWijzigen,
    request: Request,
) -> ClientBatchRead:
    """Registreer tot 100 cliënten in één verzoek, bijvoorbeeld bij een conversie. Elke cliënt
    wordt gecontroleerd en vastgelegd als bij `POST /clienten`; de uitkomsten staan in de
    volgorde van de invoer: 201 met de cliënt, of 409 met het probleem (`client-bestaat-al`)
    als het BSN al bekend is. Ongeldige invoer bij één cliënt weigert het hele verzoek (400,
    `invalidParams` noemt de positie)."""
    uitkomsten = []
    for data in body.clienten:
        try:
            client = await service.register_client(
                session, data, pseudonym_key=settings.pseudonym_key, actor=principal
            )
        except ClientBestaatAl as exc:
            probleem = problem_detail(
                request, status=exc.status, slug=exc.slug, title=exc.title, detail=exc.detail
            )
            uitkomsten.append(ClientBatchUitkomst(status=409, probleem=probleem))
        else:
            uitkomsten.append(ClientBatchUitkomst(status=201, client=service.to_read(client)))
    await session.commit()
    # Counts only: a BSN, name or birth date never goes into a log line.
    registered = sum(u.status == 201 for u in uitkomsten)
    log.info(
        "clienten_registered", extra={"count": registered, "known": len(uitkomsten) - registered}
    )
    return ClientBatchRead(uitkomsten=uitkomsten)


@router.post("/_zoek", response_model=Page[ClientRead])
async def search_clienten(
    body: ClientZoek, session: DbSession, settings: AccessSettings, principal: MagToegangLezen
) -> Page[ClientRead]:
    """Zoek cliënten op BSN (in de body, nooit in de URL); elke zoekvraag wordt vastgelegd."""
    rows = await service.search_clienten(
        session, body.bsn, pseudonym_key=settings.pseudonym_key, actor=principal
    )
    await session.commit()
    results = [service.to_read(r) for r in rows]
    return Page[ClientRead](results=results, count=len(results))


@router.get("/{clientId}", response_model=ClientRead, responses=with_etag(200))
async def get_client(
    client_id: ClientId,
    session: DbSession,
    settings: AccessSettings,
    principal: MagClientInzien,
    response: Response,
) -> ClientRead:
    """Eén cliënt op id, met adres en contactgegevens; het inzien wordt in het
    verwerkingenlogboek vastgelegd. Een aanbieder ziet alleen cliënten voor wie hij een lopende
    toewijzing heeft, of een die minder dan `AANBIEDER_INZAGE_MAANDEN` (standaard 6) maanden
    geleden eindigde: daarna 404, als voor een onbekende cliënt. De ETag is nodig om de
    contactgegevens te wijzigen."""
    client = await service.get_client(
        session, client_id, actor=principal, inzage_maanden=settings.aanbieder_inzage_maanden
    )
    await session.commit()
    set_etag(response, client.versie)
    return service.to_read(client)


@router.put(
    "/{clientId}/contactgegevens",
    response_model=ClientRead,
    responses=with_etag(200, VERSIE_RESPONSES),
)
async def change_contactgegevens(
    client_id: ClientId,
    body: Contactgegevens,
    principal: MagToegangWijzigen,
    versie: IfMatch,
    session: DbSession,
    response: Response,
) -> ClientRead:
    """Vervang adres, telefoonnummer en e-mailadres van een cliënt (If-Match verplicht); de
    wijziging wordt in het verwerkingenlogboek vastgelegd. Een toewijzing vraagt een adres of
    een telefoonnummer."""
    client = await service.change_contactgegevens(
        session, client_id, body, versie=versie, actor=principal
    )
    await session.commit()
    # The id only: an address or phone number never goes into a log line.
    log.info("client_contactgegevens_changed", extra={"client_id": str(client.id)})
    set_etag(response, client.versie)
    return service.to_read(client)


@router.post(
    "/{clientId}/verhuizingen",
    response_model=ClientRead,
    responses=with_etag(200, VERSIE_RESPONSES),
)
async def move_client(
    client_id: ClientId,
    body: Verhuizing,
    principal: MagToegangWijzigen,
    versie: IfMatch,
    session: DbSession,
    settings: AccessSettings,
    response: Response,
) -> ClientRead:
    """Leg een verhuizing vast (If-Match verplicht): het nieuwe adres, de gemeente en het gebied
    van de cliënt; het BSN blijft de sleutel. Binnen de regio lopen de toewijzingen door onder
    de gemeente die ze afgaf en krijgt hun aanbieder de Wmo301 opnieuw met het nieuwe adres; een
    nieuwe toewijzing komt onder de nieuwe gemeente. Buiten de regio eindigen de lopende
    toewijzingen op de verhuisdatum met reden wijziging 07 (verhuizing), elk met een Wmo301.
    De wijziging wordt in het verwerkingenlogboek vastgelegd."""
    client = await verhuizing.move_client(
        session,
        client_id,
        body,
        versie=versie,
        field_key_gateway=settings.field_key_gateway,
        actor=principal,
    )
    await session.commit()
    # The id only: an address never goes into a log line.
    log.info("client_verhuisd", extra={"client_id": str(client.id)})
    set_etag(response, client.versie)
    return service.to_read(client)

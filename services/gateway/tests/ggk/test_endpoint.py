"""The GGk listener over real mutual TLS: a provider's message in a Di01 is judged as through
the HTTP inbox; its retour goes back as a Du01 (crossRefnummer = the Di01's referentienummer),
a level-1 failure as a Fo01; the GGk outbox delivers what waited while the GGk was down."""

import asyncio
import socket
import ssl
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from deploy.ggk.ca import LocalCa
from deploy.ggk.simulator import Knooppunt, apps
from wmo_gateway.berichten.service import beoordeling
from wmo_gateway.ggk import envelop, outbox, service, verzender
from wmo_gateway.ggk.models import GgkZending
from wmo_gateway.ggk.router import PATH, Listener, create_ggk_app, listener_config
from wmo_gateway.settings import Settings
from wmo_testing.gateway import XML, fresh_nummer, retourcodes, wmo305, wmo323
from wmo_testing.harness import ServiceHarness, eventually
from wmo_testing.nummers import fresh_agb

# The `ggk` fixture (conftest.py): the listener's URL, settings and a client as the GGk.
Ggk = Any


async def answers_to(harness: ServiceHarness[Settings], referentienummer: str) -> list[GgkZending]:
    async with harness.sessionmaker() as session:
        query = select(GgkZending).where(GgkZending.cross_refnummer == referentienummer)
        return list((await session.execute(query)).scalars())


def read_bv03(response: httpx.Response) -> envelop.Envelop:
    assert response.status_code == 200, response.text
    bv03 = envelop.read(envelop.soap_unwrap(response.content))
    assert bv03.berichtcode == "Bv03"
    return bv03


async def test_a_providers_message_through_the_ggk_gets_the_same_retour_as_through_the_http_inbox(
    ggk: Ggk, harness: ServiceHarness[Settings], client: httpx.AsyncClient
) -> None:
    agb, nummer = fresh_agb(), fresh_nummer()
    via_http = await client.post(
        "/api/v1/berichten",
        content=wmo305(agb, nummer, "S1"),
        headers=XML | harness.headers("provider", agb=agb),
    )
    assert via_http.status_code == 201, via_http.text

    referentie = envelop.new_referentienummer()
    body = ggk.di01(
        wmo305(agb, nummer, "S2"), agb=agb, functie="WMO305", referentienummer=referentie
    )
    bv03 = read_bv03(await ggk.post(body))
    assert bv03.cross_refnummer == referentie

    [du01] = await answers_to(harness, referentie)
    retour = envelop.read(envelop.parse(du01.envelop.encode()))
    assert retour.berichtcode == "Du01"
    assert retour.functie == "WMO306"
    assert retour.cross_refnummer == referentie
    assert retour.ontvanger.organisatie == agb
    assert retour.bericht is not None
    codes = retourcodes(retour.bericht.decode())
    assert codes, "a 305 on an unknown toewijzing is rejected"
    assert codes == retourcodes(via_http.json()["retourXml"])


async def test_the_same_envelope_twice_is_answered_once_and_a_reused_identificatie_gets_9056(
    ggk: Ggk, harness: ServiceHarness[Settings]
) -> None:
    agb, nummer = fresh_agb(), fresh_nummer()
    bericht = wmo305(agb, nummer, "S7")
    referentie = envelop.new_referentienummer()
    body = ggk.di01(bericht, agb=agb, functie="WMO305", referentienummer=referentie)
    read_bv03(await ggk.post(body))
    read_bv03(await ggk.post(body))
    [eerste] = await answers_to(harness, referentie)

    nieuw = envelop.new_referentienummer()
    read_bv03(await ggk.post(ggk.di01(bericht, agb=agb, functie="WMO305", referentienummer=nieuw)))
    [tweede] = await answers_to(harness, nieuw)
    assert eerste.berichtcode == tweede.berichtcode == "Du01"
    herhaald = envelop.read(envelop.parse(tweede.envelop.encode()))
    assert herhaald.bericht is not None
    assert retourcodes(herhaald.bericht.decode()) == ["9056"]


@pytest.mark.parametrize(
    ("inhoud", "functie", "foutcode"),
    [
        (b"dit is geen xml", "WMO305", "IB014"),
        (b"iWmo 2.4", "WMO305", "IB014"),
        (b"iJw", "JW305", "IB004"),
    ],
)
async def test_a_level_1_failure_gets_a_transport_fault_and_no_retour(
    ggk: Ggk,
    harness: ServiceHarness[Settings],
    client: httpx.AsyncClient,
    inhoud: bytes,
    functie: str,
    foutcode: str,
) -> None:
    agb, nummer = fresh_agb(), fresh_nummer()
    bericht = wmo305(agb, nummer, "S3")
    if inhoud == b"iWmo 2.4":
        bericht = bericht.replace(b"/iwmo/3_2/", b"/iwmo/2_4/")
    elif inhoud == b"iJw":
        bericht = bericht.replace(b"/iwmo/3_2/wmo305/", b"/ijw/3_2/jw305/")
    else:
        bericht = inhoud
    referentie = envelop.new_referentienummer()
    read_bv03(
        await ggk.post(ggk.di01(bericht, agb=agb, functie=functie, referentienummer=referentie))
    )

    [fo01] = await answers_to(harness, referentie)
    fout = envelop.read(envelop.parse(fo01.envelop.encode()))
    assert (fout.berichtcode, fout.foutcode) == ("Fo01", foutcode)
    assert fout.bericht is None
    stored = await client.get(
        "/api/v1/berichten", params={"aanbiederAgb": agb}, headers=harness.headers("operations")
    )
    assert stored.json()["results"] == []


async def test_a_broken_envelope_is_refused_at_once_with_a_fo03(ggk: Ggk) -> None:
    response = await ggk.post(envelop.soap_wrap(b"<kapot/>"))
    assert response.status_code == 500
    fo03 = envelop.read(envelop.soap_unwrap(response.content))
    assert (fo03.berichtcode, fo03.foutcode) == ("Fo03", "IB001")


async def test_a_caller_without_a_certificate_from_the_ca_gets_no_connection(ggk: Ggk) -> None:
    async with ggk.client(certificaat=False) as http:
        with pytest.raises((httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError)):
            await http.post(ggk.url, content=b"<x/>")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _simulated_ggk(ca: LocalCa, port: int, knooppunt: Knooppunt) -> Listener:
    ggk_app, _ = apps(knooppunt)
    return Listener(
        uvicorn.Config(
            ggk_app,
            host="127.0.0.1",
            port=port,
            ssl_certfile=str(ca.ggk.cert),
            ssl_keyfile=str(ca.ggk.key),
            ssl_ca_certs=str(ca.ca),
            ssl_cert_reqs=ssl.CERT_REQUIRED,
            lifespan="off",
        )
    )


async def test_the_ggk_down_for_a_while_delays_the_outbox_and_loses_nothing(
    ggk: Ggk, harness: ServiceHarness[Settings]
) -> None:
    referenties = [envelop.new_referentienummer() for _ in range(3)]
    agb = fresh_agb()
    for n, referentie in enumerate(referenties):
        bericht = wmo305(agb, fresh_nummer(), f"D{n}")
        read_bv03(
            await ggk.post(
                ggk.di01(bericht, agb=agb, functie="WMO305", referentienummer=referentie)
            )
        )
    port = _free_port()
    settings = ggk.settings.model_copy(update={"ggk_endpoint": f"https://127.0.0.1:{port}{PATH}"})
    async with verzender.client(settings) as http:
        await verzender.send_due(harness.sessionmaker, http, settings)
        async with harness.sessionmaker() as session:
            assert await outbox.count_undelivered(session) >= 3
        assert verzender.UNDELIVERED._value.get() >= 3

        knooppunt = Knooppunt("", http)
        server = await _simulated_ggk(ggk.ca, port, knooppunt)
        task = asyncio.create_task(server.serve())
        try:

            async def delivered() -> bool:
                await verzender.send_due(harness.sessionmaker, http, settings)
                return all(r in knooppunt.ontvangen for r in referenties)

            await eventually(delivered, interval=0.3)
        finally:
            server.should_exit = True
            await task
    for referentie in referenties:
        [zending] = await answers_to(harness, referentie)
        assert zending.afgeleverd_at is not None
        assert zending.pogingen >= 2


@pytest.mark.parametrize(
    ("inhoud", "functie", "foutcode"),
    [("WMO323", "WMO305", "IB014"), ("WMO305", "WMO399", "IB004")],
)
async def test_a_di01_whose_functie_names_another_message_gets_a_fault_and_nothing_is_stored(
    ggk: Ggk,
    harness: ServiceHarness[Settings],
    client: httpx.AsyncClient,
    inhoud: str,
    functie: str,
    foutcode: str,
) -> None:
    agb = fresh_agb()
    referentie = envelop.new_referentienummer()
    bericht = wmo323(agb, [fresh_nummer()]) if inhoud == "WMO323" else wmo305(agb, fresh_nummer())
    body = ggk.di01(bericht, agb=agb, functie=functie, referentienummer=referentie)
    read_bv03(await ggk.post(body))

    [fo01] = await answers_to(harness, referentie)
    fout = envelop.read(envelop.parse(fo01.envelop.encode()))
    assert (fout.berichtcode, fout.foutcode) == ("Fo01", foutcode)
    assert fout.cross_refnummer == referentie
    stored = await client.get(
        "/api/v1/berichten", params={"aanbiederAgb": agb}, headers=harness.headers("operations")
    )
    assert stored.json()["results"] == []


def _fail_judging_once(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The judging of the next bericht fails as when the database goes away in the middle."""
    failed: list[bool] = []
    real = beoordeling.process_bericht

    async def once(*args: Any, **kwargs: Any) -> Any:
        if not failed:
            failed.append(True)
            raise OSError("de database is weg")
        return await real(*args, **kwargs)

    monkeypatch.setattr(beoordeling, "process_bericht", once)
    return failed


def read_fault(response: httpx.Response) -> envelop.Envelop:
    assert response.status_code == 500, response.text
    return envelop.read(envelop.soap_unwrap(response.content))


async def test_a_di01_stored_but_not_judged_gets_its_du01_once_when_the_ggk_sends_it_again(
    ggk: Ggk, harness: ServiceHarness[Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    agb = fresh_agb()
    referentie = envelop.new_referentienummer()
    body = ggk.di01(
        wmo305(agb, fresh_nummer(), "R1"), agb=agb, functie="WMO305", referentienummer=referentie
    )
    failed = _fail_judging_once(monkeypatch)
    fo03 = read_fault(await ggk.post(body))
    assert failed
    assert (fo03.berichtcode, fo03.foutcode) == ("Fo03", "StUF058")
    assert await answers_to(harness, referentie) == []

    read_bv03(await ggk.post(body))
    read_bv03(await ggk.post(body))
    await service.enqueue_open_retouren(harness.sessionmaker)
    [du01] = await answers_to(harness, referentie)
    retour = envelop.read(envelop.parse(du01.envelop.encode()))
    assert (retour.berichtcode, retour.functie) == ("Du01", "WMO306")


async def test_a_di01_re_processed_after_a_transient_failure_still_gets_its_du01_once(
    ggk: Ggk,
    harness: ServiceHarness[Settings],
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    agb = fresh_agb()
    referentie = envelop.new_referentienummer()
    body = ggk.di01(
        wmo305(agb, fresh_nummer(), "R2"), agb=agb, functie="WMO305", referentienummer=referentie
    )
    _fail_judging_once(monkeypatch)
    assert read_fault(await ggk.post(body)).foutcode == "StUF058"

    operations = harness.headers("operations")
    [bericht] = (
        await client.get("/api/v1/berichten", params={"aanbiederAgb": agb}, headers=operations)
    ).json()["results"]
    assert bericht["status"] == "mislukt"
    herverwerkt = await client.post(
        f"/api/v1/berichten/{bericht['id']}/herverwerkingen", headers=operations
    )
    assert herverwerkt.status_code == 200, herverwerkt.text

    # The GGk sender's round puts the retour that exists now in the GGk outbox, once.
    assert await answers_to(harness, referentie) == []
    assert await service.enqueue_open_retouren(harness.sessionmaker) >= 1
    await service.enqueue_open_retouren(harness.sessionmaker)
    read_bv03(await ggk.post(body))
    [du01] = await answers_to(harness, referentie)
    retour = envelop.read(envelop.parse(du01.envelop.encode()))
    assert (retour.berichtcode, retour.functie) == ("Du01", "WMO306")
    assert retour.ontvanger.organisatie == agb
    assert retour.bericht is not None
    assert retourcodes(retour.bericht.decode()) == retourcodes(herverwerkt.json()["retourXml"])


async def test_a_di01_arriving_while_the_database_is_away_is_refused_to_be_sent_again(
    ggk: Ggk, harness: ServiceHarness[Settings]
) -> None:
    engine = create_async_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{_free_port()}/weg")
    settings = ggk.settings.model_copy(update={"ggk_port": _free_port()})
    server = Listener(
        listener_config(create_ggk_app(async_sessionmaker(engine), settings), settings)
    )
    task = asyncio.create_task(server.serve())
    agb = fresh_agb()
    referentie = envelop.new_referentienummer()
    body = ggk.di01(
        wmo305(agb, fresh_nummer(), "R3"), agb=agb, functie="WMO305", referentienummer=referentie
    )
    try:

        async def started() -> bool:
            return server.started

        await eventually(started, interval=0.05)
        async with ggk.client() as http:
            response = await http.post(
                f"https://127.0.0.1:{settings.ggk_port}{PATH}",
                content=body,
                headers={"Content-Type": "text/xml", "SOAPAction": envelop.SOAP_ACTIONS["Di01"]},
            )
        fo03 = read_fault(response)
        assert (fo03.foutcode, fo03.cross_refnummer) == ("StUF058", referentie)
        # A fault of the server: the GGk sends the same envelope again later.
        assert b"soap:Server" in response.content
    finally:
        server.should_exit = True
        await task
        await engine.dispose()

    read_bv03(await ggk.post(body))
    [du01] = await answers_to(harness, referentie)
    assert du01.berichtcode == "Du01"

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

from deploy.ggk.ca import LocalCa
from deploy.ggk.simulator import Knooppunt, apps
from wmo_gateway.ggk import envelop, outbox, verzender
from wmo_gateway.ggk.models import GgkZending
from wmo_gateway.ggk.router import PATH, Listener
from wmo_gateway.settings import Settings
from wmo_testing.gateway import XML, fresh_nummer, retourcodes, wmo305
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

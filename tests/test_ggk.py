"""The GGk interface with real processes over real mutual TLS: the gateway (its GGk listener and
outbox) and the GGk simulator (deploy/ggk), with the test CA of deploy/ggk/ca.py.

An aanbieder's bericht sent with `make ggk-send` reaches the suite as a Di01 and comes back as a
Du01 with its retour (or a Fo01 for a level-1 failure); with the GGk down for a while, the
retours wait in the GGk outbox and all arrive once it is back. The GGk simulator keeps what the
suite sent across a restart, and the demo's provider simulator (deploy/simulator), started as
`make run` starts it, exchanges its 301/302 and 305/306 with the suite through the GGk."""

from __future__ import annotations

import json
import os
import ssl
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from deploy.ggk.ca import ensure_test_ca
from deploy.stack import FLOW, ROOT, stop_processes
from deploy.stack.processes import (
    ggk_aanbieders_url,
    ggk_ports,
    start_ggk_simulator,
    start_simulator,
)
from wmo_common.calendar import add_months, today
from wmo_gateway.ggk import envelop
from wmo_gateway.ggk.envelop import Systeem
from wmo_gateway.ggk.router import PATH
from wmo_testing.flows import Flow
from wmo_testing.gateway import fresh_nummer, retourcodes, wmo305
from wmo_testing.nummers import fresh_agb
from wmo_testing.suite import Suite, expect, wait_for


def _simulator_up() -> bool:
    try:
        return httpx.get(f"{ggk_aanbieders_url(FLOW)}/aanbieders/00000000/berichten").is_success
    except httpx.HTTPError:
        return False


def _start_simulator(postbus: Path) -> subprocess.Popen[bytes]:
    process = start_ggk_simulator(FLOW, postbus)
    for _ in range(100):
        if _simulator_up():
            return process
        if process.poll() is not None:
            break
        subprocess.run(["sleep", "0.2"], check=True)
    stop_processes([process])
    pytest.fail("the GGk simulator did not start (see .local/test/logs/ggk-simulator.log)")


@pytest.fixture
def ggk_simulator(suite: Suite, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    process = _start_simulator(tmp_path / "ggk-postbus.jsonl")
    yield process
    stop_processes([process])


def ggk_send(path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`make ggk-send FILE=path`, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "deploy.ggk.send", str(path)],
        cwd=ROOT,
        env={**os.environ, "GGK_AANBIEDERS_URL": ggk_aanbieders_url(FLOW), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_ggk_send_delivers_a_providers_message_as_a_di01_and_prints_the_du01_with_its_retour(
    ggk_simulator: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    bestand = tmp_path / "wmo305.xml"
    bestand.write_bytes(wmo305(fresh_agb(), fresh_nummer(), "G1"))
    sent = ggk_send(bestand)
    assert sent.returncode == 0, sent.stderr + sent.stdout
    du01 = envelop.read(envelop.parse(sent.stdout.encode()))
    assert (du01.berichtcode, du01.functie) == ("Du01", "WMO306")
    assert du01.cross_refnummer
    assert du01.bericht is not None
    # No toewijzing with this number: the retour says why, as the HTTP inbox's would.
    assert retourcodes(du01.bericht.decode())


def test_ggk_send_of_a_message_that_fails_level_1_prints_a_fo01_and_no_retour(
    ggk_simulator: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    bestand = tmp_path / "kapot.xml"
    bestand.write_bytes(b"<Bericht>dit is geen iWmo</Bericht>")
    sent = ggk_send(bestand, AGB=fresh_agb())
    assert sent.returncode == 1, sent.stderr + sent.stdout
    fo01 = envelop.read(envelop.parse(sent.stdout.encode()))
    assert (fo01.berichtcode, fo01.foutcode) == ("Fo01", "IB014")
    assert fo01.bericht is None


def _as_the_ggk() -> httpx.Client:
    ca = ensure_test_ca(FLOW.home / "ggk-ca")
    context = ssl.create_default_context(cafile=str(ca.ca))
    context.load_cert_chain(str(ca.ggk.cert), str(ca.ggk.key))
    return httpx.Client(verify=context, timeout=60)


async def test_with_the_ggk_down_for_a_while_the_retours_wait_and_none_is_lost(
    suite: Suite, tmp_path: Path
) -> None:
    agb = fresh_agb()
    gateway = f"https://127.0.0.1:{ggk_ports(FLOW)['gateway']}{PATH}"
    referenties = [envelop.new_referentienummer() for _ in range(3)]
    with _as_the_ggk() as http:
        for n, referentie in enumerate(referenties):
            di01 = envelop.write_bericht(
                "Di01",
                zender=Systeem(agb, "aanbiederpakket"),
                ontvanger=Systeem("0418", "GGk"),
                referentienummer=referentie,
                functie="WMO305",
                bericht=wmo305(agb, fresh_nummer(), f"W{n}"),
                referentienummer_bericht=None,
            )
            response = http.post(
                gateway,
                content=envelop.soap_wrap(di01),
                headers={"Content-Type": "text/xml", "SOAPAction": envelop.SOAP_ACTIONS["Di01"]},
            )
            assert response.status_code == 200, response.text
            assert envelop.read(envelop.soap_unwrap(response.content)).berichtcode == "Bv03"

    status_url = suite.url("gateway", "/api/v1/ggk/status")
    headers = suite.headers("operations")

    async def waiting() -> dict[str, object] | None:
        async with httpx.AsyncClient() as client:
            status: dict[str, object] = (await client.get(status_url, headers=headers)).json()
        tried = int(str(status["onafgeleverd"])) >= 3 and status["laatsteFout"]
        return status if tried else None

    status = await wait_for("the retours wait in the GGk outbox, tried", waiting)
    assert "onbereikbaar" in str(status["laatsteFout"])

    process = _start_simulator(tmp_path / "ggk-postbus.jsonl")
    try:

        async def delivered() -> list[str] | None:
            async with httpx.AsyncClient() as client:
                found = [
                    await client.get(f"{ggk_aanbieders_url(FLOW)}/antwoorden/{referentie}")
                    for referentie in referenties
                ]
            if not all(response.status_code == 200 for response in found):
                return None
            return [envelop.read(envelop.parse(r.content)).berichtcode for r in found]

        # A retour tried a few times while the GGk was down is tried again within seconds.
        assert (
            await wait_for("every retour reaches the GGk", delivered, timeout=120) == ["Du01"] * 3
        )
    finally:
        stop_processes([process])


def _as_the_suite() -> httpx.Client:
    ca = ensure_test_ca(FLOW.home / "ggk-ca")
    context = ssl.create_default_context(cafile=str(ca.ca))
    context.load_cert_chain(str(ca.suite.cert), str(ca.suite.key))
    return httpx.Client(verify=context, timeout=60)


def test_the_ggk_simulator_keeps_what_the_suite_sent_across_a_restart(tmp_path: Path) -> None:
    agb, gemeente = fresh_agb(), Systeem("0418", envelop.APPLICATIE)
    heen, antwoord_op = envelop.new_referentienummer(), envelop.new_referentienummer()
    di01 = envelop.write_bericht(
        "Di01",
        zender=gemeente,
        ontvanger=Systeem(agb, "aanbieder"),
        referentienummer=heen,
        functie="WMO301",
        bericht=b"<Bericht>een toewijzing</Bericht>",
        referentienummer_bericht="G00000000001",
    )
    du01 = envelop.write_bericht(
        "Du01",
        zender=gemeente,
        ontvanger=Systeem(agb, "aanbieder"),
        referentienummer=envelop.new_referentienummer(),
        functie="WMO306",
        bericht=b"<Bericht>een retour</Bericht>",
        referentienummer_bericht="G00000000002",
        cross_refnummer=antwoord_op,
    )
    postbus = tmp_path / "ggk-postbus.jsonl"
    url = f"https://127.0.0.1:{ggk_ports(FLOW)['simulator']}{PATH}"
    aanbieder = f"{ggk_aanbieders_url(FLOW)}/aanbieders/{agb}/berichten"

    process = _start_simulator(postbus)
    try:
        with _as_the_suite() as http:
            for operation, data in (("Di01", di01), ("Du01", du01)):
                response = http.post(
                    url,
                    content=envelop.soap_wrap(data),
                    headers={
                        "Content-Type": "text/xml",
                        "SOAPAction": envelop.SOAP_ACTIONS[operation],
                    },
                )
                assert envelop.read(envelop.soap_unwrap(response.content)).berichtcode == "Bv03"
    finally:
        stop_processes([process])
    # Readable by the owner only: what the suite sends aanbieders holds BSNs.
    assert stat.S_IMODE(postbus.stat().st_mode) == 0o600

    process = _start_simulator(postbus)
    try:
        [bericht] = httpx.get(aanbieder).json()
        assert (bericht["referentienummer"], bericht["functie"]) == (heen, "WMO301")
        assert bericht["xml"] == "<Bericht>een toewijzing</Bericht>"
        answered = httpx.get(f"{ggk_aanbieders_url(FLOW)}/antwoorden/{antwoord_op}")
        assert answered.status_code == 200
        assert envelop.read(envelop.parse(answered.content)).functie == "WMO306"
    finally:
        stop_processes([process])

    # Handed over is handed over, also after a restart.
    process = _start_simulator(postbus)
    try:
        assert httpx.get(aanbieder).json() == []
    finally:
        stop_processes([process])


async def test_the_provider_simulator_exchanges_its_berichten_with_the_suite_through_the_ggk(
    suite: Suite, tmp_path: Path
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        ingangsdatum = today() - timedelta(days=10)
        _, toewijzing = await flow.client_in_zorg(
            markt,
            ingangsdatum=ingangsdatum,
            einddatum=add_months(ingangsdatum, 12) - timedelta(days=1),
        )
        nummer = toewijzing["toewijzingnummer"]
        row, _ = await flow.wmo301(markt.agb, nummer)

        ggk = _start_simulator(tmp_path / "ggk-postbus.jsonl")
        # As `make run` starts it, for this test's aanbieder only.
        simulator = start_simulator(
            FLOW, "--interval", "2", "--aanbieder", markt.agb, state=tmp_path / "simulator.json"
        )
        try:

            async def answered() -> dict[str, Any] | None:
                for uitgaand in await flow.uitgaande_berichten(markt.agb, "WMO301"):
                    if uitgaand["id"] == row["id"] and uitgaand["retourOntvangenAt"]:
                        return uitgaand
                return None

            # The 301 went as a Di01 through the GGk; the simulator's 302 came back as a Du01.
            retour = await wait_for("the 302 of the provider simulator", answered, timeout=120)
            assert not retour["retourCodes"], "the simulator accepts its toewijzing"

            async def started() -> dict[str, Any] | None:
                page = expect(
                    await flow.get("gateway", "/berichten", "operations", aanbiederAgb=markt.agb),
                    200,
                )
                found = [
                    b
                    for b in page["results"]
                    if b["berichtsoort"] == "WMO305" and b["status"] != "ontvangen"
                ]
                return found[0] if found else None

            # The simulator's 305 reached the gateway as a Di01 and was judged.
            start = await wait_for("the 305 of the provider simulator", started, timeout=120)
            assert start["status"] == "geaccepteerd", start

            async def retour_received() -> list[envelop.Envelop] | None:
                du01s = [
                    e
                    for e in _answers_held(tmp_path / "ggk-postbus.jsonl")
                    if e.functie == "WMO306" and e.ontvanger.organisatie == markt.agb
                ]
                state = json.loads((tmp_path / "simulator.json").read_text())
                known = state["aanbieders"][markt.agb]["toewijzingen"][str(int(nummer))]
                return du01s if du01s and known.get("begindatum") else None

            # Its 306 came back as a Du01 through the GGk, and the simulator recorded the start.
            [du01] = await wait_for("the 306 at the provider simulator", retour_received)
            assert du01.berichtcode == "Du01"
            assert du01.bericht is not None
            assert retourcodes(du01.bericht.decode()) == []
        finally:
            stop_processes([simulator, ggk])


def _answers_held(postbus: Path) -> list[envelop.Envelop]:
    """The Du01s and Fo01s the GGk simulator holds (its postbus file)."""
    found = []
    for line in postbus.read_text().splitlines():
        record = json.loads(line)
        if "antwoord" in record:
            found.append(envelop.read(envelop.parse(record["antwoord"]["envelop"].encode())))
    return found

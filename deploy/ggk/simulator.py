"""The GGk simulator: plays the Gemeentelijk Gegevensknooppunt and, behind it, VECOZO and the
aanbieders' side, so the suite's GGk interface is used as in production.

Two listeners:

* the GGk's web service (`--port`, mutual TLS with the test CA): the suite's gateway sends its
  Di01 (301, 319, 325), Du01 (retours) and Fo01 envelopes here and gets a Bv03;
* the aanbieders' side (`--aanbieder-port`, plain HTTP on 127.0.0.1, as VECOZO's portal would
  be to a provider): `POST /aanbieders/{agb}/berichten` takes an iWmo bericht, sends it to the
  suite as a Di01 (or, with `?antwoordOp=REF`, a Du01 answering the Di01 REF) over mutual TLS,
  and answers with the envelope the suite sent back: the Du01 with its retour, or a Fo01 (or
  the Fo03 of a refused call); `GET /aanbieders/{agb}/berichten` hands over (and forgets) the
  Di01s the suite sent that aanbieder, each with its referentienummer; `GET /antwoorden/{REF}`
  shows the Du01 or Fo01 the suite sent in answer to the envelope REF.

What the suite sent is kept in a JSON-lines file (`--postbus`, by default
`.local/run/ggk-postbus.jsonl`; the stack puts it in its profile's home): every Di01, every
answer and every fetch is one line, appended with a single write and synced before the suite
gets its Bv03, and read again at start, so a restart of the simulator loses nothing. Like the
aanbieders' own systems it holds BSNs: the file is the owner's only.

`python -m deploy.ggk.simulator --suite https://127.0.0.1:8011/ggk/... ` (see --help); the stack
starts it with `make run`."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import ssl
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from deploy.ggk.ca import DEFAULT_DIR, ensure_test_ca
from deploy.stack.profiles import RUN
from wmo_gateway.ggk import envelop
from wmo_gateway.ggk.envelop import OngeldigeEnvelop, Systeem
from wmo_gateway.ggk.router import PATH, Listener

SOAP_XML = "text/xml; charset=utf-8"
# The gemeente: the Ontvanger of a heenbericht, the Afzender of a retour (its header is the
# header of the message it answers).
GEMEENTE = re.compile(rb"<(?:\w+:)?(?:Ontvanger|Afzender)>(\d{4})</")
BERICHTSOORT = re.compile(rb"/iwmo/3_2/wmo(\d{3})/schema")
ANTWOORD_SECONDS = 30.0
# A 323 has no retour (its 325 comes later as a Di01): only a Fo01 may follow, at once.
ZONDER_RETOUR = frozenset({"WMO323"})
FOUT_SECONDS = 5.0
POSTBUS = RUN.home / "ggk-postbus.jsonl"


class Journaal:
    """The simulated GGk's memory on disk: one JSON object a line, each appended with one
    write() on a file opened O_APPEND and synced, so a line is there whole or (after a crash in
    the middle of it) is an unreadable tail that the next start drops. At start the file is
    read and rewritten (atomically) with only what is still held."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, record: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = (json.dumps(record, separators=(",", ":")) + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    def read(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        records = []
        for line in self.path.read_bytes().split(b"\n"):
            try:
                record = json.loads(line)
            except ValueError:
                continue  # empty, or the unfinished last line of a crash
            if isinstance(record, dict):
                records.append(record)
        return records

    def rewrite(self, records: list[dict[str, Any]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.path.with_suffix(".tmp")
        fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.writelines(json.dumps(r, separators=(",", ":")) + "\n" for r in records)
            handle.flush()
            os.fsync(handle.fileno())
        scratch.replace(self.path)


@dataclass
class Knooppunt:
    """What the simulated GGk holds: the suite's Di01s per aanbieder, the answers (Du01, Fo01)
    it sent and who waits for which answer (by the referentienummer it will name in
    crossRefnummer). With a `journaal`, what it holds survives a restart."""

    suite_url: str
    http: httpx.AsyncClient
    postbus: dict[str, list[dict[str, str]]] = field(default_factory=lambda: defaultdict(list))
    wachtend: dict[str, asyncio.Future[bytes]] = field(default_factory=dict)
    ontvangen: dict[str, bytes] = field(default_factory=dict)
    journaal: Journaal | None = None

    def __post_init__(self) -> None:
        """Read back what an earlier run held, and keep only that in the file."""
        if self.journaal is None:
            return
        for record in self.journaal.read():
            if "di01" in record:
                bericht = record["di01"]
                self.postbus[bericht["agb"]].append(
                    {k: bericht[k] for k in ("referentienummer", "functie", "xml")}
                )
            elif "opgehaald" in record:
                opgehaald = record["opgehaald"]
                weg = set(opgehaald["referentienummers"])
                self.postbus[opgehaald["agb"]] = [
                    b for b in self.postbus[opgehaald["agb"]] if b["referentienummer"] not in weg
                ]
            elif "antwoord" in record:
                antwoord = record["antwoord"]
                self.ontvangen[antwoord["crossRefnummer"]] = antwoord["envelop"].encode("utf-8")
        self.journaal.rewrite(
            [
                {"di01": {"agb": agb, **bericht}}
                for agb, berichten in self.postbus.items()
                for bericht in berichten
            ]
            + [
                {"antwoord": {"crossRefnummer": ref, "envelop": data.decode("utf-8")}}
                for ref, data in self.ontvangen.items()
            ]
        )

    def _keep(self, record: dict[str, Any]) -> None:
        if self.journaal is not None:
            self.journaal.append(record)

    async def from_suite(self, request: Request) -> Response:
        """The GGk's OntvangAsynchroon: a Di01, Du01 or Fo01 from the suite."""
        try:
            element = envelop.soap_unwrap(await request.body())
            ontvangen = envelop.read(element)
        except OngeldigeEnvelop as exc:
            fo03 = envelop.write_fout(
                "Fo03",
                envelop.Fout("IB001", "Bericht voldoet niet aan XSD.", details=str(exc)),
                zender=Systeem("GGK", "GGk"),
                ontvanger=Systeem("onbekend", "onbekend"),
                cross_refnummer="onbekend",
            )
            return Response(envelop.soap_fault(fo03, server=False), 500, media_type=SOAP_XML)
        data = envelop.serialize(element)
        if ontvangen.berichtcode == "Di01" and ontvangen.bericht is not None:
            bericht = {
                "referentienummer": ontvangen.referentienummer,
                "functie": ontvangen.functie or "",
                "xml": ontvangen.bericht.decode("utf-8"),
            }
            agb = ontvangen.ontvanger.organisatie
            # The same Di01 again (the suite did not get our Bv03) is held once.
            if all(b["referentienummer"] != bericht["referentienummer"] for b in self.postbus[agb]):
                self._keep({"di01": {"agb": agb, **bericht}})
                self.postbus[agb].append(bericht)
        elif ontvangen.cross_refnummer is not None:
            self._keep(
                {
                    "antwoord": {
                        "crossRefnummer": ontvangen.cross_refnummer,
                        "envelop": data.decode("utf-8"),
                    }
                }
            )
            self.ontvangen[ontvangen.cross_refnummer] = data
            waiter = self.wachtend.pop(ontvangen.cross_refnummer, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(data)
        bv03 = envelop.write_bv03(
            zender=Systeem("GGK", "GGk"),
            ontvanger=ontvangen.zender,
            cross_refnummer=ontvangen.referentienummer,
        )
        return Response(envelop.soap_wrap(bv03), media_type=SOAP_XML)

    async def send(self, request: Request) -> Response:
        """An aanbieder's bericht to the suite; answers with the suite's answer envelope."""
        agb = request.path_params["agb"]
        bericht = await request.body()
        antwoord_op = request.query_params.get("antwoordOp")
        soort = BERICHTSOORT.search(bericht[:2000])
        gemeente = GEMEENTE.search(bericht)
        referentienummer = envelop.new_referentienummer()
        functie = f"WMO{soort.group(1).decode()}" if soort else "WMO"
        data = envelop.write_bericht(
            "Du01" if antwoord_op else "Di01",
            zender=Systeem(agb, "aanbiederpakket"),
            ontvanger=Systeem(gemeente.group(1).decode() if gemeente else "0000", "wmo-suite"),
            referentienummer=referentienummer,
            functie=functie,
            bericht=bericht,
            referentienummer_bericht=None,
            cross_refnummer=antwoord_op,
        )
        waiter: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self.wachtend[referentienummer] = waiter
        try:
            response = await self.http.post(
                self.suite_url,
                content=envelop.soap_wrap(data),
                headers={
                    "Content-Type": SOAP_XML,
                    "SOAPAction": envelop.SOAP_ACTIONS["Du01" if antwoord_op else "Di01"],
                },
            )
        except httpx.HTTPError as exc:
            self.wachtend.pop(referentienummer, None)
            return Response(f"de suite is niet bereikbaar: {type(exc).__name__}\n", 502)
        direct = envelop.serialize(envelop.soap_unwrap(response.content))
        if response.status_code != 200 or antwoord_op:
            self.wachtend.pop(referentienummer, None)
            return Response(
                direct, 200 if response.status_code == 200 else 502, media_type=SOAP_XML
            )
        try:
            wait = FOUT_SECONDS if functie in ZONDER_RETOUR else ANTWOORD_SECONDS
            later = await asyncio.wait_for(waiter, wait)
        except TimeoutError:
            self.wachtend.pop(referentienummer, None)
            return Response(direct, 202, media_type=SOAP_XML)
        return Response(later, media_type=SOAP_XML)

    async def antwoord(self, request: Request) -> Response:
        """The Du01 or Fo01 the suite sent to the envelope with this referentienummer, if any."""
        found = self.ontvangen.get(request.path_params["referentienummer"])
        if found is None:
            return Response("nog geen antwoord\n", 404)
        return Response(found, media_type=SOAP_XML)

    async def fetch(self, request: Request) -> Response:
        """The Di01s the suite sent this aanbieder since its last fetch."""
        agb = request.path_params["agb"]
        berichten = self.postbus.pop(agb, [])
        if berichten:
            referentienummers = [b["referentienummer"] for b in berichten]
            self._keep({"opgehaald": {"agb": agb, "referentienummers": referentienummers}})
        return JSONResponse(berichten)


def apps(knooppunt: Knooppunt) -> tuple[Starlette, Starlette]:
    ggk = Starlette(routes=[Route(PATH, knooppunt.from_suite, methods=["POST"])])
    aanbieders = Starlette(
        routes=[
            Route("/aanbieders/{agb:str}/berichten", knooppunt.send, methods=["POST"]),
            Route("/aanbieders/{agb:str}/berichten", knooppunt.fetch, methods=["GET"]),
            Route("/antwoorden/{referentienummer:str}", knooppunt.antwoord, methods=["GET"]),
        ]
    )
    return ggk, aanbieders


async def run(args: argparse.Namespace) -> None:
    ca = ensure_test_ca(Path(args.ca_dir))
    context = ssl.create_default_context(cafile=str(ca.ca))
    context.load_cert_chain(str(ca.ggk.cert), str(ca.ggk.key))
    async with httpx.AsyncClient(verify=context, timeout=60.0) as http:
        knooppunt = Knooppunt(args.suite, http, journaal=Journaal(Path(args.postbus)))
        ggk_app, aanbieder_app = apps(knooppunt)
        ggk = Listener(
            uvicorn.Config(
                ggk_app,
                host="127.0.0.1",
                port=args.port,
                ssl_certfile=str(ca.ggk.cert),
                ssl_keyfile=str(ca.ggk.key),
                ssl_ca_certs=str(ca.ca),
                ssl_cert_reqs=ssl.CERT_REQUIRED,
                lifespan="off",
                access_log=False,
            )
        )
        aanbieders = uvicorn.Server(
            uvicorn.Config(
                aanbieder_app,
                host="127.0.0.1",
                port=args.aanbieder_port,
                lifespan="off",
                access_log=False,
            )
        )
        await asyncio.gather(ggk.serve(), aanbieders.serve())


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.ggk.simulator", description=__doc__)
    parser.add_argument(
        "--suite", default=os.environ.get("GGK_SIMULATOR_SUITE", "https://127.0.0.1:8011" + PATH)
    )
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("GGK_SIMULATOR_PORT", "8012"))
    )
    parser.add_argument(
        "--aanbieder-port",
        type=int,
        default=int(os.environ.get("GGK_SIMULATOR_AANBIEDER_PORT", "8013")),
    )
    parser.add_argument(
        "--ca-dir", default=os.environ.get("GGK_SIMULATOR_CA_DIR", str(DEFAULT_DIR))
    )
    parser.add_argument(
        "--postbus",
        default=os.environ.get("GGK_SIMULATOR_POSTBUS", str(POSTBUS)),
        help="the JSON-lines file that keeps what the suite sent (survives a restart)",
    )
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()

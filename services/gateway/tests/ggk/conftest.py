"""The GGk listener of the gateway under test, over real mutual TLS with the project's test CA."""

import asyncio
import socket
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from deploy.ggk.ca import GGK_OIN, LocalCa, ensure_test_ca
from wmo_gateway.ggk import envelop
from wmo_gateway.ggk.envelop import Systeem
from wmo_gateway.ggk.router import PATH, Listener, create_ggk_app, listener_config
from wmo_gateway.settings import Settings
from wmo_testing.harness import ServiceHarness, eventually


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> LocalCa:
    return ensure_test_ca(tmp_path_factory.mktemp("ggk-ca"))


@dataclass(frozen=True)
class Ggk:
    """The GGk's side of the gateway's listener: where it is and the settings behind it."""

    url: str
    settings: Settings
    ca: LocalCa

    def client(self, *, certificaat: bool = True) -> httpx.AsyncClient:
        """A client as the GGk: trusts the test CA and shows the GGk's certificate."""
        context = ssl.create_default_context(cafile=str(self.ca.ca))
        if certificaat:
            context.load_cert_chain(str(self.ca.ggk.cert), str(self.ca.ggk.key))
        return httpx.AsyncClient(verify=context, timeout=30)

    async def post(self, body: bytes, operation: str = "Di01") -> httpx.Response:
        async with self.client() as http:
            return await http.post(
                self.url,
                content=body,
                headers={
                    "Content-Type": "text/xml; charset=utf-8",
                    "SOAPAction": envelop.SOAP_ACTIONS[operation],
                },
            )

    @staticmethod
    def di01(bericht: bytes, *, agb: str, functie: str, referentienummer: str) -> bytes:
        """A provider's message in a Di01 from the GGk, wrapped in SOAP."""
        data = envelop.write_bericht(
            "Di01",
            zender=Systeem(agb, "aanbiederpakket"),
            ontvanger=Systeem("0418", "GGk"),
            referentienummer=referentienummer,
            functie=functie,
            bericht=bericht,
            referentienummer_bericht=None,
        )
        return envelop.soap_wrap(data)


@pytest.fixture
async def ggk(
    harness: ServiceHarness[Settings], test_ca: LocalCa, client: httpx.AsyncClient
) -> AsyncIterator[Ggk]:
    settings = harness.settings.model_copy(
        update={
            "ggk_port": free_port(),
            "ggk_certificaat": str(test_ca.suite.cert),
            "ggk_sleutel": str(test_ca.suite.key),
            "ggk_ca": str(test_ca.ca),
            "ggk_oins": (GGK_OIN,),
            "ggk_backoff_first_seconds": 0.2,
            "ggk_backoff_max_seconds": 0.5,
        }
    )
    server = Listener(listener_config(create_ggk_app(harness.sessionmaker, settings), settings))
    task = asyncio.create_task(server.serve())

    async def started() -> bool:
        return server.started

    await eventually(started, interval=0.05)
    yield Ggk(f"https://127.0.0.1:{settings.ggk_port}{PATH}", settings, test_ca)
    server.should_exit = True
    await task

"""The gateway's GGk interface over HTTP: `router` (GET /api/v1/ggk/status, for operations)
and the listener the GGk calls: the WSDL's port OntvangAsynchroon (ggk_Di01, ggk_Du01, Fo01)
over mutual TLS, on its own port (`ggk_port`) beside the service's API, because its caller
authenticates with a certificate, not a token.

uvicorn checks the client certificate against `ggk_ca` (a client without one from that CA gets
no connection) and, through `ClientCertProtocol`, hands it to the app as the ASGI TLS
extension's `client_cert_chain`; the app admits only the OINs in `ggk_oins` (the certificate
subject's serialNumber, as PKIoverheid writes the OIN)."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import Generator
from datetime import datetime
from typing import Any, cast

import uvicorn
from cryptography import x509
from cryptography.x509.oid import NameOID
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from wmo_common.db import DbSession
from wmo_common.logging import get_logger
from wmo_common.routing import ApiRouter
from wmo_common.runtime import Runtime
from wmo_common.schema import CamelModel
from wmo_gateway.ggk import envelop, outbox, service
from wmo_gateway.rollen import MagBerichtenlogboekLezen
from wmo_gateway.settings import Settings

log = get_logger(__name__)
PATH = "/ggk/StUFOntvangAsynchroonGGK0310Service"
SOAP_XML = "text/xml; charset=utf-8"
# Base64 makes a bericht a third larger; the envelope around it is small.
ENVELOP_MARGIN = 1024 * 1024


def oin_of(certificate_pem: str) -> str | None:
    """The OIN in a certificate: its subject's serialNumber (PKIoverheid)."""
    certificate = x509.load_pem_x509_certificate(certificate_pem.encode("ascii"))
    values = certificate.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    return str(values[0].value) if values else None


class _WithClientCert:
    """Adds the connection's client certificate to each request's scope (ASGI TLS extension)."""

    def __init__(self, app: ASGIApp, certificate_pem: str | None) -> None:
        self.app = app
        self.certificate_pem = certificate_pem

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.certificate_pem is not None:
            tls = {"client_cert_chain": [self.certificate_pem], "server_cert": None}
            scope = {**scope, "extensions": {**scope.get("extensions", {}), "tls": tls}}
        await self.app(scope, receive, send)


class ClientCertProtocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol that also passes on the client certificate of its TLS
    connection (uvicorn does not implement the ASGI TLS extension itself)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        ssl_object = transport.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        pem = ssl.DER_cert_to_PEM_cert(der) if der else None
        self.app = cast(Any, _WithClientCert(self.app, pem))


def client_oin(request: Request) -> str | None:
    tls = request.scope.get("extensions", {}).get("tls", {})
    chain = tls.get("client_cert_chain") or []
    return oin_of(chain[0]) if chain else None


def create_ggk_app(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> Starlette:
    limit = settings.max_bericht_bytes * 4 // 3 + ENVELOP_MARGIN

    async def ontvang(request: Request) -> Response:
        oin = client_oin(request)
        if oin is None or (settings.ggk_oins and oin not in settings.ggk_oins):
            log.warning("ggk_caller_refused", extra={"oin": oin})
            fout = service.NIET_GEAUTORISEERD
            return _fault_response(fout, settings, status=403)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return _fault_response(service.TE_GROOT_ENVELOP, settings, status=413)
        data = bytearray()
        async for chunk in request.stream():
            data.extend(chunk)
            if len(data) > limit:
                return _fault_response(service.TE_GROOT_ENVELOP, settings, status=413)
        async with sessionmaker() as session:
            reactie = await service.receive(session, bytes(data), settings=settings)
        return Response(reactie.body, status_code=reactie.status_code, media_type=SOAP_XML)

    return Starlette(routes=[Route(PATH, ontvang, methods=["POST"])])


def _fault_response(fout: envelop.Fout, settings: Settings, *, status: int) -> Response:
    fo03 = envelop.write_fout(
        "Fo03",
        fout,
        zender=envelop.Systeem(settings.oin, envelop.APPLICATIE),
        ontvanger=envelop.Systeem("GGK", envelop.GGK_APPLICATIE),
        cross_refnummer="onbekend",
    )
    return Response(envelop.soap_fault(fo03, server=False), status_code=status, media_type=SOAP_XML)


class Listener(uvicorn.Server):
    """A second uvicorn server inside the service's process: the service's own server keeps
    the signal handling."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def listener_config(app: ASGIApp, settings: Settings) -> uvicorn.Config:
    if not (settings.ggk_certificaat and settings.ggk_sleutel and settings.ggk_ca):
        raise ValueError("ggk_port needs ggk_certificaat, ggk_sleutel and ggk_ca (mutual TLS)")
    return uvicorn.Config(
        app,
        host=settings.ggk_host,
        port=cast(int, settings.ggk_port),
        ssl_certfile=settings.ggk_certificaat,
        ssl_keyfile=settings.ggk_sleutel,
        ssl_ca_certs=settings.ggk_ca,
        ssl_cert_reqs=ssl.CERT_REQUIRED,
        http=ClientCertProtocol,
        lifespan="off",
        log_config=None,
        access_log=False,
    )


async def serve_ggk(runtime: Runtime) -> None:
    """The GGk listener, while the service runs (when `ggk_port` is set)."""
    settings = cast(Settings, runtime.settings)
    if settings.ggk_port is None:
        return
    server = Listener(listener_config(create_ggk_app(runtime.sessionmaker, settings), settings))
    log.info("ggk_listener_started", extra={"port": settings.ggk_port})
    try:
        await server.serve()
    finally:
        server.should_exit = True


router = ApiRouter(prefix="/ggk", tags=["ggk"])


class GgkStatus(CamelModel):
    """The GGk outbox: how many envelopes wait for the GGk's acknowledgement, since when, and
    why the last try of the oldest failed."""

    onafgeleverd: int
    oudste_onafgeleverd: datetime | None
    laatste_fout: str | None


@router.get("/status", response_model=GgkStatus)
async def get_ggk_status(session: DbSession, principal: MagBerichtenlogboekLezen) -> GgkStatus:
    """Wat nog niet bij het GGk is afgeleverd (operations en auditors)."""
    count, oudste, laatste_fout = await outbox.outbox_status(session)
    return GgkStatus(onafgeleverd=count, oudste_onafgeleverd=oudste, laatste_fout=laatste_fout)

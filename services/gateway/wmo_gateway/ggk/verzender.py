"""The GGk outbox's sender: every envelope in `ggk_zending` goes to the GGk's web service
(`ggk_endpoint`) over mutual TLS, as the SOAP operation of its kind (ggk_Di01, ggk_Du01, Fo01),
until the GGk acknowledges it with a Bv03. A refused or failed try is tried again after a
back-off that doubles up to `ggk_backoff_max_seconds`; nothing is dropped. What is not yet
delivered is on /metrics as `wmo_ggk_undelivered` (alert GgkNietAfgeleverd) and in
GET /api/v1/ggk/status."""

from __future__ import annotations

import asyncio
import ssl
from typing import cast

import httpx
from prometheus_client import Gauge
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.logging import get_logger
from wmo_common.runtime import Runtime
from wmo_gateway.ggk import envelop, outbox, service
from wmo_gateway.ggk.envelop import OngeldigeEnvelop
from wmo_gateway.ggk.models import GgkZending
from wmo_gateway.settings import Settings

log = get_logger(__name__)

UNDELIVERED = Gauge(
    "wmo_ggk_undelivered", "Envelopes in the GGk outbox the GGk has not yet acknowledged"
)


def tls_context(settings: Settings) -> ssl.SSLContext:
    """Trust only the GGk's CA; show our own certificate (mutual TLS)."""
    context = ssl.create_default_context(cafile=settings.ggk_ca)
    if settings.ggk_certificaat and settings.ggk_sleutel:
        context.load_cert_chain(settings.ggk_certificaat, settings.ggk_sleutel)
    return context


def client(settings: Settings) -> httpx.AsyncClient:
    return httpx.AsyncClient(verify=tls_context(settings), timeout=30.0)


async def deliver(http: httpx.AsyncClient, endpoint: str, zending: GgkZending) -> str | None:
    """Send one envelope; None when the GGk acknowledged it, else why not."""
    try:
        response = await http.post(
            endpoint,
            content=envelop.soap_wrap(zending.envelop.encode("utf-8")),
            headers={
                "Content-Type": "text/xml; charset=utf-8",
                "SOAPAction": f'"{envelop.SOAP_ACTIONS[zending.berichtcode]}"',
            },
        )
    except httpx.HTTPError as exc:
        return f"onbereikbaar: {type(exc).__name__}"
    try:
        antwoord = envelop.read(envelop.soap_unwrap(response.content))
    except OngeldigeEnvelop:
        return f"HTTP {response.status_code} zonder StUF-antwoord"
    if antwoord.berichtcode == "Bv03" and response.status_code == 200:
        return None
    return f"{antwoord.berichtcode} {antwoord.foutcode or ''}: {antwoord.foutomschrijving or ''}"


async def send_due(
    sessionmaker: async_sessionmaker[AsyncSession], http: httpx.AsyncClient, settings: Settings
) -> int:
    """Send what is due now; returns how many envelopes were tried."""
    endpoint = cast(str, settings.ggk_endpoint)
    async with sessionmaker() as session:
        zendingen = await outbox.due(session, settings.ggk_batch_size)
        for zending in zendingen:
            reason = await deliver(http, endpoint, zending)
            if reason is None:
                outbox.mark_delivered(zending)
            else:
                outbox.mark_failed(zending, reason, settings)
                log.warning(
                    "ggk_not_delivered",
                    extra={"berichtcode": zending.berichtcode, "pogingen": zending.pogingen},
                )
        await session.commit()
        UNDELIVERED.set(await outbox.count_undelivered(session))
    return len(zendingen)


async def send_ggk(runtime: Runtime) -> None:
    """The periodic work: empty the GGk outbox while the service runs (when `ggk_endpoint` is
    set)."""
    settings = cast(Settings, runtime.settings)
    if settings.ggk_endpoint is None:
        return
    async with client(settings) as http:
        while True:
            tried = 0
            try:
                # A retour that exists only now (a bericht re-processed later) joins the outbox.
                await service.enqueue_open_retouren(runtime.sessionmaker, settings.ggk_batch_size)
                tried = await send_due(runtime.sessionmaker, http, settings)
            except Exception as exc:
                log.warning("ggk_send_failed", extra={"errorType": type(exc).__name__})
            if tried < settings.ggk_batch_size:
                await asyncio.sleep(settings.ggk_poll_seconds)

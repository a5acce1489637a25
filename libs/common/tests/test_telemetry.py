import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.auth import mint_token
from wmo_common.db import DbSession
from wmo_common.events import outbox
from wmo_common.events.consumer import HandlerContext
from wmo_common.http import create_service_app
from wmo_common.routing import ApiRouter
from wmo_common.runtime import ConsumerSpec
from wmo_common.settings import CommonSettings
from wmo_testing.events import Proef, proef_settings
from wmo_testing.harness import eventually

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


class Collector:
    """A minimal OTLP/HTTP receiver: keeps every exported span as (trace id, name, kind)."""

    def __init__(self) -> None:
        self.spans: list[tuple[str, str, int]] = []
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                request = ExportTraceServiceRequest()
                request.ParseFromString(self.rfile.read(int(self.headers["Content-Length"])))
                for resource in request.resource_spans:
                    for scope in resource.scope_spans:
                        collector.spans.extend(
                            (s.trace_id.hex(), s.name, s.kind) for s in scope.spans
                        )
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def collector() -> Iterator[Collector]:
    collector = Collector()
    thread = threading.Thread(target=collector.server.serve_forever, daemon=True)
    thread.start()
    yield collector
    collector.server.shutdown()


@pytest.fixture
async def app(collector: Collector, proef_type: type[Proef]) -> AsyncIterator[FastAPI]:
    router = ApiRouter(prefix="/proeven")
    handled: list[str] = []

    @router.post("")
    async def create(session: DbSession) -> dict[str, str]:
        """Maak een proef en meld die met een event."""
        await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=1))
        await session.commit()
        return {}

    async def on_proef(session: AsyncSession, event: Any, context: HandlerContext[Any]) -> None:
        handled.append(context.envelope.traceparent or "")

    settings = proef_settings(
        otlp_endpoint=collector.endpoint,
    )
    application = create_service_app(
        settings,
        title="proef",
        description="proef",
        routers=[router],
        consumers=[
            ConsumerSpec(
                purpose=f"proef{uuid.uuid4().hex[:6]}",
                topics=[proef_type.topic],
                handlers={proef_type: on_proef},
            )
        ],
    )
    application.state.handled = handled
    async with application.router.lifespan_context(application):
        await application.state.runtime.wait_ready()
        yield application


async def test_a_request_and_the_event_it_causes_are_exported_as_one_trace(
    app: FastAPI, collector: Collector
) -> None:
    token = mint_token(CommonSettings(), subject="t", roles=["consultant"])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        response = await client.post(
            "/api/v1/proeven",
            headers={
                "Authorization": f"Bearer {token}",
                "traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01",
            },
        )
    assert response.status_code == 200
    assert response.headers["traceparent"].split("-")[1] == TRACE_ID

    async def handled() -> bool:
        return bool(app.state.handled)

    await eventually(handled)
    assert app.state.handled[0].split("-")[1] == TRACE_ID

    async def exported() -> bool:
        names = {name for trace_id, name, _ in collector.spans if trace_id == TRACE_ID}
        return {"POST /api/v1/proeven"} <= names and any(n.startswith("consume ") for n in names)

    await eventually(exported)

"""The FastAPI app factory every service uses: NLGov API Design Rules, health, metrics, auth."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from opentelemetry.trace import Span, SpanKind
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wmo_common.auth import TokenVerifier, current_principal
from wmo_common.console import api_router as console_api
from wmo_common.console import page_router as console_page
from wmo_common.events.registry import asyncapi_document
from wmo_common.logging import configure_logging, get_logger, request_id_var
from wmo_common.openapi import PUBLIC_DOCUMENTS, nlgov_document
from wmo_common.operations import monitor as operations_monitor
from wmo_common.operations import router as operations_router
from wmo_common.problems import (
    ProblemDetail,
    error_response,
    install_problem_handlers,
    problem_response,
)
from wmo_common.routing import ApiRouter
from wmo_common.runtime import BackgroundTask, ConsumerSpec, Runtime, freeze_startup_objects
from wmo_common.settings import CommonSettings
from wmo_common.tracing import current_traceparent, span, start_exporting, stop_exporting

log = get_logger(__name__)
API_PREFIX = "/api/v1"
# The contract documents are public and readable from any origin (ADR /core/publish-openapi).
OPEN_TO_ANY_ORIGIN = frozenset(API_PREFIX + path for path in PUBLIC_DOCUMENTS)

REQUESTS = Counter(
    "wmo_http_requests_total", "HTTP requests", ["service", "method", "route", "status"]
)
LATENCY = Histogram(
    "wmo_http_request_seconds", "HTTP request latency", ["service", "method", "route"]
)

SECURITY_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"strict-transport-security", b"max-age=31536000; includeSubDomains"),
    (b"referrer-policy", b"no-referrer"),
]

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {
        "model": ProblemDetail,
        "content": {"application/problem+json": {}},
        "description": description,
    }
    for status, description in {
        400: "Ongeldige invoer; invalidParams noemt elke fout.",
        401: "Geen of een ongeldig bearer-token.",
        403: "Het token heeft niet de vereiste rol of hoort bij een andere aanbieder.",
        404: "De resource bestaat niet.",
        409: "De handeling botst met de huidige toestand.",
    }.items()
}


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class ApiMiddleware:
    """Trace context, request id, API-Version and security headers, and request metrics."""

    def __init__(
        self, app: ASGIApp, service: str, api_version: str, max_json_body_bytes: int
    ) -> None:
        self.app = app
        self.service = service
        self.api_version = api_version.encode()
        self.max_json_body_bytes = max_json_body_bytes

    def _limit_json_body(self, scope: Scope, receive: Receive) -> Receive:
        """A JSON body is read only up to the limit: past it the request fails with 413."""
        content_type = dict(scope["headers"]).get(b"content-type", b"").split(b";")[0].strip()
        if not (content_type == b"application/json" or content_type.endswith(b"+json")):
            return receive
        limit = self.max_json_body_bytes
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            raise BodyTooLarge(limit)
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
            return message

        return limited

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        incoming = headers.get(b"traceparent", b"").decode() or None
        with span(f"HTTP {scope['method']}", incoming, SpanKind.SERVER) as current:
            await self._traced(scope, receive, send, current)

    async def _traced(
        self, scope: Scope, receive: Receive, send: Send, current: Span | None
    ) -> None:
        request_token = request_id_var.set(str(uuid.uuid4()))
        traceparent = (current_traceparent() or "").encode()
        started = time.perf_counter()
        status = 500

        started_response = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                started_response = True
                status = message["status"]
                extra = [
                    (b"api-version", self.api_version),
                    (b"traceparent", traceparent),
                    *SECURITY_HEADERS,
                ]
                if scope["method"] in ("GET", "HEAD") and scope["path"] in OPEN_TO_ANY_ORIGIN:
                    extra.append((b"access-control-allow-origin", b"*"))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        try:
            await self.app(scope, self._limit_json_body(scope, receive), send_with_headers)
        except BodyTooLarge as exc:
            if started_response:
                raise
            response = problem_response(
                Request(scope),
                status=413,
                slug="body-te-groot",
                title="Het verzoek is te groot.",
                detail=f"Een JSON-body mag hoogstens {exc.limit} bytes zijn.",
            )
            await response(scope, receive, send_with_headers)
        except Exception as exc:
            # Answered here, once, as a problem: re-raised, the server would log the error's
            # text (which may quote personal data) and answer a bare 500.
            if started_response:
                raise
            response = error_response(Request(scope), exc)
            await response(scope, receive, send_with_headers)
        finally:
            template = self._route_template(scope)
            REQUESTS.labels(self.service, scope["method"], template, str(status)).inc()
            LATENCY.labels(self.service, scope["method"], template).observe(
                time.perf_counter() - started
            )
            request_id_var.reset(request_token)
            if current is not None:
                current.update_name(f"{scope['method']} {template}")
                current.set_attribute("http.route", template)
                current.set_attribute("http.response.status_code", status)

    @staticmethod
    def _route_template(scope: Scope) -> str:
        """The matched route's path template: a bounded metric label without ids or codes."""
        template = getattr(scope.get("route"), "path", None)
        if not isinstance(template, str):
            return "unmatched"
        # Routes of the /api/v1 router report their path without the router's own prefix.
        if scope["path"].startswith(API_PREFIX) and not template.startswith(API_PREFIX):
            template = API_PREFIX + template
        return template


def create_service_app(
    settings: CommonSettings,
    *,
    title: str,
    description: str,
    routers: Sequence[ApiRouter],
    consumers: Sequence[ConsumerSpec] = (),
    background: Sequence[BackgroundTask] = (),
) -> FastAPI:
    """A service's app: `routers` are mounted under /api/v1 and all require a bearer token."""
    configure_logging(settings.service_name, settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        exporter = (
            start_exporting(settings.service_name, settings.otlp_endpoint)
            if settings.otlp_endpoint
            else None
        )
        runtime = Runtime(settings, consumers, [operations_monitor, *background])
        app.state.runtime = runtime
        app.state.sessionmaker = runtime.sessionmaker
        app.state.token_verifier = TokenVerifier(settings)
        await runtime.start()
        freeze_startup_objects()
        log.info("service_started", extra={"port": settings.port})
        try:
            yield
        finally:
            await runtime.stop()
            if exporter is not None:
                stop_exporting(exporter)
            log.info("service_stopped")

    app = FastAPI(
        title=title,
        description=description,
        version=settings.api_version,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        redirect_slashes=False,
        lifespan=lifespan,
        license_info={"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        separate_input_output_schemas=False,
    )
    install_problem_handlers(app)
    _publish_nlgov_openapi(app)
    app.add_middleware(
        ApiMiddleware,
        service=settings.service_name,
        api_version=settings.api_version,
        max_json_body_bytes=settings.max_json_body_bytes,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["Link", "API-Version"],
        )
    # Each router is included into the app itself, not through one /api/v1 router: FastAPI tries
    # an included router's routes again at every level of inclusion (docs/benchmarks.md).
    for router in (*routers, operations_router, console_api):
        app.include_router(
            router,
            prefix=API_PREFIX,
            dependencies=[Depends(current_principal)],
            responses=ERROR_RESPONSES,
        )
    app.include_router(_health_router())
    app.include_router(console_page)
    return app


def _health_router() -> ApiRouter:
    router = ApiRouter(include_in_schema=False)

    @router.get("/health/live")
    async def live() -> dict[str, str]:
        return {"status": "up"}

    @router.get("/health/ready")
    async def ready(request: Request) -> Response:
        runtime: Runtime = request.app.state.runtime
        checks = {
            "database": "up" if await runtime.database_ready() else "down",
            "kafka": "up" if await runtime.kafka_ready() else "down",
        }
        if all(v == "up" for v in checks.values()):
            return JSONResponse({"status": "up", "checks": checks})
        down = ", ".join(k for k, v in checks.items() if v != "up")
        response = problem_response(
            request,
            status=503,
            slug="niet-gereed",
            title="De dienst is niet gereed.",
            detail=f"Niet bereikbaar: {down}.",
        )
        return response

    @router.get(f"{API_PREFIX}/asyncapi.json")
    async def asyncapi() -> dict[str, Any]:
        return asyncapi_document()

    @router.get("/metrics")
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router


def _publish_nlgov_openapi(app: FastAPI) -> None:
    """The document FastAPI builds, rewritten once by `nlgov_document` (wmo_common.openapi)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = nlgov_document(build(), api_prefix=API_PREFIX)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

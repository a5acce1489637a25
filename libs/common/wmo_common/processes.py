"""The processes of a service, from one image: `python -m wmo_common.processes ROLE --service SVC`.

- `api`: the HTTP API (`PROCESS_ROLE=api`), as uvicorn serves it;
- `worker`: the outbox relay and the consumers (`PROCESS_ROLE=worker`);
- `scheduler`: the periodic work and retention (`PROCESS_ROLE=scheduler`);
- `all`: all of it in one process, as `make run` does.

A worker or scheduler serves no API: only `/health/live`, `/health/ready` (its database and
Kafka) and `/metrics` on `--port`, for the probes and Prometheus. It builds the service's app
with `wmo_<svc>.main.create_app` and runs that app's lifespan, so it runs exactly the runtime
the service declares (its consumers and background work), under the role's rules (`Runtime`).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Literal, cast

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from wmo_common.runtime import Runtime
from wmo_common.settings import CommonSettings

Role = Literal["all", "api", "worker", "scheduler"]
ROLES: tuple[Role, ...] = ("all", "api", "worker", "scheduler")


def service_settings(service: str, role: Role) -> CommonSettings:
    """The service's settings from the environment, with this process's role."""
    module = importlib.import_module(f"wmo_{service}.settings")
    settings: CommonSettings = module.Settings(process_role=role)
    return settings


def service_app(service: str, settings: CommonSettings) -> FastAPI:
    module = importlib.import_module(f"wmo_{service}.main")
    app: FastAPI = module.create_app(settings)
    return app


def operations_app(service: FastAPI) -> FastAPI:
    """The probes and metrics of a process without API: it runs `service`'s lifespan (and so its
    runtime) and answers /health/live, /health/ready and /metrics only."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with service.router.lifespan_context(service):
            app.state.runtime = service.state.runtime
            yield

    app = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/health/live")
    async def live() -> dict[str, str]:
        return {"status": "up"}

    @app.get("/health/ready")
    async def ready(request: Request) -> Response:
        runtime: Runtime = request.app.state.runtime
        checks = {
            "database": "up" if await runtime.database_ready() else "down",
            "kafka": "up" if await runtime.kafka_ready() else "down",
        }
        up = all(value == "up" for value in checks.values())
        return JSONResponse(
            {"status": "up" if up else "down", "checks": checks}, status_code=200 if up else 503
        )

    @app.get("/metrics")
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return app


def build(service: str, role: Role) -> tuple[FastAPI, CommonSettings]:
    """The ASGI app this process serves, and its settings."""
    settings = service_settings(service, role)
    app = service_app(service, settings)
    return (app if role in ("all", "api") else operations_app(app)), settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wmo_common.processes", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("role", choices=ROLES)
    parser.add_argument("--service", required=True, help="access, contracting, providers, ...")
    parser.add_argument("--host", default=None, help="default: the HOST setting")
    parser.add_argument("--port", type=int, default=None, help="default: the PORT setting")
    args = parser.parse_args(argv)
    try:
        app, settings = build(args.service, cast(Role, args.role))
    except ModuleNotFoundError as exc:
        parser.error(f"no service named {args.service!r} ({exc.name} is missing)")
    uvicorn.run(
        app,
        host=args.host or settings.host,
        port=args.port or settings.port,
        access_log=False,
        log_config=None,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The operations console: one page, served by every service, that shows the whole suite.

The page is static; it asks for a bearer token (role `operations`) and calls this service's
`/api/v1/operations/suite`, which gathers health, flow and dead letters from the five services
with the caller's own token. Nothing on it names a client.
"""

from __future__ import annotations

import asyncio
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

import httpx
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from pydantic import Field

from wmo_common.auth import Principal, Role, require_roles
from wmo_common.operations import DeadLetterRead, ReplayResult
from wmo_common.problems import BadRequest
from wmo_common.routing import ApiRouter
from wmo_common.schema import CamelModel
from wmo_common.settings import CommonSettings

# Figures a service adds to the console: panel name -> path on that service.
PANELS = {
    "gateway": {
        "termijnstanden": "/api/v1/termijnstanden",
        "retourcodeTellingen": "/api/v1/retourcode-tellingen",
    }
}
Operator = Annotated[Principal, Depends(require_roles(Role.OPERATIONS))]
page_router = ApiRouter(include_in_schema=False)
api_router = ApiRouter(prefix="/operations/suite", tags=["operations"])


class ServiceView(CamelModel):
    service: str
    url: str
    ready: bool
    checks: dict[str, str] = Field(default_factory=dict)
    status: dict[str, Any] | None = None
    dead_letters: list[dict[str, Any]] = Field(default_factory=list)
    panels: dict[str, Any] = Field(
        default_factory=dict, description="A service's own operations figures, by panel name."
    )
    error: str | None = None


class SuiteView(CamelModel):
    services: list[ServiceView]


class SuiteReplay(CamelModel):
    service: str
    dlq_id: str | None = None


class SuiteDiscard(CamelModel):
    service: str
    dlq_id: str
    reden: str = Field(min_length=3, max_length=150)


async def _settings(request: Request) -> CommonSettings:
    settings: CommonSettings = request.app.state.runtime.settings
    return settings


Settings = Annotated[CommonSettings, Depends(_settings)]


async def _view(
    client: httpx.AsyncClient, service: str, url: str, authorization: str
) -> ServiceView:
    headers = {"Authorization": authorization}
    try:
        ready = await client.get(f"{url}/health/ready")
        view = ServiceView(
            service=service,
            url=url,
            ready=ready.status_code == 200,
            checks=ready.json().get("checks", {}) if ready.status_code == 200 else {},
        )
        status = await client.get(f"{url}/api/v1/operations/status", headers=headers)
        if status.status_code == 200:
            view.status = status.json()
        letters = await client.get(f"{url}/api/v1/operations/dead-letters", headers=headers)
        if letters.status_code == 200:
            view.dead_letters = letters.json()
        for panel, path in PANELS.get(service, {}).items():
            answer = await client.get(f"{url}{path}", headers=headers)
            if answer.status_code == 200:
                view.panels[panel] = answer.json()
        return view
    except httpx.HTTPError as exc:
        return ServiceView(
            service=service, url=url, ready=False, error=f"niet bereikbaar ({type(exc).__name__})"
        )


@api_router.get("", response_model=SuiteView)
async def get_suite(request: Request, settings: Settings, _: Operator) -> SuiteView:
    """Gezondheid, eventstroom en dead letters van alle vijf diensten in één overzicht."""
    authorization = request.headers["authorization"]
    async with httpx.AsyncClient(timeout=10) as client:
        views = await asyncio.gather(
            *(
                _view(client, service, url, authorization)
                for service, url in settings.suite_urls.items()
            )
        )
    return SuiteView(services=list(views))


async def _forward(request: Request, url: str, body: dict[str, Any]) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=60) as client:
        response = await client.post(
            url, json=body, headers={"Authorization": request.headers["authorization"]}
        )
    if not response.is_success:
        raise BadRequest(f"De dienst weigerde ({response.status_code}).")
    result: dict[str, Any] = response.json()
    return result


def _service_url(settings: CommonSettings, service: str) -> str:
    url = settings.suite_urls.get(service)
    if url is None:
        raise BadRequest(f"Onbekende dienst: {service}.")
    return url


@api_router.post("/dead-letters/_replay", response_model=ReplayResult)
async def replay_in_suite(
    body: SuiteReplay, request: Request, settings: Settings, _: Operator
) -> dict[str, Any]:
    """Laat de genoemde dienst één of alle open dead letters opnieuw verwerken."""
    url = _service_url(settings, body.service)
    return await _forward(
        request,
        f"{url}/api/v1/operations/dead-letters/_replay",
        {"dlqId": body.dlq_id} if body.dlq_id else {},
    )


@api_router.post("/dead-letters/_verwerp", response_model=DeadLetterRead)
async def discard_in_suite(
    body: SuiteDiscard, request: Request, settings: Settings, _: Operator
) -> dict[str, Any]:
    """Laat de genoemde dienst één open dead letter verwerpen, met reden (geaudit)."""
    url = _service_url(settings, body.service)
    return await _forward(
        request,
        f"{url}/api/v1/operations/dead-letters/{quote(body.dlq_id, safe='')}/verwerpingen",
        {"reden": body.reden},
    )


@page_router.get("/operations", response_class=HTMLResponse)
async def console_page() -> HTMLResponse:
    page = resources.files("wmo_common").joinpath("console.html").read_text(encoding="utf-8")
    # The page runs its own inline script and styles, and nothing from elsewhere.
    csp = (
        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src 'self' data:; frame-ancestors 'none'"
    )
    return HTMLResponse(page, headers={"Content-Security-Policy": csp})

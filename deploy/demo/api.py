"""The demo's HTTP client: one development token per role, and waiting for what crosses
Kafka."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from deploy.stack.profiles import api_url, suite_urls_from_env
from wmo_common.auth import mint_token
from wmo_common.settings import CommonSettings

ACCESS, CONTRACTING, PROVIDERS, FINANCE = (
    api_url(service) for service in ("access", "contracting", "providers", "finance")
)
CONCURRENCY = 12


class Api:
    """One httpx client with a development token per role."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        settings = CommonSettings()
        self.headers = {
            role: {"Authorization": f"Bearer {mint_token(settings, subject='demo', roles=[role])}"}
            for role in ("consultant", "contract-manager", "controller")
        }

    async def call(
        self, method: str, url: str, role: str, body: object = None, **headers: str
    ) -> httpx.Response:
        return await self.client.request(
            method, url, json=body, headers=self.headers[role] | headers
        )

    async def ok(self, method: str, url: str, role: str, body: object = None) -> Any:
        response = await self.call(method, url, role, body)
        if response.status_code not in (200, 201):
            raise SystemExit(f"[demo] {method} {url}: {response.status_code} {response.text[:400]}")
        return response.json()

    async def create(self, url: str, role: str, body: object, *, exists: str) -> None:
        """POST; the `exists` conflict (it is there already) is fine too."""
        response = await self.call("POST", url, role, body)
        if response.status_code == 409 and slug(response) == exists:
            return
        if response.status_code not in (200, 201):
            raise SystemExit(f"[demo] POST {url}: {response.status_code} {response.text[:400]}")

    async def all(self, url: str, role: str, **params: str) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = []
        page = 1
        while True:
            query = httpx.QueryParams(params | {"page": str(page), "pageSize": "100"})
            body = await self.ok("GET", f"{url}?{query}", role)
            results += body["results"]
            if len(results) >= body["count"] or not body["results"]:
                return results
            page += 1


def slug(response: httpx.Response) -> str:
    return str(response.json().get("type", "")).rsplit("/", 1)[-1]


def say(text: str) -> None:
    print(f"[demo] {text}", flush=True)


async def eventually(
    what: str, attempt: Callable[[], Awaitable[Any]], timeout: float = 120.0
) -> Any:
    """Retry `attempt()` until it returns something: another service's read model catches up
    through Kafka a moment after the change. The first retries come quickly (an event usually
    takes a fraction of a second), later ones once a second."""
    deadline = time.monotonic() + timeout
    pause = 0.05
    while True:
        result = await attempt()
        if result:
            return result
        if time.monotonic() > deadline:
            raise SystemExit(f"[demo] waited {timeout:.0f}s for {what}")
        await asyncio.sleep(pause)
        pause = min(pause * 2, 1.0)


async def services_ready(client: httpx.AsyncClient, timeout: float = 120.0) -> None:
    """Wait until every service of the suite answers /health/ready (the stack starts the demo
    while they start)."""

    async def ready(url: str) -> bool:
        try:
            return (await client.get(f"{url}/health/ready", timeout=2)).status_code == 200
        except httpx.HTTPError:
            return False

    async def all_ready() -> bool:
        answers = await asyncio.gather(*(ready(url) for url in suite_urls_from_env().values()))
        return all(answers)

    await eventually("the services to be ready", all_ready, timeout)

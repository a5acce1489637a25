from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.types import Scope

from wmo_common.routing import ApiRouter

tried: list[str] = []


class CountedRoute(APIRoute):
    """A route that notes each time FastAPI tries it against a request."""

    def matches(self, scope: Scope) -> tuple[object, Scope]:  # type: ignore[override]
        tried.append(self.path)
        return super().matches(scope)


def service() -> tuple[FastAPI, ApiRouter]:
    """Three routers under /api/v1 as a service includes them: one with a prefix, one whose
    routes each have their own beginning (returned with the app), one whose route starts with
    a parameter."""
    toewijzingen = ApiRouter(prefix="/toewijzingen", route_class=CountedRoute)
    termijnen = ApiRouter(route_class=CountedRoute)
    vrij = ApiRouter(route_class=CountedRoute)

    @toewijzingen.get("")
    async def list_toewijzingen() -> list[str]:
        return []

    @toewijzingen.get("/{toewijzing_id}")
    async def read_toewijzing(toewijzing_id: str) -> dict[str, str]:
        return {"id": toewijzing_id}

    @termijnen.get("/clienten/{client_id}/termijnen")
    async def list_termijnen(client_id: str) -> list[str]:
        return [client_id]

    @termijnen.get("/termijnen/{termijn_id}")
    async def read_termijn(termijn_id: str) -> dict[str, str]:
        return {"id": termijn_id}

    @vrij.get("/{naam}/vrij")
    async def read_vrij(naam: str) -> dict[str, str]:
        return {"naam": naam}

    app = FastAPI()
    for router in (toewijzingen, termijnen, vrij):
        app.include_router(router, prefix="/api/v1")
    return app, termijnen


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    app, _ = service()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://proef") as client:
        yield client


async def test_a_request_does_not_try_the_routes_of_routers_it_cannot_belong_to(
    client: httpx.AsyncClient,
) -> None:
    tried.clear()
    response = await client.get("/api/v1/termijnen/t1")

    assert response.json() == {"id": "t1"}
    assert not any(path.startswith("/toewijzingen") for path in tried)


async def test_every_route_is_still_found_where_its_router_is_included(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.get("/api/v1/toewijzingen")).json() == []
    assert (await client.get("/api/v1/toewijzingen/t1")).json() == {"id": "t1"}
    assert (await client.get("/api/v1/clienten/c1/termijnen")).json() == ["c1"]
    assert (await client.get("/api/v1/termijnen/t2")).json() == {"id": "t2"}
    assert (await client.get("/api/v1/iets/vrij")).json() == {"naam": "iets"}


async def test_a_known_path_with_another_method_is_still_405_and_an_unknown_one_404(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.post("/api/v1/toewijzingen/t1")).status_code == 405
    assert (await client.get("/api/v1/nergens")).status_code == 404


async def test_a_route_added_after_the_first_request_is_found() -> None:
    app, termijnen = service()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://proef") as client:
        assert (await client.get("/api/v1/termijnen/t1")).status_code == 200

        @termijnen.get("/wachtlijsten/later")
        async def later() -> list[str]:
            return ["later"]

        assert (await client.get("/api/v1/wachtlijsten/later")).json() == ["later"]

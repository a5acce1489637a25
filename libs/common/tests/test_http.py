import asyncio
import gc
import io
import logging
import re
import time
import weakref
from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated

import httpx
import jwt
import pytest
from fastapi import Depends, FastAPI, Request, Response
from pydantic import Field, field_validator
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from wmo_common.auth import Principal, Role, ensure_own_agb, mint_token, require_roles
from wmo_common.db import DbSession
from wmo_common.http import create_service_app
from wmo_common.logging import JsonFormatter
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.privacy import is_valid_bsn
from wmo_common.routing import ApiRouter
from wmo_common.schema import CamelModel
from wmo_common.settings import CommonSettings
from wmo_testing.events import proef_settings

router = ApiRouter(prefix="/proeven", tags=["proeven"])


class ProefCreate(CamelModel):
    bsn: str
    geboortedatum: date
    aantal_uren: int = Field(ge=1, le=40)

    @field_validator("bsn")
    @classmethod
    def _bsn(cls, value: str) -> str:
        if not is_valid_bsn(value):
            raise ValueError("geen geldig BSN (11-proef)")
        return value


Consultant = Annotated[Principal, Depends(require_roles(Role.CONSULTANT))]
Aanbieder = Annotated[Principal, Depends(require_roles(Role.PROVIDER, Role.OPERATIONS))]


@router.post("")
async def create_proef(body: ProefCreate, _: Consultant) -> dict[str, int]:
    """Maak een proef."""
    logging.getLogger("proef").info("proef_ontvangen bsn=%s", body.bsn)
    return {"aantalUren": body.aantal_uren}


@router.get("", response_model=Page[ProefCreate])
async def list_proeven(
    request: Request, response: Response, paging: Paging, _: Consultant
) -> Page[ProefCreate]:
    """Lees de proeven, per pagina."""
    return paginate(request, response, [], 0, paging)


@router.get("/aanbieders/{agb}")
async def read_for_aanbieder(agb: str, principal: Aanbieder) -> dict[str, str]:
    """Lees gegevens van één aanbieder."""
    ensure_own_agb(principal, agb)
    return {"agb": agb}


waiting = asyncio.Event()
held: list[AsyncConnection] = []


@router.get("/wachtend")
async def wait_holding_a_connection(session: DbSession, _: Consultant) -> None:
    """Take a connection and wait until cancelled."""
    held.append(await session.connection())
    waiting.set()
    await asyncio.Event().wait()


@pytest.fixture(scope="module")
async def app(engine: AsyncEngine) -> AsyncIterator[FastAPI]:
    """The proef service, on the library's database (made by `engine`, also when this module
    runs alone)."""
    settings = proef_settings()
    application = create_service_app(settings, title="proef", description="proef", routers=[router])
    async with application.router.lifespan_context(application):
        await application.state.runtime.wait_ready()
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        yield client


def bearer(*roles: str, agb: str | None = None, **claims: object) -> dict[str, str]:
    token = mint_token(CommonSettings(), subject="tester", roles=list(roles), agb=agb)
    if claims:
        payload = jwt.decode(token, options={"verify_signature": False})
        token = jwt.encode({**payload, **claims}, CommonSettings().jwt_secret, algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


PROBLEM = {"$ref": "#/components/schemas/ProblemDetail"}
VALID = {"bsn": "123456782", "geboortedatum": "1950-05-17", "aantalUren": 4}


async def test_no_token_is_a_401_problem(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/proeven", json=VALID)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    assert body["instance"] == "/api/v1/proeven"


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer not-a-jwt"},
        {"Authorization": "Basic dXNlcjpwdw=="},
        bearer("consultant", exp=int(time.time()) - 10),
        bearer("consultant", aud="another-audience"),
        bearer("provider"),  # a provider token must name its AGB code
    ],
    ids=["garbage", "basic-auth", "expired", "wrong-audience", "provider-without-agb"],
)
async def test_an_unusable_token_is_a_401(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    response = await client.post("/api/v1/proeven", json=VALID, headers=headers)
    assert response.status_code == 401


async def test_a_token_signed_with_another_secret_is_a_401(client: httpx.AsyncClient) -> None:
    forged = jwt.encode(
        {
            "sub": "x",
            "roles": ["consultant"],
            "exp": int(time.time()) + 60,
            "iss": "wmo-suite-dev",
            "aud": "wmo-suite",
        },
        "another-secret-of-32-bytes-long!",
        algorithm="HS256",
    )
    response = await client.post(
        "/api/v1/proeven", json=VALID, headers={"Authorization": f"Bearer {forged}"}
    )
    assert response.status_code == 401


async def test_the_wrong_role_is_a_403(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/proeven", json=VALID, headers=bearer("controller"))
    assert response.status_code == 403
    assert response.json()["type"].endswith("/geen-toegang")


async def test_a_provider_cannot_read_another_providers_data(client: httpx.AsyncClient) -> None:
    own = bearer("provider", agb="12345678")
    assert (await client.get("/api/v1/proeven/aanbieders/12345678", headers=own)).status_code == 200
    assert (await client.get("/api/v1/proeven/aanbieders/87654321", headers=own)).status_code == 403
    operations = bearer("operations")
    assert (
        await client.get("/api/v1/proeven/aanbieders/87654321", headers=operations)
    ).status_code == 200


async def test_invalid_input_is_a_400_listing_every_problem_without_echoing_values(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/v1/proeven",
        json={"bsn": "123456789", "geboortedatum": "17-05-1950", "aantalUren": 99},
        headers=bearer("consultant"),
    )
    assert response.status_code == 400
    body = response.json()
    assert {p["name"] for p in body["invalidParams"]} == {"bsn", "geboortedatum", "aantalUren"}
    assert all(p["code"] and p["reason"] for p in body["invalidParams"])
    assert "123456789" not in response.text


async def test_a_body_that_is_not_json_is_a_400(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/proeven",
        content=b"{bsn:",
        headers={**bearer("consultant"), "content-type": "application/json"},
    )
    assert response.status_code == 400


async def test_a_trailing_slash_is_a_404_not_a_redirect(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/proeven/", json=VALID, headers=bearer("consultant"))
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_every_response_carries_the_api_version_and_security_headers(
    client: httpx.AsyncClient,
) -> None:
    for response in (
        await client.post("/api/v1/proeven", json=VALID, headers=bearer("consultant")),
        await client.get("/api/v1/bestaat-niet"),
        await client.get("/health/live"),
    ):
        assert response.headers["api-version"] == "1.0.0"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["strict-transport-security"].startswith("max-age=")
        assert response.headers["traceparent"].startswith("00-")


async def test_a_caller_trace_id_is_continued(client: httpx.AsyncClient) -> None:
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    response = await client.get(
        "/health/live", headers={"traceparent": f"00-{trace_id}-00f067aa0ba902b7-01"}
    )
    assert response.headers["traceparent"].split("-")[1] == trace_id


async def test_each_request_without_a_trace_starts_its_own_well_formed_one(
    client: httpx.AsyncClient,
) -> None:
    traceparents = [(await client.get("/health/live")).headers["traceparent"] for _ in range(20)]
    for traceparent in traceparents:
        _, trace_id, span_id, _ = traceparent.split("-")
        assert re.fullmatch(r"00-[0-9a-f]{32}-[0-9a-f]{16}-01", traceparent)
        assert trace_id != "0" * 32  # W3C: an all-zero id is invalid
        assert span_id != "0" * 16
    assert len({t.split("-")[1] for t in traceparents}) == 20


async def test_the_openapi_document_is_public_and_declares_errors(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["contact"]["name"] == "wmo-suite"
    assert [server["url"] for server in document["servers"]] == ["/api/v1"]
    operation = document["paths"]["/proeven"]["post"]
    assert {"400", "401", "403", "413", "503"} <= set(operation["responses"])
    for status in ("400", "413", "503"):
        body = operation["responses"][status]["content"]
        assert body == {"application/problem+json": {"schema": PROBLEM}}


async def test_the_openapi_document_declares_the_headers_every_response_sends(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/api/v1/openapi.json")).json()
    declared = document["components"]["headers"]
    assert set(declared) >= {"API-Version", "Link"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                version = answer["headers"]["API-Version"]
                assert version == {"$ref": "#/components/headers/API-Version"}, (
                    method,
                    path,
                    status,
                )
    page = document["paths"]["/proeven"]["get"]["responses"]["200"]
    assert page["headers"]["Link"] == {"$ref": "#/components/headers/Link"}
    assert "Link" not in document["paths"]["/proeven"]["post"]["responses"]["200"]["headers"]
    listed = await client.get("/api/v1/proeven", headers=bearer("consultant"))
    assert listed.headers["api-version"] == document["info"]["version"]
    assert 'rel="first"' in listed.headers["link"]


async def test_the_openapi_document_names_its_schemas_and_tags_for_code_generators(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/api/v1/openapi.json")).json()
    schemas = document["components"]["schemas"]
    assert "PageProefCreate" in schemas
    assert all(name.isalnum() and name[0].isupper() for name in schemas), sorted(schemas)
    used = {tag for ops in document["paths"].values() for op in ops.values() for tag in op["tags"]}
    assert {tag["name"] for tag in document["tags"]} == used
    assert document["info"]["contact"]["email"]
    scheme = document["components"]["securitySchemes"]["bearerAuth"]
    assert scheme["scheme"] == "bearer"
    assert document["paths"]["/proeven"]["post"]["security"] == [{"bearerAuth": []}]
    assert document["paths"]["/openapi.json"]["get"]["security"] == []


@pytest.mark.parametrize("document", ["openapi.json", "asyncapi.json"])
async def test_a_page_on_any_origin_can_read_the_contract_documents(
    client: httpx.AsyncClient, document: str
) -> None:
    response = await client.get(f"/api/v1/{document}", headers={"Origin": "https://elders.example"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"


async def test_the_other_routes_stay_closed_to_other_origins(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/api/v1/proeven",
        headers={**bearer("consultant"), "Origin": "https://elders.example"},
    )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


async def test_health_reports_database_and_kafka(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health/live")).json() == {"status": "up"}
    ready = await client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "up", "kafka": "up"}


async def test_metrics_count_requests_by_route_template(client: httpx.AsyncClient) -> None:
    await client.get("/api/v1/proeven/aanbieders/12345678", headers=bearer("operations"))
    metrics = (await client.get("/metrics")).text
    assert 'route="/api/v1/proeven/aanbieders/{agb}"' in metrics
    assert "12345678" not in metrics


async def test_no_log_line_contains_a_bsn(client: httpx.AsyncClient) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("proef"))
    logging.getLogger().addHandler(handler)
    try:
        response = await client.post("/api/v1/proeven", json=VALID, headers=bearer("consultant"))
        assert response.status_code == 200
    finally:
        logging.getLogger().removeHandler(handler)
    output = stream.getvalue()
    assert "proef_ontvangen" in output
    assert "123456782" not in output
    assert "*******82" in output


async def test_a_started_service_keeps_its_startup_objects_out_of_full_collections() -> None:
    """Full collections traverse only what the service made after it started (issue 22); what
    it makes later is still collected, cycles included."""
    made_before = ["startup"]
    application = create_service_app(
        proef_settings(), title="proef", description="proef", routers=[router]
    )
    try:
        async with application.router.lifespan_context(application):
            made_after = ["request"]
            tracked = gc.get_objects()
            assert not any(o is made_before for o in tracked)
            assert any(o is made_after for o in tracked)

            class Node:
                other: object = None

            first, second = Node(), Node()
            first.other, second.other = second, first
            gone = weakref.ref(first)
            del first, second
            gc.collect()
            assert gone() is None
    finally:
        gc.unfreeze()


async def test_a_cancelled_request_gives_its_database_connection_back(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://proef") as client:
        waiting.clear()
        request = asyncio.create_task(
            client.get("/api/v1/proeven/wachtend", headers=bearer("consultant"))
        )
        await asyncio.wait_for(waiting.wait(), timeout=10)
        connection = held.pop()
        assert connection.in_transaction()
        request.cancel()
        with pytest.raises(asyncio.CancelledError):
            await request
    assert connection.closed

"""Hostile and careless input gets a clear problem, never a 500, and no personal data reaches a
log line, whatever fails (one mechanism in wmo_common for every service)."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import Field, TypeAdapter, ValidationError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from wmo_common.auth import mint_token
from wmo_common.db import DbSession
from wmo_common.dependencies import IfMatch
from wmo_common.http import create_service_app
from wmo_common.logging import JsonFormatter, mask_bsn
from wmo_common.query import Tijdstip
from wmo_common.routing import ApiRouter
from wmo_common.schema import CamelModel
from wmo_common.settings import CommonSettings
from wmo_testing.events import proef_settings
from wmo_testing.harness import database_url_for

router = ApiRouter(prefix="/proeven", tags=["proeven"])


class ClientProef(CamelModel):
    voornamen: str
    telefoon: list[str] = Field(default_factory=list)


@router.post("")
async def create_proef(body: ClientProef) -> dict[str, str]:
    """Maak een proef."""
    return {"voornamen": body.voornamen}


@router.post("/_opslaan")
async def store_raw(session: DbSession, waarde: str) -> dict[str, str]:
    """Geef een waarde ongecontroleerd aan de database (zoals een vergeten validatie zou doen)."""
    await session.execute(text("SELECT CAST(:waarde AS text)"), {"waarde": waarde})
    return {}


@router.post("/_dubbel")
async def store_twice(session: DbSession) -> dict[str, str]:
    """Schend een uniciteitsregel van de database."""
    await session.execute(text("CREATE TEMP TABLE uniek (naam text PRIMARY KEY)"))
    await session.execute(text("INSERT INTO uniek VALUES ('Johanna de Vries')"))
    await session.execute(text("INSERT INTO uniek VALUES ('Johanna de Vries')"))
    return {}


@router.put("/_versie")
async def change_version(versie: IfMatch) -> dict[str, int]:
    """Wijzig op een gelezen versie."""
    return {"versie": versie}


def settings_for(database_url: str) -> CommonSettings:
    return proef_settings(
        database_url=database_url,
        max_json_body_bytes=10_000,
    )


@pytest.fixture(scope="module")
async def app() -> AsyncIterator[FastAPI]:
    application = create_service_app(
        settings_for(database_url_for("common")),
        title="proef",
        description="proef",
        routers=[router],
    )
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI, engine: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
        base_url="http://testserver",
        headers=bearer(),
    ) as client:
        yield client


@pytest.fixture
def logged() -> Iterator[io.StringIO]:
    """Everything any logger writes during the test, as the services format it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("proef"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def bearer() -> dict[str, str]:
    token = mint_token(CommonSettings(), subject="tester", roles=["consultant"])
    return {"Authorization": f"Bearer {token}"}


async def test_a_nul_character_in_a_text_field_is_a_400_that_names_the_field(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/api/v1/proeven", json={"voornamen": "Jo\u0000hanna"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["voornamen"]
    nested = await client.post(
        "/api/v1/proeven", json={"voornamen": "Jo", "telefoon": ["06\u000012"]}
    )
    assert nested.status_code == 400


async def test_a_value_the_database_refuses_is_a_400_and_its_text_is_not_logged(
    client: httpx.AsyncClient, logged: io.StringIO
) -> None:
    response = await client.post(
        "/api/v1/proeven/_opslaan", params={"waarde": "Johanna\u0000 woont op de Spoorlaan"}
    )
    assert response.status_code == 400
    assert response.json()["type"].endswith("/ongeldige-invoer")
    assert "Johanna" not in logged.getvalue()
    assert "Spoorlaan" not in logged.getvalue()


async def test_a_duplicate_the_database_refuses_is_a_409_and_its_values_are_not_logged(
    client: httpx.AsyncClient, logged: io.StringIO
) -> None:
    response = await client.post("/api/v1/proeven/_dubbel")
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert "Johanna" not in response.text
    assert "Johanna" not in logged.getvalue()


async def test_while_the_database_is_away_the_api_answers_503_with_retry_after() -> None:
    # Port 9 (discard) has no PostgreSQL: every connection is refused, as in an outage.
    application = create_service_app(
        settings_for("postgresql+asyncpg://postgres@127.0.0.1:9/nergens"),
        title="proef",
        description="proef",
        routers=[router],
    )
    async with (
        application.router.lifespan_context(application),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=application, raise_app_exceptions=False),
            base_url="http://testserver",
            headers=bearer(),
        ) as client,
    ):
        response = await client.post("/api/v1/proeven/_opslaan", params={"waarde": "x"})
    assert response.status_code == 503
    assert response.headers["retry-after"].isdigit()
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_method_that_is_not_allowed_answers_405_with_the_allowed_methods(
    client: httpx.AsyncClient,
) -> None:
    response = await client.delete("/api/v1/proeven")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


async def test_a_json_body_over_the_limit_is_refused_with_413_before_it_is_read(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/api/v1/proeven", json={"voornamen": "x" * 20_000})
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


async def test_an_invalid_token_is_refused_without_naming_the_check_that_failed(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/v1/proeven",
        json={"voornamen": "x"},
        headers={"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.e30.bogus"},
    )
    assert response.status_code == 401
    assert "Error" not in response.json()["detail"]


def test_the_log_mask_keeps_uuids_whole_and_still_masks_a_bsn() -> None:
    uuid_with_nine_digits = "0b1e7c52-3f0a-4c55-9d1e-123456789abc"
    assert mask_bsn(f"client_id {uuid_with_nine_digits}") == f"client_id {uuid_with_nine_digits}"
    assert mask_bsn(f"{uuid_with_nine_digits} bsn=123456782") == (
        f"{uuid_with_nine_digits} bsn=*******82"
    )


async def test_a_malformed_if_match_is_a_400_and_a_missing_one_a_428(
    client: httpx.AsyncClient,
) -> None:
    malformed = await client.put("/api/v1/proeven/_versie", headers={"If-Match": '"abc"'})
    assert malformed.status_code == 400
    assert [p["name"] for p in malformed.json()["invalidParams"]] == ["If-Match"]
    assert (await client.put("/api/v1/proeven/_versie")).status_code == 428
    ok = await client.put("/api/v1/proeven/_versie", headers={"If-Match": 'W/"3"'})
    assert ok.json() == {"versie": 3}


def test_a_date_time_query_value_is_an_rfc3339_instant_with_its_offset_and_nothing_else() -> None:
    instants = TypeAdapter(Tijdstip)
    assert instants.validate_python("2026-12-06T09:00:00+01:00").utcoffset() is not None
    for number_or_naive in ("0", "1733475600", "2026-12-06", "2026-12-06T09:00:00"):
        with pytest.raises(ValidationError):
            instants.validate_python(number_or_naive)

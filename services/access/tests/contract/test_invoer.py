import httpx
import pytest

from wmo_access.settings import Settings
from wmo_testing.harness import ServiceHarness

DATE_QUERIES = [("/api/v1/meldingen", "peildatum"), ("/api/v1/aanvragen", "peildatum")]


@pytest.mark.parametrize(("path", "name"), DATE_QUERIES)
@pytest.mark.parametrize("value", ["0", "1700000000", "2026-1-5", "2026-02-30", "2026-01-05T00:00"])
async def test_a_date_query_parameter_takes_only_a_calendar_date_as_yyyy_mm_dd(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], path: str, name: str, value: str
) -> None:
    response = await client.get(path, params={name: value}, headers=harness.headers("consultant"))
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == [name]


@pytest.mark.parametrize(("path", "name"), DATE_QUERIES)
async def test_a_date_query_parameter_in_iso_form_is_accepted(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], path: str, name: str
) -> None:
    response = await client.get(
        path,
        params={name: "2026-02-28", "termijnOverschreden": "true"},
        headers=harness.headers("consultant"),
    )
    assert response.status_code == 200, response.text


async def test_every_operation_that_needs_if_match_declares_412_and_428(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/api/v1/openapi.json")).json()
    with_if_match = {
        (method, path): operation["responses"]
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if any(p["name"] == "If-Match" for p in operation.get("parameters", []))
    }
    assert any(
        method == "post" and path.endswith("/toewijzingen/{toewijzingId}/beeindigingen")
        for method, path in with_if_match
    )
    assert len(with_if_match) >= 5
    for responses in with_if_match.values():
        assert {"412", "428"} <= set(responses)
        assert "application/problem+json" in responses["428"]["content"]

from typing import Any

import httpx
import pytest
from sqlalchemy.exc import IntegrityError

from wmo_finance.budgetten.models import Budget
from wmo_finance.settings import Settings
from wmo_testing.harness import ServiceHarness


async def create(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], **overrides: Any
) -> httpx.Response:
    body: dict[str, Any] = {
        "jaar": 2026,
        "segmentNaam": "Begeleiding",
        "gebied": "Tilburg",
        "bedragCents": 1_250_000_00,
    }
    return await client.post(
        "/api/v1/budgetten", json=body | overrides, headers=harness.headers("controller")
    )


async def test_a_controller_sets_a_budget_line_in_cents_and_reads_it_back(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    created = await create(client, harness, bedragCents=4_040_000_000_00)
    assert created.status_code == 201
    budget_id = created.json()["id"]
    assert created.headers["Location"] == f"/api/v1/budgetten/{budget_id}"
    read = await client.get(f"/api/v1/budgetten/{budget_id}", headers=harness.headers("auditor"))
    assert read.status_code == 200
    assert read.json() == {
        "id": budget_id,
        "jaar": 2026,
        "segmentNaam": "Begeleiding",
        "gebied": "Tilburg",
        "gemeentecode": None,
        "bedragCents": 4_040_000_000_00,
        "drempelPercentages": [90, 100],
        "verplichtCents": 0,
        "gerealiseerdCents": 0,
        "openstaandCents": 0,
        "prognoseCents": 0,
        "runRatePrognoseCents": None,
        "prognoseMaanden": 0,
        "createdAt": created.json()["createdAt"],
    }


async def test_a_year_segment_and_gebied_have_one_budget_line(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    assert (await create(client, harness)).status_code == 201
    again = await create(client, harness, bedragCents=1)
    assert again.status_code == 409
    assert again.json()["type"].endswith("/budget-bestaat-al")
    assert (await create(client, harness, gebied="Oost")).status_code == 201
    assert (await create(client, harness, jaar=2027)).status_code == 201
    # A gemeente has its own line beside the region's, once too.
    assert (await create(client, harness, gemeentecode="0855")).status_code == 201
    assert (await create(client, harness, gemeentecode="0855")).status_code == 409
    bad = await create(client, harness, gemeentecode="Tilburg")
    assert bad.status_code == 400
    assert [p["name"] for p in bad.json()["invalidParams"]] == ["gemeentecode"]


async def test_a_regional_budget_line_without_gebied_is_unique_too(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    assert (await create(client, harness, gebied=None)).status_code == 201
    assert (await create(client, harness, gebied=None)).status_code == 409
    # The database holds the same line even when two writers race past the service's check.
    async with harness.sessionmaker() as session:
        session.add(Budget(jaar=2026, segment_naam="Begeleiding", gebied=None, bedrag_cents=1))
        with pytest.raises(IntegrityError):
            await session.commit()


async def test_a_negative_amount_and_other_invalid_fields_are_one_400_problem(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    response = await create(client, harness, bedragCents=-1, jaar=1999, segmentNaam="")
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"bedragCents", "jaar", "segmentNaam"}
    fractional = await create(client, harness, bedragCents=10.5)
    assert fractional.status_code == 400


async def test_the_list_filters_on_year_in_a_stable_order_and_is_paged(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    await create(client, harness, gebied="West")
    await create(client, harness, gebied=None)
    await create(client, harness, segmentNaam="Beschermd wonen", gebied=None)
    await create(client, harness, jaar=2025)
    page = await client.get(
        "/api/v1/budgetten?jaar=2026&pageSize=2", headers=harness.headers("auditor")
    )
    assert page.status_code == 200
    assert page.json()["count"] == 3
    assert [(b["segmentNaam"], b["gebied"]) for b in page.json()["results"]] == [
        ("Begeleiding", None),
        ("Begeleiding", "West"),
    ]
    assert 'rel="next"' in page.headers["Link"]
    everything = await client.get("/api/v1/budgetten", headers=harness.headers("controller"))
    assert everything.json()["count"] == 4
    bad_year = await client.get(
        "/api/v1/budgetten?jaar=twintig", headers=harness.headers("controller")
    )
    assert bad_year.status_code == 400
    assert [p["name"] for p in bad_year.json()["invalidParams"]] == ["jaar"]


async def test_only_controllers_set_budgets_and_only_they_and_auditors_read_them(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    auditor = await client.post(
        "/api/v1/budgetten",
        json={"jaar": 2026, "segmentNaam": "X", "bedragCents": 1},
        headers=harness.headers("auditor"),
    )
    assert auditor.status_code == 403
    for role in ("consultant", "contract-manager"):
        listed = await client.get("/api/v1/budgetten", headers=harness.headers(role))
        assert listed.status_code == 403
    assert (await client.get("/api/v1/budgetten")).status_code == 401


async def test_thresholds_must_rise_strictly_and_stay_positive(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    for drempels in ([90, 70], [90, 90], [0], []):
        response = await create(client, harness, drempelPercentages=drempels)
        assert response.status_code == 400, drempels
        assert response.json()["invalidParams"][0]["name"].startswith("drempelPercentages")
    assert (await create(client, harness, drempelPercentages=[70, 90, 100])).status_code == 201

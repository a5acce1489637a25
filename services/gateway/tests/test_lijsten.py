"""The gateway's lists filter on what a screen has (aanbieder, gemeente, berichtsoort, status, a
period) and sort with the NLGov `sort` parameter; an unknown sort field is a 400 that names the
allowed ones."""

import httpx
import pytest

from wmo_gateway.settings import Settings
from wmo_testing.gateway import GEMEENTE, XML, fresh_nummer, wmo305
from wmo_testing.harness import ServiceHarness
from wmo_testing.nummers import fresh_agb


async def test_the_berichtenlogboek_sorts_oldest_first_on_request_and_filters_on_the_gemeente(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    agb = fresh_agb()
    ids = []
    for identificatie in ("S1", "S2"):
        posted = await client.post(
            "/api/v1/berichten",
            content=wmo305(agb, fresh_nummer(), identificatie),
            headers=XML | harness.headers("provider", agb=agb),
        )
        ids.append(posted.json()["id"])
    ops = harness.headers("operations")
    nieuwste = await client.get("/api/v1/berichten", params={"aanbiederAgb": agb}, headers=ops)
    assert [b["id"] for b in nieuwste.json()["results"]] == ids[::-1]
    oudste = await client.get(
        "/api/v1/berichten", params={"aanbiederAgb": agb, "sort": "receivedAt"}, headers=ops
    )
    assert [b["id"] for b in oudste.json()["results"]] == ids
    eigen_gemeente = await client.get(
        "/api/v1/berichten", params={"aanbiederAgb": agb, "gemeentecode": GEMEENTE}, headers=ops
    )
    assert eigen_gemeente.json()["count"] == 2
    andere = "0363" if GEMEENTE != "0363" else "0344"
    andere_gemeente = await client.get(
        "/api/v1/berichten", params={"aanbiederAgb": agb, "gemeentecode": andere}, headers=ops
    )
    assert andere_gemeente.json()["count"] == 0


@pytest.mark.parametrize(
    ("lijst", "toegestaan"),
    [("berichten", "receivedAt"), ("openstaande-antwoorden", "antwoordDeadline")],
)
async def test_an_unknown_sort_field_is_a_400_that_names_the_allowed_ones(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], lijst: str, toegestaan: str
) -> None:
    response = await client.get(
        f"/api/v1/{lijst}", params={"sort": "-bsn"}, headers=harness.headers("operations")
    )
    assert response.status_code == 400, response.text
    [finding] = response.json()["invalidParams"]
    assert (finding["name"], finding["code"]) == ("sort", "onbekend-sorteerveld")
    assert toegestaan in finding["reason"]

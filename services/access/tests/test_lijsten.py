"""Every list a case-file screen needs filters on the client (and status and period where the
list has them) and sorts with the NLGov `sort` parameter."""

from datetime import timedelta
from typing import Any

import httpx
import pytest

from wmo_access.settings import Settings
from wmo_testing.access import TODAY, Markt, Toegang, indicatie
from wmo_testing.harness import ServiceHarness

LIJSTEN = ["meldingen", "onderzoeken", "ondersteuningsplannen", "aanvragen", "beschikkingen"]


async def listed(toegang: Toegang, lijst: str, **params: Any) -> httpx.Response:
    return await toegang.client.get(f"/api/v1/{lijst}", params=params, headers=toegang.consultant)


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["results"]]


async def test_every_list_of_a_clients_file_filters_on_the_client(
    toegang: Toegang, markt: Markt
) -> None:
    klant = await toegang.register_client()
    andere = await toegang.register_client()
    eigen = await toegang.beschikking(klant["id"], [indicatie(markt.segment_id)])
    await toegang.beschikking(andere["id"], [indicatie(markt.segment_id)])
    for lijst in LIJSTEN:
        response = await listed(toegang, lijst, clientId=klant["id"])
        assert response.json()["count"] == 1, lijst
        [item] = response.json()["results"]
        if "clientId" in item:
            assert item["clientId"] == klant["id"], lijst
    [beschikking] = (await listed(toegang, "beschikkingen", clientId=klant["id"])).json()["results"]
    assert beschikking["id"] == eigen["id"]
    assert beschikking["indicaties"] == eigen["indicaties"]


async def test_lists_sort_on_their_documented_fields_either_way(toegang: Toegang) -> None:
    klant = await toegang.register_client()
    aanvragen = [
        await toegang.ok(
            "aanvragen",
            {"clientId": klant["id"], "aanvraagdatum": (TODAY - timedelta(days=d)).isoformat()},
        )
        for d in (5, 9, 1)
    ]
    nieuwste_eerst = await listed(toegang, "aanvragen", clientId=klant["id"], sort="-aanvraagdatum")
    assert ids(nieuwste_eerst) == [aanvragen[2]["id"], aanvragen[0]["id"], aanvragen[1]["id"]]
    oudste_eerst = await listed(toegang, "aanvragen", clientId=klant["id"], sort="aanvraagdatum")
    assert ids(oudste_eerst) == list(reversed(ids(nieuwste_eerst)))


async def test_a_period_keeps_what_falls_in_it_and_an_inverted_one_is_a_400(
    toegang: Toegang,
) -> None:
    klant = await toegang.register_client()
    meldingen = [
        await toegang.ok(
            "meldingen",
            {
                "clientId": klant["id"],
                "meldingsdatum": (TODAY - timedelta(days=d)).isoformat(),
                "omschrijving": "x",
            },
        )
        for d in (30, 10, 0)
    ]
    binnen = await listed(
        toegang,
        "meldingen",
        clientId=klant["id"],
        vanaf=(TODAY - timedelta(days=10)).isoformat(),
        totEnMet=(TODAY - timedelta(days=1)).isoformat(),
    )
    assert ids(binnen) == [meldingen[1]["id"]]
    omgekeerd = await listed(
        toegang, "meldingen", vanaf=TODAY.isoformat(), totEnMet=(TODAY - timedelta(1)).isoformat()
    )
    assert omgekeerd.status_code == 400
    assert omgekeerd.json()["invalidParams"][0]["name"] == "totEnMet"


async def test_status_filters_onderzoeken_beschikkingen_and_verzoeken(
    toegang: Toegang, markt: Markt
) -> None:
    klant = await toegang.register_client()
    await toegang.beschikking(klant["id"], [indicatie(markt.segment_id)])
    melding = await toegang.ok(
        "meldingen",
        {"clientId": klant["id"], "meldingsdatum": TODAY.isoformat(), "omschrijving": "x"},
    )
    lopend = await toegang.ok(
        "onderzoeken", {"meldingId": melding["id"], "startdatum": TODAY.isoformat()}
    )
    assert ids(await listed(toegang, "onderzoeken", clientId=klant["id"], status="lopend")) == [
        lopend["id"]
    ]
    afgerond = await listed(toegang, "onderzoeken", clientId=klant["id"], status="afgerond")
    assert [o["afgerondOp"] is not None for o in afgerond.json()["results"]] == [True]
    assert (await listed(toegang, "beschikkingen", clientId=klant["id"], status="concept")).json()[
        "count"
    ] == 0
    alle = await listed(toegang, "verzoeken", clientId=klant["id"], status="alle")
    assert alle.status_code == 200
    assert alle.json()["count"] == 0


@pytest.mark.parametrize(
    ("lijst", "sort"),
    [
        ("meldingen", "-meldingsdatum,termijnDatum,createdAt"),
        ("onderzoeken", "startdatum,-afgerondOp"),
        ("ondersteuningsplannen", "-vastgesteldOp"),
        ("aanvragen", "termijnDatum,-aanvraagdatum"),
        ("beschikkingen", "-afgiftedatum,beschikkingnummer,createdAt"),
        ("verzoeken", "ontvangenOp,-deadline"),
    ],
)
async def test_every_documented_sort_field_is_accepted(
    toegang: Toegang, lijst: str, sort: str
) -> None:
    response = await listed(toegang, lijst, sort=sort)
    assert response.status_code == 200, response.text


async def test_an_unknown_or_repeated_sort_field_is_a_400_that_names_the_allowed_ones(
    toegang: Toegang,
) -> None:
    response = await listed(toegang, "aanvragen", sort="-bsn,aanvraagdatum,-aanvraagdatum")
    assert response.status_code == 400
    problem = response.json()
    assert problem["type"].endswith("/ongeldige-invoer")
    assert [(p["name"], p["code"]) for p in problem["invalidParams"]] == [
        ("sort", "onbekend-sorteerveld"),
        ("sort", "dubbel-sorteerveld"),
    ]
    assert "aanvraagdatum, termijnDatum" in problem["invalidParams"][0]["reason"]


async def test_openapi_documents_the_filters_and_the_sort_fields_of_each_list(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    document = (await client.get("/api/v1/openapi.json")).json()
    paths = {path.removeprefix("/api/v1"): ops for path, ops in document["paths"].items()}
    for lijst in [*LIJSTEN, "verzoeken"]:
        parameters = {p["name"]: p for p in paths[f"/{lijst}"]["get"]["parameters"]}
        assert {"clientId", "sort", "vanaf", "totEnMet"} <= parameters.keys(), lijst
        assert "Toegestaan:" in parameters["sort"]["description"], lijst
    aanvragen = {p["name"]: p for p in paths["/aanvragen"]["get"]["parameters"]}
    assert "`aanvraagdatum`" in aanvragen["sort"]["description"]

"""Every list a case-file screen needs filters on the client (and status and period where the
list has them) and sorts with the NLGov `sort` parameter."""

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest

from wmo_access.settings import Settings
from wmo_testing.access import START, TODAY, Markt, Toegang, indicatie
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
    for lijst in [*LIJSTEN, "verzoeken", "toewijzingen", "overgangsdossiers"]:
        parameters = {p["name"]: p for p in paths[f"/{lijst}"]["get"]["parameters"]}
        assert {"clientId", "sort", "vanaf", "totEnMet"} <= parameters.keys(), lijst
        assert "Toegestaan:" in parameters["sort"]["description"], lijst
    aanvragen = {p["name"]: p for p in paths["/aanvragen"]["get"]["parameters"]}
    assert "`aanvraagdatum`" in aanvragen["sort"]["description"]


async def test_a_clients_toewijzingen_filter_on_status_and_period_and_sort_on_ingangsdatum(
    toegang: Toegang, harness: ServiceHarness[Settings], markt: Markt
) -> None:
    klant = await toegang.register_client()
    later = START + timedelta(days=90)
    beschikking = await toegang.beschikking(
        klant["id"],
        [
            indicatie(markt.segment_id, einddatum=(START + timedelta(days=60)).isoformat()),
            indicatie(
                markt.segment_id,
                ingangsdatum=later.isoformat(),
                einddatum=(later + timedelta(days=90)).isoformat(),
            ),
        ],
    )
    eerste, tweede = [
        await toegang.toewijzing(ind["id"], markt.agb) for ind in beschikking["indicaties"]
    ]
    assert eerste.status_code == tweede.status_code == 201, eerste.text
    await toegang.ok(
        f"toewijzingen/{eerste.json()['id']}/beeindigingen",
        {"einddatum": (START + timedelta(days=30)).isoformat(), "redenWijziging": "05"},
        **{"If-Match": eerste.headers["ETag"]},
    )

    actief = await listed(toegang, "toewijzingen", clientId=klant["id"], status="actief")
    assert ids(actief) == [tweede.json()["id"]]
    nieuwste_eerst = await listed(
        toegang, "toewijzingen", clientId=klant["id"], sort="-ingangsdatum"
    )
    assert ids(nieuwste_eerst) == [tweede.json()["id"], eerste.json()["id"]]
    vanaf_later = await listed(
        toegang, "toewijzingen", clientId=klant["id"], vanaf=later.isoformat()
    )
    assert ids(vanaf_later) == [tweede.json()["id"]]
    in_segment = await listed(
        toegang, "toewijzingen", segmentId=str(markt.segment_id), aanbiederAgb=markt.agb
    )
    assert {t["id"] for t in in_segment.json()["results"]} >= set(ids(nieuwste_eerst))

    onbekend = await listed(toegang, "toewijzingen", sort="bsn")
    assert onbekend.status_code == 400
    assert "ingangsdatum" in onbekend.json()["invalidParams"][0]["reason"]
    eigen = harness.headers("provider", agb=markt.agb)
    van_ander = await toegang.client.get(
        "/api/v1/toewijzingen", params={"aanbiederAgb": "00000001"}, headers=eigen
    )
    assert van_ander.status_code == 403


async def test_the_werkvoorraad_filters_on_the_client_and_sorts_on_the_deadline(
    client: httpx.AsyncClient, toegang: Toegang, harness: ServiceHarness[Settings], markt: Markt
) -> None:
    klanten = [await toegang.register_client() for _ in range(2)]
    for klant, dagen in zip(klanten, (60, 70), strict=True):
        beschikking = await toegang.beschikking(
            klant["id"],
            [indicatie(markt.segment_id, einddatum=(START + timedelta(days=dagen)).isoformat())],
        )
        created = await toegang.toewijzing(beschikking["indicaties"][0]["id"], markt.agb)
        assert created.status_code == 201, created.text
    checked = await client.post(
        "/api/v1/indicaties/_verloopcontrole",
        json={"peildatum": (START + timedelta(days=30)).isoformat()},
        headers=harness.headers("operations"),
    )
    assert checked.status_code == 200, checked.text

    eigen = await listed(toegang, "taken", clientId=klanten[0]["id"], soort="herindicatie")
    assert [t["clientId"] for t in eigen.json()["results"]] == [klanten[0]["id"]]
    beide = [
        t
        for t in (await listed(toegang, "taken", soort="herindicatie", sort="-deadline")).json()[
            "results"
        ]
        if t["clientId"] in {k["id"] for k in klanten}
    ]
    assert [t["clientId"] for t in beide] == [klanten[1]["id"], klanten[0]["id"]]
    assert beide[0]["deadline"] > beide[1]["deadline"]
    onbekend = await listed(toegang, "taken", sort="naam")
    assert onbekend.status_code == 400
    assert "deadline" in onbekend.json()["invalidParams"][0]["reason"]


async def test_overgangsdossiers_filter_on_the_client_and_refuse_an_unknown_sort_field(
    toegang: Toegang,
) -> None:
    response = await listed(
        toegang, "overgangsdossiers", clientId=str(uuid.uuid4()), sort="-overgangsdatum"
    )
    assert response.json()["count"] == 0
    onbekend = await listed(toegang, "overgangsdossiers", sort="bsn")
    assert onbekend.status_code == 400
    assert "overgangsdatum" in onbekend.json()["invalidParams"][0]["reason"]

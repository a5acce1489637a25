from decimal import Decimal
from typing import Any

from wmo_common.events.contracting import VerwervingsstrategieGepubliceerd
from wmo_testing.contracting import Received, Regio


def strategie(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "toegang": {
            "maxIndicatieMaanden": 12,
            "individueleBeschikking": False,
            "herindicatieDoorlooptijdDagen": 42,
            "casusregie": "coalitie",
        },
        "bekostiging": {
            "model": "taakgericht",
            "kortingspercentage": "6",
            "uitvoeringsbijdragePercentage": "15",
        },
        "leveranciersmanagement": {"beleid": "een-per-gebied"},
        "contractvoorwaarden": {
            "looptijdJaren": 4,
            "verlengingsopties": [2, 2],
            "opzegtermijnMaanden": 6,
        },
        "prestatieIndicatoren": [
            {"code": "uitstroom", "naam": "Uitstroom", "streefwaarde": "60", "eenheid": "procent"}
        ],
    }
    return body | overrides


async def test_a_published_strategy_carries_the_four_instruments_to_access_and_finance(
    regio: Regio, received: Received
) -> None:
    segment_id = await regio.segment(gebieden=["West", "Tilburg", "Oost", "Heusden"])
    created = await regio.post(f"/segmenten/{segment_id}/verwervingsstrategieen", strategie())
    assert created.status_code == 201, created.text
    assert (created.json()["versie"], created.json()["status"]) == (1, "concept")
    assert created.headers["Location"] == f"/api/v1/verwervingsstrategieen/{created.json()['id']}"

    published = await regio.post(f"/verwervingsstrategieen/{created.json()['id']}/publicaties", {})
    assert published.status_code == 200
    assert published.json()["status"] == "gepubliceerd"
    assert published.json()["bekostiging"] == {
        "model": "taakgericht",
        "realisatiefactor": None,
        "resultaatPercentage": None,
        "kortingspercentage": "6.00",
        "uitvoeringsbijdragePercentage": "15.00",
        "budgetplafondCents": None,
    }

    (event,) = await received.wait_for(segment_id, 1)
    assert isinstance(event, VerwervingsstrategieGepubliceerd)
    assert (event.versie, event.wet, event.segment_naam) == (1, "wmo", "Begeleiding")
    assert event.gebieden == ["West", "Tilburg", "Oost", "Heusden"]
    assert event.toegang.individuele_beschikking is False
    assert event.toegang.max_indicatie_maanden == 12
    assert str(event.bekostiging.kortingspercentage) == "6.00"
    assert event.leveranciersbeleid == "een-per-gebied"
    assert event.contractvoorwaarden is not None
    assert event.contractvoorwaarden.verlengingsopties == [2, 2]
    assert [(p.code, p.streefwaarde) for p in event.prestatie_indicatoren] == [
        ("uitstroom", Decimal(60))
    ]


async def test_a_new_version_replaces_the_published_one_and_the_history_stays(
    regio: Regio, received: Received
) -> None:
    segment_id = await regio.segment()
    path = f"/segmenten/{segment_id}/verwervingsstrategieen"
    first = (await regio.post(path, strategie())).json()
    await regio.post(f"/verwervingsstrategieen/{first['id']}/publicaties", {})
    resultaatgericht = strategie(
        bekostiging={
            "model": "outputgericht",
            "realisatiefactor": "0.95",
            "resultaatPercentage": "20",
        }
    )
    second = (await regio.post(path, resultaatgericht)).json()
    assert second["versie"] == 2
    third = (await regio.post(path, strategie())).json()
    published = await regio.post(f"/verwervingsstrategieen/{third['id']}/publicaties", {})
    assert published.status_code == 200

    older = await regio.post(f"/verwervingsstrategieen/{second['id']}/publicaties", {})
    assert older.status_code == 409
    assert older.json()["type"].endswith("/nieuwere-versie-gepubliceerd")
    again = await regio.post(f"/verwervingsstrategieen/{third['id']}/publicaties", {})
    assert again.status_code == 409
    assert again.json()["type"].endswith("/verwervingsstrategie-al-gepubliceerd")

    versions = await regio.get(path, role="auditor")
    assert [(v["versie"], v["status"]) for v in versions.json()["results"]] == [
        (3, "gepubliceerd"),
        (2, "concept"),
        (1, "vervangen"),
    ]
    assert versions.json()["results"][1]["bekostiging"]["resultaatPercentage"] == "20.00"
    events = await received.wait_for(segment_id, 2)
    assert [e.versie for e in events if isinstance(e, VerwervingsstrategieGepubliceerd)] == [1, 3]


async def test_parameters_that_do_not_fit_the_financing_model_are_invalid(regio: Regio) -> None:
    segment_id = await regio.segment()
    path = f"/segmenten/{segment_id}/verwervingsstrategieen"
    cases = [
        {"model": "inspanningsgericht", "kortingspercentage": "6"},
        {"model": "outputgericht"},
        {"model": "taakgericht", "resultaatPercentage": "20"},
        {"model": "taakgericht", "kortingspercentage": "120"},
    ]
    for bekostiging in cases:
        response = await regio.post(path, strategie(bekostiging=bekostiging))
        assert response.status_code == 400, bekostiging
        assert response.json()["invalidParams"][0]["name"].startswith("bekostiging")
    limited = await regio.post(path, strategie(leveranciersmanagement={"beleid": "beperkt"}))
    assert limited.status_code == 400
    assert "maxAanbieders" in limited.json()["invalidParams"][0]["reason"]
    assert (await regio.get(path)).json()["count"] == 0


async def test_only_contract_managers_write_strategies(regio: Regio) -> None:
    segment_id = await regio.segment()
    path = f"/segmenten/{segment_id}/verwervingsstrategieen"
    for role in ("consultant", "controller", "auditor"):
        assert (await regio.post(path, strategie(), role=role)).status_code == 403
    created = (await regio.post(path, strategie())).json()
    refused = await regio.post(
        f"/verwervingsstrategieen/{created['id']}/publicaties", {}, role="controller"
    )
    assert refused.status_code == 403
    assert (await regio.get(f"/verwervingsstrategieen/{created['id']}")).status_code == 200
    unknown = await regio.get(
        "/segmenten/00000000-0000-4000-8000-000000000000/verwervingsstrategieen"
    )
    assert unknown.status_code == 404

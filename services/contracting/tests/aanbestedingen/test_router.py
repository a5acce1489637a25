from typing import Any

from wmo_testing.contracting import COMBINANT, HOOFDAANNEMER, Regio


def aanbesteding(segment_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "segmentId": segment_id,
        "naam": "Begeleiding 2026-2033",
        "procedure": "partnerschap",
        "percelen": [
            {"naam": "Perceel West", "gebied": "West"},
            {"naam": "Perceel Tilburg", "gebied": "Tilburg"},
        ],
    }
    return body | overrides


async def test_a_perceel_is_awarded_to_a_coalition_and_a_contract_follows_from_it(
    regio: Regio,
) -> None:
    segment_id = await regio.segment()
    created = await regio.post("/aanbestedingen", aanbesteding(segment_id))
    assert created.status_code == 201
    tender = created.json()
    west = tender["percelen"][1]
    assert west["naam"] == "Perceel West"
    path = f"/aanbestedingen/{tender['id']}/percelen/{west['id']}/gunningen"
    coalition = [HOOFDAANNEMER, COMBINANT | {"rol": "strategische-partner"}]
    awarded = await regio.post(path, {"partijen": coalition})
    assert awarded.status_code == 201
    perceel = next(p for p in awarded.json()["percelen"] if p["id"] == west["id"])
    assert perceel["gegundAt"] is not None
    assert [(w["aanbiederAgb"], w["rol"]) for w in perceel["winnaars"]] == [
        ("11111111", "hoofdaannemer"),
        ("22222222", "strategische-partner"),
    ]
    twice = await regio.post(path, {"partijen": [COMBINANT | {"rol": "hoofdaannemer"}]})
    assert twice.status_code == 409
    assert twice.json()["type"].endswith("/perceel-al-gegund")

    contract = await regio.contract(segment_id, perceelId=west["id"], gebieden=["West"])
    assert contract["perceelId"] == west["id"]
    read = await regio.get(f"/aanbestedingen/{tender['id']}", role="auditor")
    assert read.json()["percelen"][1]["winnaars"][0]["naam"] == "Coalitie Zorg"


async def test_a_bid_has_one_lead_and_a_perceel_lies_in_the_segment(regio: Regio) -> None:
    segment_id = await regio.segment()
    outside = await regio.post(
        "/aanbestedingen",
        aanbesteding(segment_id, percelen=[{"naam": "Perceel Breda", "gebied": "Breda"}]),
    )
    assert outside.status_code == 409
    assert outside.json()["type"].endswith("/gebied-buiten-segment")
    tender = (await regio.post("/aanbestedingen", aanbesteding(segment_id))).json()
    perceel = tender["percelen"][0]
    path = f"/aanbestedingen/{tender['id']}/percelen/{perceel['id']}/gunningen"
    two_leads = await regio.post(
        path, {"partijen": [HOOFDAANNEMER, COMBINANT | {"rol": "hoofdaannemer"}]}
    )
    assert two_leads.status_code == 400
    no_lead = await regio.post(path, {"partijen": [COMBINANT]})
    assert no_lead.status_code == 400
    assert (
        await regio.post(path, {"partijen": [HOOFDAANNEMER]}, role="auditor")
    ).status_code == 403

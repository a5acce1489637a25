"""Each contract rule refused with a problem that says what is wrong, and nothing half-written."""

from typing import Any

from wmo_testing.contracting import COMBINANT, HOOFDAANNEMER, Regio, onderaannemer, relative

TARIEF_2026 = {
    "product": {"categorie": "02", "code": "02A01"},
    "bedragCents": 6543,
    "geldigVanaf": "2026-01-01",
    "geldigTot": "2026-12-31",
}


def codes(response: Any) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json().get("invalidParams", [])]


async def count_contracten(regio: Regio) -> int:
    count: int = (await regio.get("/contracten")).json()["count"]
    return count


async def test_overlapping_tarieven_for_one_product_are_refused_in_a_new_contract(
    regio: Regio,
) -> None:
    await regio.product()
    segment_id = await regio.segment()
    overlapping = TARIEF_2026 | {"geldigVanaf": "2026-07-01", "geldigTot": None}
    response = await regio.post(
        "/contracten", regio.contract_body(segment_id, tarieven=[TARIEF_2026, overlapping])
    )
    assert response.status_code == 400
    assert codes(response) == [("tarieven.1", "tarieven-overlappen")]
    reason = response.json()["invalidParams"][0]["reason"]
    assert "02/02A01" in reason
    assert "2026-07-01" in reason
    assert await count_contracten(regio) == 0


async def test_a_tarief_overlapping_one_the_contract_holds_is_a_conflict(regio: Regio) -> None:
    contract = await regio.contract(tarieven=[TARIEF_2026])
    response = await regio.post(
        f"/contracten/{contract['id']}/tarieven", TARIEF_2026 | {"geldigVanaf": "2026-12-31"}
    )
    assert response.status_code == 409
    assert response.json()["type"].endswith("/tarieven-overlappen")
    following = await regio.post(
        f"/contracten/{contract['id']}/tarieven",
        TARIEF_2026 | {"geldigVanaf": "2027-01-01", "geldigTot": None, "bedragCents": 6700},
    )
    assert following.status_code == 201
    assert [t["bedragCents"] for t in following.json()["tarieven"]] == [6543, 6700]


async def test_a_contract_has_one_hoofdaannemer(regio: Regio) -> None:
    await regio.product()
    segment_id = await regio.segment()
    second = COMBINANT | {"rol": "hoofdaannemer"}
    response = await regio.post(
        "/contracten", regio.contract_body(segment_id, partijen=[HOOFDAANNEMER, second])
    )
    assert response.status_code == 400
    assert codes(response) == [("partijen", "twee-hoofdaannemers")]

    contract = await regio.contract(segment_id, contractnummer="C-2")
    added = await regio.post(
        f"/contracten/{contract['id']}/partijen",
        {"aanbiederAgb": "44444444", "naam": "Tweede", "rol": "hoofdaannemer"},
    )
    assert added.status_code == 409
    assert added.json()["type"].endswith("/twee-hoofdaannemers")
    assert "11111111" in added.json()["detail"]


async def test_an_onderaannemer_needs_recorded_consent_and_a_hoofdaannemer(regio: Regio) -> None:
    await regio.product()
    segment_id = await regio.segment()
    zonder_toestemming = onderaannemer() | {"toestemmingsdatum": None}
    response = await regio.post(
        "/contracten",
        regio.contract_body(segment_id, partijen=[HOOFDAANNEMER, zonder_toestemming]),
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "partijen.1"
    assert "toestemmingsdatum" in response.json()["invalidParams"][0]["reason"]

    alleen = await regio.post(
        "/contracten", regio.contract_body(segment_id, partijen=[COMBINANT, onderaannemer()])
    )
    assert alleen.status_code == 400
    assert codes(alleen) == [("partijen", "onderaannemer-zonder-hoofdaannemer")]

    contract = await regio.contract(segment_id, partijen=[COMBINANT])
    added = await regio.post(f"/contracten/{contract['id']}/partijen", onderaannemer())
    assert added.status_code == 409
    assert added.json()["type"].endswith("/onderaannemer-zonder-hoofdaannemer")


async def test_dates_out_of_order_are_invalid_input(regio: Regio) -> None:
    await regio.product()
    segment_id = await regio.segment()
    response = await regio.post(
        "/contracten",
        regio.contract_body(
            segment_id,
            einddatum="2025-12-31",
            tarieven=[TARIEF_2026 | {"geldigTot": "2025-01-01"}],
        ),
    )
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"einddatum", "tarieven.0.geldigTot"}
    assert await count_contracten(regio) == 0


async def test_a_product_not_in_the_catalogue_is_refused_by_name(regio: Regio) -> None:
    segment_id = await regio.segment()
    response = await regio.post("/contracten", regio.contract_body(segment_id))
    assert response.status_code == 409
    assert response.json()["type"].endswith("/product-niet-in-catalogus")
    assert "02/02A01" in response.json()["detail"]


async def test_an_incomplete_contract_is_not_activated_and_everything_missing_is_named(
    regio: Regio,
) -> None:
    contract = await regio.contract(
        partijen=[COMBINANT],
        gebieden=[],
        tarieven=[TARIEF_2026 | {"geldigVanaf": "2026-03-01"}],
    )
    response = await regio.post(f"/contracten/{contract['id']}/activeringen", {})
    assert response.status_code == 409
    assert response.json()["type"].endswith("/contract-niet-activeerbaar")
    assert {p["code"] for p in response.json()["invalidParams"]} == {
        "geen-hoofdaannemer",
        "geen-gebieden",
        "tarief-ontbreekt",
    }
    read = await regio.get(f"/contracten/{contract['id']}")
    assert read.json()["status"] == "concept"


async def test_a_lumpsum_contract_is_activated_without_tarieven(regio: Regio) -> None:
    await regio.product()
    contract = await regio.contract(
        tarieven=[],
        producten=[{"categorie": "02", "code": "02A01"}],
        bekostiging={
            "model": "taakgericht",
            "kortingspercentage": "6",
            "uitvoeringsbijdragePercentage": "15",
        },
    )
    response = await regio.post(f"/contracten/{contract['id']}/activeringen", {})
    assert response.status_code == 200
    assert response.json()["bekostiging"]["kortingspercentage"] == "6.00"


async def test_an_active_contract_changes_only_through_an_amendment(regio: Regio) -> None:
    contract = await regio.active_contract()
    direct = await regio.post(f"/contracten/{contract['id']}/partijen", onderaannemer())
    assert direct.status_code == 409
    assert direct.json()["type"].endswith("/wijziging-vereist")
    tarief = await regio.post(
        f"/contracten/{contract['id']}/tarieven",
        TARIEF_2026 | {"geldigVanaf": "2030-01-01", "geldigTot": None},
    )
    assert tarief.status_code == 409

    amended = await regio.post(
        f"/contracten/{contract['id']}/wijzigingen",
        {"reden": "Extra expertise voor autisme", "partijenToevoegen": [onderaannemer()]},
    )
    assert amended.status_code == 201
    read = await regio.get(f"/contracten/{contract['id']}")
    assert "33333333" in {p["aanbiederAgb"] for p in read.json()["partijen"]}

    empty = await regio.post(f"/contracten/{contract['id']}/wijzigingen", {"reden": "Niets"})
    assert empty.status_code == 400


async def test_an_amendment_that_leaves_no_hoofdaannemer_is_refused_whole(regio: Regio) -> None:
    contract = await regio.active_contract()
    response = await regio.post(
        f"/contracten/{contract['id']}/wijzigingen",
        {"reden": "Penvoerder stopt", "partijenVerwijderen": ["11111111"], "gebieden": ["Oost"]},
    )
    assert response.status_code == 409
    assert response.json()["type"].endswith("/contract-onvolledig")
    assert {p["code"] for p in response.json()["invalidParams"]} == {"geen-hoofdaannemer"}
    read = await regio.get(f"/contracten/{contract['id']}")
    assert read.json()["gebieden"] == ["Tilburg"]
    assert len(read.json()["partijen"]) == 2
    history = await regio.get(f"/contracten/{contract['id']}/wijzigingen")
    assert [e["soort"] for e in history.json()["results"]] == ["activering"]


async def test_the_hoofdaannemer_can_hand_over_to_a_combinant_in_one_amendment(
    regio: Regio,
) -> None:
    contract = await regio.active_contract()
    response = await regio.post(
        f"/contracten/{contract['id']}/wijzigingen",
        {
            "reden": "Penvoerderschap wisselt",
            "partijenToevoegen": [
                HOOFDAANNEMER | {"rol": "combinant"},
                COMBINANT | {"rol": "hoofdaannemer"},
            ],
        },
    )
    assert response.status_code == 201, response.text
    read = await regio.get(f"/contracten/{contract['id']}")
    assert {p["aanbiederAgb"]: p["rol"] for p in read.json()["partijen"]} == {
        "11111111": "combinant",
        "22222222": "hoofdaannemer",
    }


async def test_an_option_decision_deadline_lies_six_months_before_the_end(regio: Regio) -> None:
    await regio.product()
    segment_id = await regio.segment()
    response = await regio.post(
        "/contracten",
        regio.contract_body(
            segment_id, verlengingsopties=[{"jaren": 2, "beslisdatum": "2029-07-01"}]
        ),
    )
    assert response.status_code == 400
    assert codes(response) == [("verlengingsopties.0.beslisdatum", "beslisdatum-te-laat")]
    assert "2029-06-30" in response.json()["invalidParams"][0]["reason"]


async def test_an_extension_the_options_do_not_allow_is_refused(regio: Regio) -> None:
    contract = await regio.active_contract(verlengingsopties=[{"jaren": 2}])
    out_of_order = await regio.post(f"/contracten/{contract['id']}/verlengingen", {"volgnummer": 2})
    assert out_of_order.status_code == 409
    assert out_of_order.json()["type"].endswith("/geen-verlengingsoptie")
    assert (await regio.post(f"/contracten/{contract['id']}/verlengingen", {})).status_code == 200
    none_left = await regio.post(f"/contracten/{contract['id']}/verlengingen", {})
    assert none_left.status_code == 409
    assert none_left.json()["type"].endswith("/geen-verlengingsoptie")


async def test_an_extension_after_its_decision_deadline_is_refused(regio: Regio) -> None:
    contract = await regio.active_contract(
        ingangsdatum=relative(-1000),
        einddatum=relative(90),
        tarieven=[TARIEF_2026 | {"geldigVanaf": relative(-1000), "geldigTot": None}],
    )
    response = await regio.post(f"/contracten/{contract['id']}/verlengingen", {})
    assert response.status_code == 409
    assert response.json()["type"].endswith("/verlengingstermijn-verstreken")
    read = await regio.get(f"/contracten/{contract['id']}")
    assert read.json()["einddatum"] == relative(90)


async def test_notice_before_the_end_respects_the_opzegtermijn(regio: Regio) -> None:
    contract = await regio.active_contract(
        ingangsdatum=relative(-30),
        tarieven=[TARIEF_2026 | {"geldigVanaf": relative(-30), "geldigTot": None}],
    )
    response = await regio.post(
        f"/contracten/{contract['id']}/beeindigingen",
        {"einddatum": relative(30), "reden": "Bezuiniging"},
    )
    assert response.status_code == 409
    assert response.json()["type"].endswith("/opzegtermijn-niet-gehaald")
    too_late = await regio.post(
        f"/contracten/{contract['id']}/beeindigingen",
        {"einddatum": "2031-01-01", "reden": "Later"},
    )
    assert too_late.status_code == 409
    assert too_late.json()["type"].endswith("/periode-ongeldig")


async def test_contract_numbers_are_unique(regio: Regio) -> None:
    contract = await regio.contract()
    again = await regio.post("/contracten", regio.contract_body(contract["segmentId"]))
    assert again.status_code == 409
    assert again.json()["type"].endswith("/contractnummer-bestaat-al")

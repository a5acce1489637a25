from typing import Any

from wmo_testing.contracting import COMBINANT, HOOFDAANNEMER, Regio


def partij(agb: str, naam: str = "Zorg B.V.") -> dict[str, str]:
    return {"aanbiederAgb": agb, "naam": naam, "rol": "hoofdaannemer"}


async def published(regio: Regio, segment_id: str, **leveranciersmanagement: Any) -> None:
    body = {
        "toegang": {"maxIndicatieMaanden": 12},
        "bekostiging": {"model": "inspanningsgericht"},
        "leveranciersmanagement": {"beleid": "breed"} | leveranciersmanagement,
        "contractvoorwaarden": {"looptijdJaren": 4, "verlengingsopties": [2, 2]},
    }
    created = await regio.post(f"/segmenten/{segment_id}/verwervingsstrategieen", body)
    assert created.status_code == 201, created.text
    publicatie = await regio.post(f"/verwervingsstrategieen/{created.json()['id']}/publicaties", {})
    assert publicatie.status_code == 200, publicatie.text


async def activate(regio: Regio, segment_id: str, nummer: str, **overrides: Any) -> Any:
    contract = await regio.contract(segment_id, contractnummer=nummer, **overrides)
    return await regio.post(f"/contracten/{contract['id']}/activeringen", {})


def slug(response: Any) -> str:
    return str(response.json()["type"]).rsplit("/", 1)[-1]


async def test_activation_keeps_to_the_strategys_financing_model_and_term(regio: Regio) -> None:
    segment_id = await regio.segment()
    await published(regio, segment_id)

    output = await activate(
        regio,
        segment_id,
        "HVB-OUT",
        bekostiging={"model": "outputgericht", "realisatiefactor": "0.95"},
    )
    assert output.status_code == 409
    assert slug(output) == "bekostiging-buiten-strategie"
    assert "outputgericht" in output.json()["detail"]
    assert "inspanningsgericht" in output.json()["detail"]

    te_lang = await activate(regio, segment_id, "HVB-LANG", einddatum="2030-12-31")
    assert te_lang.status_code == 409
    assert slug(te_lang) == "looptijd-buiten-strategie"
    assert "2029-12-31" in te_lang.json()["detail"]

    te_veel_opties = await activate(
        regio,
        segment_id,
        "HVB-OPTIES",
        verlengingsopties=[{"jaren": 2}, {"jaren": 2}, {"jaren": 1}],
    )
    assert te_veel_opties.status_code == 409
    assert slug(te_veel_opties) == "looptijd-buiten-strategie"
    assert [p["name"] for p in te_veel_opties.json()["invalidParams"]] == ["verlengingsopties.2"]

    binnen = await activate(regio, segment_id, "HVB-BINNEN")
    assert binnen.status_code == 200, binnen.text
    assert binnen.json()["status"] == "actief"


async def test_a_segment_activates_no_more_aanbieders_than_its_strategy_allows(
    regio: Regio,
) -> None:
    segment_id = await regio.segment()
    await published(regio, segment_id, beleid="beperkt", maxAanbieders=2)
    assert (await activate(regio, segment_id, "HVB-A", partijen=[partij("11111111")])).is_success
    assert (await activate(regio, segment_id, "HVB-B", partijen=[partij("22222222")])).is_success

    derde = await activate(regio, segment_id, "HVB-C", partijen=[partij("44444444")])
    assert derde.status_code == 409
    assert slug(derde) == "max-aanbieders-bereikt"
    assert "11111111 (HVB-A)" in derde.json()["detail"]
    assert "22222222 (HVB-B)" in derde.json()["detail"]

    # An aanbieder already contracted takes no extra place with a second contract.
    tweede = await activate(
        regio, segment_id, "HVB-A2", partijen=[partij("11111111")], gebieden=["West"]
    )
    assert tweede.status_code == 200, tweede.text


async def test_one_aanbieder_per_gebied_refuses_a_second_aanbieder_in_a_contracted_gebied(
    regio: Regio,
) -> None:
    segment_id = await regio.segment()
    await published(regio, segment_id, beleid="een-per-gebied")
    eerste = await activate(regio, segment_id, "HVB-TILBURG", partijen=[HOOFDAANNEMER, COMBINANT])
    assert eerste.status_code == 200, eerste.text

    tweede = await activate(
        regio,
        segment_id,
        "HVB-CONCURRENT",
        partijen=[partij("44444444")],
        gebieden=["West", "Tilburg"],
    )
    assert tweede.status_code == 409
    assert slug(tweede) == "gebied-al-gecontracteerd"
    detail = tweede.json()["detail"]
    assert "Tilburg" in detail
    assert "HVB-TILBURG" in detail
    assert "West" not in detail

    # Another gebied, or the same one after the first contract has ended, is free.
    elders = await activate(
        regio, segment_id, "HVB-WEST", partijen=[partij("44444444")], gebieden=["West"]
    )
    assert elders.status_code == 200, elders.text
    later = await activate(
        regio,
        segment_id,
        "HVB-OPVOLGER",
        partijen=[partij("55555555")],
        gebieden=["Tilburg"],
        ingangsdatum="2030-01-01",
        einddatum="2033-12-31",
    )
    assert later.status_code == 200, later.text


async def test_a_contract_from_a_tender_is_made_with_the_parties_awarded_its_perceel(
    regio: Regio,
) -> None:
    segment_id = await regio.segment()
    tender = (
        await regio.post(
            "/aanbestedingen",
            {
                "segmentId": segment_id,
                "naam": "Begeleiding Tilburg",
                "procedure": "partnerschap",
                "percelen": [{"naam": "Perceel Tilburg", "gebied": "Tilburg"}],
            },
        )
    ).json()
    perceel = tender["percelen"][0]

    vroeg = await activate(regio, segment_id, "HVB-VROEG", perceelId=perceel["id"])
    assert vroeg.status_code == 409
    assert slug(vroeg) == "perceel-niet-gegund"

    gunning = await regio.post(
        f"/aanbestedingen/{tender['id']}/percelen/{perceel['id']}/gunningen",
        {"partijen": [HOOFDAANNEMER, COMBINANT]},
    )
    assert gunning.status_code == 201, gunning.text

    ander = await activate(
        regio,
        segment_id,
        "HVB-ANDER",
        perceelId=perceel["id"],
        partijen=[partij("44444444"), COMBINANT],
    )
    assert ander.status_code == 409
    assert slug(ander) == "partijen-niet-gegund"
    assert "44444444" in ander.json()["detail"]

    omgedraaid = await activate(
        regio,
        segment_id,
        "HVB-OMGEDRAAID",
        perceelId=perceel["id"],
        partijen=[COMBINANT | {"rol": "hoofdaannemer"}, HOOFDAANNEMER | {"rol": "combinant"}],
    )
    assert omgedraaid.status_code == 409
    assert slug(omgedraaid) == "partijen-niet-gegund"

    gegund = await activate(regio, segment_id, "HVB-GEGUND", perceelId=perceel["id"])
    assert gegund.status_code == 200, gegund.text

"""What toegang needs of the money rules: a lumpsum contract lists its products without
tarieven, an indicatie asks an intensiteit the contract offers, and an evaluated result names the
toewijzingen whose held-back share depends on it."""

import uuid
from typing import Any

from wmo_access.settings import Settings
from wmo_common.events.common import Product
from wmo_common.events.contracting import (
    CONTRACTEN,
    Bekostiging,
    Contractproduct,
    Tarief,
)
from wmo_testing.access import (
    PRODUCT,
    TODAY,
    Markt,
    Toegang,
    contract,
    indicatie,
    problem_type,
    queued,
    random_agb,
    strategie,
)
from wmo_testing.harness import Drained, Publish, ServiceHarness

AFGEGEVEN = "nl.wmo.indicaties.beschikking-afgegeven.v1"
GEEVALUEERD = "nl.wmo.indicaties.resultaat-geevalueerd.v1"


async def beschikken(toegang: Toegang, *indicaties: dict[str, Any]) -> Any:
    """POST a beschikking for a new client; returns the response."""
    client = await toegang.register_client()
    aanvraag = await toegang.aanvraag(client["id"])
    return await toegang.post(
        "beschikkingen", {"aanvraagId": aanvraag["id"], "indicaties": list(indicaties)}
    )


async def test_a_lumpsum_contract_without_tarieven_takes_toewijzingen_for_the_products_it_lists(
    toegang: Toegang, publish: Publish, drained: Drained
) -> None:
    segment_id, penvoerder, combinant = uuid.uuid4(), random_agb(), random_agb()
    await publish(strategie(segment_id, model="taakgericht"))
    lumpsum = contract(segment_id, [(penvoerder, "hoofdaannemer"), (combinant, "combinant")])
    await publish(
        lumpsum.model_copy(
            update={
                "tarieven": [],
                "producten": [Contractproduct(product=Product.model_validate(PRODUCT))],
                "bekostiging": Bekostiging(model="taakgericht", kortingspercentage=6),
            }
        )
    )
    await drained("contracten", [CONTRACTEN])

    beschikking = await toegang.beschikking(
        (await toegang.register_client())["id"],
        [
            indicatie(segment_id),
            indicatie(segment_id, product={"categorie": "02", "code": "02A02"}),
        ],
    )
    by_code = {i["product"]["code"]: i for i in beschikking["indicaties"]}
    gelijst, niet_gelijst = by_code["02A01"], by_code["02A02"]
    created = await toegang.toewijzing(gelijst["id"], combinant)
    assert created.status_code == 201, created.text
    refused = await toegang.toewijzing(niet_gelijst["id"], combinant)
    assert refused.status_code == 409
    assert problem_type(refused) == "geen-actief-contract"


async def test_an_indicatie_asks_an_intensiteit_its_contracts_offer_for_the_product(
    toegang: Toegang, harness: ServiceHarness[Settings], publish: Publish, drained: Drained
) -> None:
    segment_id, midden_agb, zwaar_agb = uuid.uuid4(), random_agb(), random_agb()
    await publish(strategie(segment_id))
    for agb, intensiteit in ((midden_agb, "midden"), (zwaar_agb, "zwaar")):
        base = contract(segment_id, [(agb, "hoofdaannemer")])
        tarief = base.tarieven[0].model_dump() | {"intensiteit": intensiteit}
        await publish(base.model_copy(update={"tarieven": [Tarief.model_validate(tarief)]}))
    await drained("contracten", [CONTRACTEN])

    # Licht is offered by no contract of the segment: refused with the intensiteit named.
    licht = await beschikken(toegang, indicatie(segment_id, intensiteit="licht"))
    assert licht.status_code == 409
    assert problem_type(licht) == "intensiteit-niet-gecontracteerd"
    assert [p["name"] for p in licht.json()["invalidParams"]] == ["indicaties.0.intensiteit"]
    # Not an intensiteit at all: invalid input.
    onzin = await beschikken(toegang, indicatie(segment_id, intensiteit="4"))
    assert onzin.status_code == 400
    assert [p["name"] for p in onzin.json()["invalidParams"]] == ["indicaties.0.intensiteit"]

    # Zwaar (3) is offered by one of them: kept by its name and announced with the beschikking.
    beschikking = await toegang.beschikking(
        (await toegang.register_client())["id"], [indicatie(segment_id, intensiteit="3")]
    )
    [zwaar] = beschikking["indicaties"]
    assert zwaar["intensiteit"] == "zwaar"
    [announced] = [e for e in await queued(harness, AFGEGEVEN) if e["subject"] == beschikking["id"]]
    assert [i["intensiteit"] for i in announced["data"]["indicaties"]] == ["zwaar"]

    # The aanbieder whose contract offers only midden cannot take it; the other can.
    refused = await toegang.toewijzing(zwaar["id"], midden_agb)
    assert refused.status_code == 409
    assert problem_type(refused) == "intensiteit-niet-gecontracteerd"
    assert (await toegang.toewijzing(zwaar["id"], zwaar_agb)).status_code == 201


async def test_an_evaluated_result_names_the_toewijzing_aanbieder_and_segment_it_pays(
    toegang: Toegang, harness: ServiceHarness[Settings], markt: Markt
) -> None:
    beschikking = await toegang.beschikking(
        (await toegang.register_client())["id"], [indicatie(markt.segment_id)]
    )
    created = await toegang.toewijzing(beschikking["indicaties"][0]["id"], markt.agb)
    assert created.status_code == 201, created.text
    aanvraag = await toegang.client.get(
        f"/api/v1/aanvragen/{beschikking['aanvraagId']}", headers=toegang.consultant
    )
    plan_id = aanvraag.json()["ondersteuningsplanId"]
    plan = await toegang.client.get(
        f"/api/v1/ondersteuningsplannen/{plan_id}", headers=toegang.consultant
    )
    [resultaat] = plan.json()["resultaten"]

    evaluated = await toegang.post(
        f"ondersteuningsplannen/{plan_id}/resultaten/{resultaat['id']}/evaluatie",
        {"behaald": True, "geevalueerdOp": TODAY.isoformat()},
    )
    assert evaluated.status_code == 200, evaluated.text
    [event] = [e for e in await queued(harness, GEEVALUEERD) if e["subject"] == resultaat["id"]]
    assert event["data"]["toewijzingIds"] == [created.json()["id"]]
    assert event["data"]["toewijzingId"] == created.json()["id"]
    assert event["data"]["aanbiederAgb"] == markt.agb
    assert event["data"]["segmentId"] == str(markt.segment_id)
    assert event["data"]["behaald"] is True

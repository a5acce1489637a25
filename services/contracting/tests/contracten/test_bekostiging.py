"""What a contract says about money: its products apart from its tarieven (a lumpsum has none),
a tarief per product and intensiteit, the task budget and the verdeelsleutel over the gemeenten,
and the event that tells the other services all of it."""

from decimal import Decimal

from wmo_common.events.contracting import ContractGeactiveerd, ContractGewijzigd
from wmo_testing.contracting import COMBINANT, HOOFDAANNEMER, Received, Regio

PRODUCT = {"categorie": "02", "code": "02A01"}
LUMPSUM = {"model": "taakgericht", "kortingspercentage": "6", "uitvoeringsbijdragePercentage": "15"}
VERDEELSLEUTEL = [
    {"gemeentecode": "0855", "percentage": "60"},
    {"gemeentecode": "0785", "percentage": "40"},
]


async def test_a_lumpsum_contract_lists_its_products_and_task_budget_without_tarieven(
    regio: Regio, received: Received
) -> None:
    contract = await regio.active_contract(
        bekostiging=LUMPSUM,
        partijen=[HOOFDAANNEMER, COMBINANT],
        tarieven=[],
        producten=[PRODUCT | {"intensiteiten": ["midden", "licht"]}],
        taakbudgetCents=4_040_000_000,
        verdeelsleutel=VERDEELSLEUTEL,
    )
    assert contract["status"] == "actief"
    assert contract["tarieven"] == []
    assert contract["taakbudgetCents"] == 4_040_000_000
    assert [(p["code"], p["intensiteiten"]) for p in contract["producten"]] == [
        ("02A01", ["licht", "midden"])
    ]
    assert contract["verdeelsleutel"] == [
        {"gemeentecode": "0855", "percentage": "60.00"},
        {"gemeentecode": "0785", "percentage": "40.00"},
    ]

    [event] = await received.wait_for(contract["id"], 1)
    assert isinstance(event, ContractGeactiveerd)
    assert event.tarieven == []
    assert [(p.product.code, p.intensiteiten) for p in event.producten] == [
        ("02A01", ["licht", "midden"])
    ]
    assert event.taakbudget_cents == 4_040_000_000
    assert [(r.gemeentecode, r.percentage) for r in event.verdeelsleutel] == [
        ("0855", Decimal("60.00")),
        ("0785", Decimal("40.00")),
    ]


async def test_a_product_with_an_intensiteit_has_its_own_tarief_and_pxq_needs_each_of_them(
    regio: Regio, received: Received
) -> None:
    midden = {"product": PRODUCT, "intensiteit": "midden", "bedragCents": 6543}
    concept = await regio.contract(
        tarieven=[midden | {"geldigVanaf": "2026-01-01"}],
        producten=[PRODUCT | {"intensiteiten": ["midden", "zwaar"]}],
    )
    # P x Q prices every intensiteit it offers: zwaar has no tarief yet.
    incomplete = await regio.post(f"/contracten/{concept['id']}/activeringen", {})
    assert incomplete.status_code == 409
    assert [p["code"] for p in incomplete.json()["invalidParams"]] == ["tarief-ontbreekt"]
    assert "(zwaar)" in incomplete.json()["invalidParams"][0]["reason"]

    zwaar = {"product": PRODUCT, "intensiteit": "zwaar", "bedragCents": 8000}
    added = await regio.post(
        f"/contracten/{concept['id']}/tarieven", zwaar | {"geldigVanaf": "2026-01-01"}
    )
    assert added.status_code in (200, 201), added.text
    # Two tarieven of one intensiteit may not share a day; of two intensiteiten they may.
    overlap = await regio.post(
        f"/contracten/{concept['id']}/tarieven", zwaar | {"geldigVanaf": "2026-06-01"}
    )
    assert overlap.status_code == 409
    assert overlap.json()["type"].endswith("/tarieven-overlappen")

    activated = await regio.post(f"/contracten/{concept['id']}/activeringen", {})
    assert activated.status_code == 200, activated.text
    tarieven = [(t["intensiteit"], t["bedragCents"]) for t in activated.json()["tarieven"]]
    assert tarieven == [("midden", 6543), ("zwaar", 8000)]
    [event] = await received.wait_for(concept["id"], 1)
    assert [(t.intensiteit, t.bedrag_cents) for t in event.tarieven] == tarieven

    # Indexation continues each tarief at its own intensiteit.
    indexed = await regio.post(
        f"/contracten/{concept['id']}/indexaties",
        {"percentage": "10", "ingangsdatum": "2027-01-01", "reden": "OVA 2027"},
    )
    assert indexed.status_code in (200, 201), indexed.text
    [_, gewijzigd] = await received.wait_for(concept["id"], 2)
    assert isinstance(gewijzigd, ContractGewijzigd)
    nieuw = sorted(
        (t.intensiteit, t.bedrag_cents)
        for t in gewijzigd.tarieven
        if t.geldig_vanaf.isoformat() == "2027-01-01"
    )
    assert nieuw == [("midden", 7197), ("zwaar", 8800)]


async def test_a_bad_verdeelsleutel_or_a_task_budget_outside_lumpsum_is_invalid_input(
    regio: Regio,
) -> None:
    segment_id = await regio.segment()
    await regio.product()
    cases = {
        "verdeelsleutel": regio.contract_body(
            segment_id,
            bekostiging=LUMPSUM,
            verdeelsleutel=[{"gemeentecode": "0855", "percentage": "60"}],
        ),
        "taakbudgetCents": regio.contract_body(segment_id, taakbudgetCents=100),
        "tarieven.0.intensiteit": regio.contract_body(
            segment_id,
            tarieven=[
                {
                    "product": PRODUCT,
                    "intensiteit": "heel",
                    "bedragCents": 1,
                    "geldigVanaf": "2026-01-01",
                }
            ],
        ),
    }
    for name, body in cases.items():
        response = await regio.post("/contracten", body)
        assert response.status_code == 400, name
        assert [p["name"] for p in response.json()["invalidParams"]] == [name]


async def test_an_amendment_sets_the_task_budget_and_verdeelsleutel_and_adds_intensiteiten(
    regio: Regio, received: Received
) -> None:
    contract = await regio.active_contract(
        bekostiging=LUMPSUM, tarieven=[], producten=[PRODUCT], taakbudgetCents=1_000_000
    )
    amended = await regio.post(
        f"/contracten/{contract['id']}/wijzigingen",
        {
            "reden": "Taakbudget 2027 en verdeling over de gemeenten",
            "taakbudgetCents": 1_200_000,
            "verdeelsleutel": VERDEELSLEUTEL,
            "productenToevoegen": [PRODUCT | {"intensiteiten": ["zwaar"]}],
        },
    )
    assert amended.status_code == 201, amended.text
    wijzigingen = amended.json()["wijzigingen"]
    assert wijzigingen["taakbudgetCents"] == {"oud": 1_000_000, "nieuw": 1_200_000}
    assert wijzigingen["productenVerruimd"][0]["intensiteiten"] == {"oud": [], "nieuw": ["zwaar"]}
    [_, event] = await received.wait_for(contract["id"], 2)
    assert isinstance(event, ContractGewijzigd)
    assert event.taakbudget_cents == 1_200_000
    assert [r.gemeentecode for r in event.verdeelsleutel] == ["0855", "0785"]
    assert event.producten[0].intensiteiten == ["zwaar"]

    # A P x Q contract has no task budget.
    pxq = await regio.active_contract(
        segment_id=contract["segmentId"], contractnummer="HVB-PXQ-2026"
    )
    refused = await regio.post(
        f"/contracten/{pxq['id']}/wijzigingen", {"reden": "Lumpsum?", "taakbudgetCents": 5}
    )
    assert refused.status_code == 400
    assert [p["name"] for p in refused.json()["invalidParams"]] == ["taakbudgetCents"]

from wmo_common.events.contracting import ContractGewijzigd
from wmo_testing.contracting import Received, Regio


async def test_indexation_continues_each_tarief_at_the_exactly_computed_amount(
    regio: Regio, received: Received
) -> None:
    contract = await regio.active_contract(
        indexatieformule="OVA van het voorgaande jaar, per 1 januari",
        tarieven=[
            {
                "product": {"categorie": "02", "code": "02A01"},
                "bedragCents": 6543,
                "geldigVanaf": "2026-01-01",
            }
        ],
    )
    response = await regio.post(
        f"/contracten/{contract['id']}/indexaties",
        {"percentage": "3.10", "ingangsdatum": "2027-01-01", "reden": "OVA 2027"},
    )
    assert response.status_code == 201, response.text
    indexatie = response.json()["wijzigingen"]["indexatie"]
    assert indexatie["formule"] == "OVA van het voorgaande jaar, per 1 januari"
    # 6543 x 1.031 = 6745.833: rounded once, half up, to a whole cent.
    assert indexatie["tarieven"] == [{"product": "02/02A01", "oud": 6543, "nieuw": 6746}]

    read = await regio.get(f"/contracten/{contract['id']}")
    assert [
        (t["bedragCents"], t["geldigVanaf"], t["geldigTot"]) for t in read.json()["tarieven"]
    ] == [
        (6543, "2026-01-01", "2026-12-31"),
        (6746, "2027-01-01", None),
    ]
    events = await received.wait_for(contract["id"], 2)
    gewijzigd = events[-1]
    assert isinstance(gewijzigd, ContractGewijzigd)
    assert [t.bedrag_cents for t in gewijzigd.tarieven] == [6543, 6746]


async def test_half_a_cent_rounds_up_and_a_date_without_a_running_tarief_is_refused(
    regio: Regio,
) -> None:
    contract = await regio.active_contract(
        tarieven=[
            {
                "product": {"categorie": "02", "code": "02A01"},
                "bedragCents": 1000,
                "geldigVanaf": "2026-01-01",
            }
        ]
    )
    path = f"/contracten/{contract['id']}/indexaties"
    half = await regio.post(
        path, {"percentage": "0.05", "ingangsdatum": "2027-01-01", "reden": "x"}
    )
    assert half.json()["wijzigingen"]["indexatie"]["tarieven"][0]["nieuw"] == 1001
    first_day = await regio.post(
        path, {"percentage": "2", "ingangsdatum": "2026-01-01", "reden": "te vroeg"}
    )
    assert first_day.status_code == 409
    assert first_day.json()["type"].endswith("/geen-tarief-om-te-indexeren")

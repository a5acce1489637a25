from wmo_common.events.contracting import ContractBeeindigd, ContractGeactiveerd, ContractGewijzigd
from wmo_testing.contracting import COMBINANT, HOOFDAANNEMER, Received, Regio, onderaannemer


async def test_a_contract_goes_from_concept_to_verlengd_to_beeindigd_and_consumers_follow_each_step(
    regio: Regio, received: Received
) -> None:
    contract = await regio.contract(
        bekostiging={"model": "inspanningsgericht", "budgetplafondCents": 250_000_000},
        partijen=[HOOFDAANNEMER, COMBINANT, onderaannemer()],
    )
    contract_id = contract["id"]
    assert contract["status"] == "concept"
    assert [(o["jaren"], o["beslisdatum"]) for o in contract["verlengingsopties"]] == [
        (2, "2029-06-30"),
        (2, "2031-06-30"),
    ]

    activated = await regio.post(f"/contracten/{contract_id}/activeringen", {})
    assert activated.status_code == 200
    assert activated.json()["status"] == "actief"

    extended = await regio.post(f"/contracten/{contract_id}/verlengingen", {"volgnummer": 1})
    assert extended.status_code == 200
    assert extended.json()["status"] == "verlengd"
    assert extended.json()["einddatum"] == "2031-12-31"
    assert [o["status"] for o in extended.json()["verlengingsopties"]] == ["gelicht", "open"]

    tarief_id = contract["tarieven"][0]["id"]
    amended = await regio.post(
        f"/contracten/{contract_id}/wijzigingen",
        {
            "reden": "Indexatie 2027 (OVA 3,1 %)",
            "tarievenSluiten": [{"tariefId": tarief_id, "geldigTot": "2026-12-31"}],
            "tarievenToevoegen": [
                {
                    "product": {"categorie": "02", "code": "02A01"},
                    "bedragCents": 6746,
                    "geldigVanaf": "2027-01-01",
                }
            ],
        },
    )
    assert amended.status_code == 201, amended.text
    assert amended.json()["soort"] == "wijziging"

    ended = await regio.post(
        f"/contracten/{contract_id}/beeindigingen",
        {"einddatum": "2031-12-31", "reden": "Niet verder verlengd: nieuwe aanbesteding"},
    )
    assert ended.status_code == 200
    assert ended.json()["status"] == "beeindigd"

    events = await received.wait_for(contract_id, 4)
    assert [type(e) for e in events] == [
        ContractGeactiveerd,
        ContractGewijzigd,
        ContractGewijzigd,
        ContractBeeindigd,
    ]
    geactiveerd, verlengd, gewijzigd, beeindigd = events
    assert isinstance(geactiveerd, ContractGeactiveerd)
    assert {(p.aanbieder_agb, p.rol) for p in geactiveerd.partijen} == {
        ("11111111", "hoofdaannemer"),
        ("22222222", "combinant"),
        ("33333333", "onderaannemer"),
    }
    assert geactiveerd.einddatum.isoformat() == "2029-12-31"
    assert geactiveerd.verlengingsopties == [2, 2]
    assert geactiveerd.bekostiging.budgetplafond_cents == 250_000_000
    assert [(t.product.code, t.eenheid, t.bedrag_cents) for t in geactiveerd.tarieven] == [
        ("02A01", "04", 6543)
    ]
    assert isinstance(verlengd, ContractGewijzigd)
    assert (verlengd.status, verlengd.einddatum.isoformat(), verlengd.verlengingsopties) == (
        "verlengd",
        "2031-12-31",
        [2],
    )
    assert isinstance(gewijzigd, ContractGewijzigd)
    assert [
        (t.bedrag_cents, t.geldig_vanaf.isoformat(), t.geldig_tot and t.geldig_tot.isoformat())
        for t in gewijzigd.tarieven
    ] == [(6543, "2026-01-01", "2026-12-31"), (6746, "2027-01-01", None)]
    assert isinstance(beeindigd, ContractBeeindigd)
    assert (beeindigd.einddatum.isoformat(), beeindigd.status) == ("2031-12-31", "beeindigd")

    history = await regio.get(f"/contracten/{contract_id}/wijzigingen", role="auditor")
    assert history.status_code == 200
    entries = history.json()["results"]
    assert [e["soort"] for e in entries] == ["activering", "verlenging", "wijziging", "beeindiging"]
    assert all(e["door"] == "inkoper@regio" for e in entries)
    assert entries[1]["wijzigingen"]["einddatum"] == {"oud": "2029-12-31", "nieuw": "2031-12-31"}
    assert entries[2]["reden"] == "Indexatie 2027 (OVA 3,1 %)"
    assert entries[2]["wijzigingen"]["tarievenGesloten"] == [
        {"tariefId": tarief_id, "oud": None, "nieuw": "2026-12-31"}
    ]


async def test_a_dissolved_contract_ends_at_once_and_says_so_in_its_event(
    regio: Regio, received: Received
) -> None:
    contract = await regio.active_contract()
    ended = await regio.post(
        f"/contracten/{contract['id']}/beeindigingen",
        {"einddatum": "2026-06-30", "reden": "Wanprestatie", "ontbinding": True},
    )
    assert ended.status_code == 200
    assert (ended.json()["status"], ended.json()["einddatum"]) == ("ontbonden", "2026-06-30")
    events = await received.wait_for(contract["id"], 2)
    beeindigd = events[-1]
    assert isinstance(beeindigd, ContractBeeindigd)
    assert (beeindigd.status, beeindigd.reden) == ("ontbonden", "Wanprestatie")
    again = await regio.post(f"/contracten/{contract['id']}/verlengingen", {})
    assert again.status_code == 409
    assert again.json()["type"].endswith("/contract-niet-actief")
